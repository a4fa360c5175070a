package dev.stockbridge.examples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders the status page in headless Chromium (Debian's {@code /usr/bin/chromium}) and asserts the
 * console stayed empty and a PNG came out; {@code -Dstatus.screenshot=PATH} keeps the PNG ({@code
 * docs/status-page.png} is made that way). Does nothing where Chromium is not installed.
 */
final class StatusPageScreenshot {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private StatusPageScreenshot() {}

  static void take(String html, Path dir) throws IOException, InterruptedException {
    if (!Files.isExecutable(CHROMIUM)) {
      return;
    }
    Path page = Files.writeString(dir.resolve("status.html"), html);
    Path png = dir.resolve("status.png");
    Path log = dir.resolve("chromium.log");
    Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
        "--screenshot=" + png, "--window-size=1100,900", page.toUri().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    List<String> console = Files.readAllLines(log).stream().filter(line -> line.contains(":CONSOLE")).toList();
    assertThat(console).as("browser console").isEmpty();
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    String keep = System.getProperty("status.screenshot");
    if (keep != null) {
      Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
