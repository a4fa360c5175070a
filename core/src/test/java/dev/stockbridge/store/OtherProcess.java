package dev.stockbridge.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second process on a record file, for the tests that need a real one (a file lock is held per
 * process, so a second JVM is the only true test of it). Prints what happened and exits 0.
 */
public final class OtherProcess {

  static final LogFormat FORMAT = LogFormat.of("test log", 0x89544C47);

  private OtherProcess() {}

  /**
   * Runs one command: {@code exclusive <file>} opens a {@link RecordLog} and reports; {@code shared
   * <file> <count> <tag>} appends {@code count} one-record batches to a {@link SharedRecordLog}.
   *
   * @param args the command
   */
  public static void main(String[] args) {
    Path file = Path.of(args[1]);
    if (args[0].equals("exclusive")) {
      try (RecordLog log = RecordLog.open(file, FORMAT)) {
        System.out.println("opened at " + log.size() + " bytes");
      } catch (RecordLogException e) {
        System.out.println(e.problem() + " " + e.getMessage());
      }
    } else {
      int count = Integer.parseInt(args[2]);
      try (SharedRecordLog log = SharedRecordLog.open(file, FORMAT, RecordLog.Forcer.DATA)) {
        for (int i = 0; i < count; i++) {
          ByteBuffer body = ByteBuffer.wrap((args[3] + "-" + i).getBytes(StandardCharsets.UTF_8));
          log.append(Follower.IGNORE, records -> records.add(body));
        }
      }
      System.out.println("appended " + count);
    }
  }

  /**
   * Starts this class's main in a new JVM with the test classpath. Tests run on the module path with
   * the test classes patched into core's module, so the other process gets those too, as a plain
   * classpath.
   */
  static Process start(String... args) throws Exception {
    String javaCommand = ProcessHandle.current().info().command().orElse("java");
    String testClasses = java.nio.file.Path.of(
        OtherProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    String classpath = String.join(java.io.File.pathSeparator, List.of(testClasses,
        System.getProperty("java.class.path", ""), System.getProperty("jdk.module.path", "")));
    List<String> command = new java.util.ArrayList<>(List.of(javaCommand, "-cp", classpath, OtherProcess.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Waits for a process and returns its output. */
  static String output(Process process) throws Exception {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the other process did not finish");
    }
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** A follower that ignores what it is handed. */
  enum Follower implements SharedRecordLog.Follower {
    IGNORE;

    @Override
    public void restart() {}

    @Override
    public void record(ByteBuffer body) {}
  }
}
