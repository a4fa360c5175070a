package dev.stockbridge.reconcile.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.DiscrepancyKind;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium (Debian package {@code chromium}): takes a screenshot
 * and reads the browser's console log. Skipped when {@code /usr/bin/chromium} is missing. Set
 * {@code -Dreconcile.screenshot=PATH} to keep the screenshot ({@code docs/reconciliation-report.png}
 * is made that way).
 */
class HtmlReportChromiumTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @BeforeEach
  void requireChromium() {
    assumeTrue(Files.isExecutable(CHROMIUM),
        "headless Chromium not installed at /usr/bin/chromium; install it with: apt-get install -y chromium");
  }

  @Test
  void shouldRenderTheReportWithEveryExceptionKindWithoutConsoleErrors_andTakeAScreenshot() throws Exception {
    RunReport report = ReportFixtures.report();
    assertThat(report.result().discrepancies()).extracting(Discrepancy::kind)
        .as("the page shows every kind").containsAll(EnumSet.allOf(DiscrepancyKind.class));
    Path page = dir.resolve("report.html");
    try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
      Reports.html(report, out);
    }
    Path png = dir.resolve("report.png");

    List<String> console = render(page, png);

    assertThat(console).as("browser console").isEmpty();
    byte[] image = Files.readAllBytes(png);
    assertThat(image.length).isGreaterThan(10_000);
    assertThat(image).startsWith(0x89, 'P', 'N', 'G');
    String keep = System.getProperty("reconcile.screenshot");
    if (keep != null) {
      Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void shouldHearConsoleErrors_whenAPageHasThem() throws Exception {
    // Proves the console check above can fail: the same CSP as the report, and an external image.
    Path page = dir.resolve("broken.html");
    Files.writeString(page, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\""
        + " content=\"default-src 'none'\"></head><body><img src=\"https://example.invalid/x.png\"></body></html>");

    List<String> console = render(page, dir.resolve("broken.png"));

    assertThat(console).anySatisfy(line -> assertThat(line).contains("Content Security Policy"));
  }

  /** Renders a page; returns the console lines Chromium logged. */
  private List<String> render(Path page, Path png) throws IOException, InterruptedException {
    Path log = dir.resolve(png.getFileName() + ".log");
    Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + dir.resolve("profile-" + png.getFileName()), "--enable-logging=stderr", "--v=0",
        "--screenshot=" + png, "--window-size=1280,3000", page.toUri().toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
      chromium.destroyForcibly().waitFor();
      throw new AssertionError("chromium did not finish within 60 s");
    }
    assertThat(chromium.exitValue()).as("chromium exit code; log:%n%s", Files.readString(log)).isZero();
    return Files.readAllLines(log).stream().filter(line -> line.contains(":CONSOLE")).toList();
  }
}
