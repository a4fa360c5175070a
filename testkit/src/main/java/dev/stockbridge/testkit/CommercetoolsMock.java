package dev.stockbridge.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One running {@code @labdigital/commercetools-mock} on 127.0.0.1, started from the launcher in
 * {@code testkit/commercetools-mock} (found from the working directory upwards, or the directory
 * named by the system property {@value #DIR_PROPERTY}).
 * Installs the mock with {@code npm ci} first if {@code node_modules} is missing. Closing it stops
 * the process.
 */
public final class CommercetoolsMock implements AutoCloseable {

  /** System property naming the directory with {@code launch.mjs} and the npm lock file. */
  public static final String DIR_PROPERTY = "stockbridge.ctmock.dir";
  /** The project key the mock serves. */
  public static final String PROJECT_KEY = "test-project";
  /** The only client id the mock's token endpoint accepts. */
  public static final String CLIENT_ID = "stockbridge-test";
  /** The only client secret the mock's token endpoint accepts (a test value, not a real secret). */
  public static final String CLIENT_SECRET = "test-secret-not-real";

  /** Where the launcher sits, relative to the repository's root. */
  private static final String LAUNCHER_DIR = "testkit/commercetools-mock";
  private static final long START_SECONDS = 60;
  private static final long INSTALL_MINUTES = 5;

  private final Process process;
  private final int port;

  private final long startedAt = System.nanoTime();

  private CommercetoolsMock(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Installs (if needed) and starts the mock on a free loopback port, waiting until it is ready.
   *
   * @return the running mock
   * @throws IllegalStateException if node or npm is missing, or the mock does not start
   */
  public static CommercetoolsMock start() {
    Path dir = launcherDirectory();
    requireNode();
    if (!Files.isDirectory(dir.resolve("node_modules/@labdigital/commercetools-mock"))) {
      install(dir);
    }
    int port = freePort();
    Process process;
    try {
      process =
          new ProcessBuilder("node", "launch.mjs", Integer.toString(port), PROJECT_KEY, CLIENT_ID + ":" + CLIENT_SECRET)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start node in " + dir, e);
    }
    CommercetoolsMock mock = new CommercetoolsMock(process, port);
    mock.awaitReady();
    return mock;
  }

  /** The API base URL. @return the URL */
  public URI apiUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The token endpoint. @return the URL */
  public URI tokenUrl() {
    return URI.create("http://127.0.0.1:" + port + "/oauth/token");
  }

  private void awaitReady() {
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch ready = new CountDownLatch(1);
    // A thread of its own: reads the launcher's output for as long as it runs, so that the pipe
    // never fills up, and signals the ready line.
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith("commercetools-mock ready on")) {
                    ready.countDown();
                  } else if (output.size() < 200) {
                    output.add(line);
                  }
                }
              } catch (IOException closed) {
                // the process ended
              }
            },
            "commercetools-mock-output");
    reader.setDaemon(true);
    reader.start();
    try {
      while (!ready.await(100, TimeUnit.MILLISECONDS)) {
        if (!process.isAlive()) {
          throw new IllegalStateException("commercetools mock exited (" + process.exitValue() + ") before it was ready: " + String.join("\n", output));
        }
        if (System.nanoTime() - startedAt > TimeUnit.SECONDS.toNanos(START_SECONDS)) {
          close();
          throw new IllegalStateException("commercetools mock not ready after " + START_SECONDS + " s: " + String.join("\n", output));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting the commercetools mock", e);
    }
  }

  /**
   * The launcher's directory: the system property if set, else {@value #LAUNCHER_DIR} in the working
   * directory or the nearest parent that has it (tests run in their module's directory).
   */
  private static Path launcherDirectory() {
    String configured = System.getProperty(DIR_PROPERTY);
    if (configured != null) {
      Path dir = Path.of(configured).toAbsolutePath();
      if (!Files.isRegularFile(dir.resolve("launch.mjs"))) {
        throw new IllegalStateException("commercetools mock launcher not found in " + dir + " (-D" + DIR_PROPERTY + ")");
      }
      return dir;
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path at = cwd; at != null; at = at.getParent()) {
      if (Files.isRegularFile(at.resolve(LAUNCHER_DIR).resolve("launch.mjs"))) {
        return at.resolve(LAUNCHER_DIR);
      }
    }
    throw new IllegalStateException("commercetools mock launcher " + LAUNCHER_DIR + " not found in " + cwd + " or its parents; set -D" + DIR_PROPERTY);
  }

  private static void requireNode() {
    try {
      Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
        throw new IllegalStateException("`node --version` failed: Node.js 20 or newer is needed to run the commercetools mock");
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "Node.js is not installed or not on the PATH: the commercetools connector's integration tests run"
              + " @labdigital/commercetools-mock with node (20 or newer) and npm",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking for node", e);
    }
  }

  private static void install(Path dir) {
    try {
      Path log = Files.createTempFile("stockbridge-npm-ci", ".log");
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!npm.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
        npm.destroyForcibly();
        throw new IllegalStateException("`npm ci` in " + dir + " took more than " + INSTALL_MINUTES + " minutes");
      }
      if (npm.exitValue() != 0) {
        throw new IllegalStateException("`npm ci` in " + dir + " failed; see " + log);
      }
    } catch (IOException e) {
      throw new IllegalStateException("npm is not installed or not on the PATH: it installs the commercetools mock", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during `npm ci`", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }

  /** Stops the mock process and waits for it to end. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
