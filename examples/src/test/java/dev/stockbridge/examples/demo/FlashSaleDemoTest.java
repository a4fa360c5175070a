package dev.stockbridge.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the demo once and reads what a newcomer would read. */
class FlashSaleDemoTest {

  @TempDir static Path dir;
  private static Path work;
  private static long drift;
  private static List<String> lines;

  @BeforeAll
  static void runTheDemo() throws Exception {
    work = Files.createDirectory(dir.resolve("stockbridge-demo-test"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      drift = FlashSaleDemo.run(out, WorkDirectory.own(work));
    }
    lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void shouldEndWithTheDriftLine_thatCiReads() {
    assertThat(drift).isZero();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("drift: 0");
  }

  @Test
  void shouldExplainEveryFindingInOneLine() {
    int open = lines.indexOf(lines.stream().filter(l -> l.startsWith("exceptions open")).findFirst().orElseThrow());
    long findings = Long.parseLong(lines.get(open).replaceAll("^exceptions open\\s+(\\d+).*", "$1"));
    List<String> block = lines.subList(open + 1, open + 1 + (int) findings * 2);

    assertThat(findings).as("shrinkage and the unknown SKU on both channels, the scarf's lead time").isEqualTo(5);
    for (int i = 0; i < block.size(); i += 2) {
      assertThat(block.get(i + 1)).as("explanation of %s", block.get(i)).matches("\\s+why: .{20,}");
    }
    assertThat(block).anySatisfy(l -> assertThat(l).contains("SOCKS-GREY@marketplace", "storefront 343 (shown + held back), warehouse count 340"));
    assertThat(block).anySatisfy(l -> assertThat(l).contains("deliberate shrinkage", "drift"));
  }

  @Test
  void shouldNotAdviseCheckingTheMarker_ofAnEntryThatDoesNotExist() {
    assertThat(lines).filteredOn(l -> l.contains("GHOST-SKU")).isNotEmpty()
        .allSatisfy(l -> assertThat(l).doesNotContain("stockbridge-seq"));
  }

  @Test
  void shouldPointAtTheCountInTheDriftTable_soNothingContradictsIt() {
    assertThat(lines).anySatisfy(l -> assertThat(l)
        .matches("SOCKS-GREY\\s+343\\s+0\\s+343\\s+35\\s+308\\s+0\\s+340\\s+<- the count is 3 short: the QUANTITY_MISMATCH above"));
  }

  @Test
  void shouldShowPhysicalHeldBackAndShownPerChannel_whenMinimumStockAndTheMarketplaceBufferHoldUnitsBack() {
    // MUG-WHITE: 25 planner minimum stock on both channels, plus the marketplace's 10 % of the rest
    String mug = lines.stream().filter(l -> l.startsWith("MUG-WHITE ")).findFirst().orElseThrow();
    String[] cells = mug.trim().split("\\s+");
    long physical = Long.parseLong(cells[1]);
    assertThat(Long.parseLong(cells[2])).as("web held").isEqualTo(25);
    assertThat(Long.parseLong(cells[3])).as("web shown").isEqualTo(physical - 25);
    long marketHeld = 25 + Math.round((physical - 25) * 0.10);
    assertThat(Long.parseLong(cells[4])).as("marketplace held").isBetween(marketHeld - 1, marketHeld);
    assertThat(Long.parseLong(cells[5])).as("marketplace shown").isEqualTo(physical - Long.parseLong(cells[4]));
    assertThat(cells[6]).as("drift").isEqualTo("0");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("17:55 holdbacks: planner minimum stock MUG-WHITE 25"));
    assertThat(lines).filteredOn(l -> l.startsWith("TEE-RED-S ") || l.startsWith("SCARF-WOOL ")).allSatisfy(l -> assertThat(l).doesNotContain("<-"));
  }

  @Test
  void shouldKeepOnlyTheReport_andSayWhereItIs() throws Exception {
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left).containsExactly(work.resolve("reports"));
    }
    try (Stream<Path> reports = Files.list(work.resolve("reports"))) {
      assertThat(reports.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("reconciliation.html", "reconciliation.json", "reconciliation.csv");
    }
    assertThat(lines).anySatisfy(l -> assertThat(l)
        .startsWith("reconciliation report: " + work.resolve("reports/reconciliation.html")));
  }
}
