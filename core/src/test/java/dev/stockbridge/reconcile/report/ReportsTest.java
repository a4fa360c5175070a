package dev.stockbridge.reconcile.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.stockbridge.reconcile.DiscrepancyKind;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReportsTest {

  private final RunReport report = ReportFixtures.report();

  private static JsonNode json(RunReport report) throws Exception {
    StringWriter out = new StringWriter();
    Reports.json(report, out);
    return new ObjectMapper().readTree(out.toString());
  }

  private static String html(RunReport report) {
    StringWriter out = new StringWriter();
    Reports.html(report, out);
    return out.toString();
  }

  private static String section(String html, String heading) {
    int start = html.indexOf("<h2>" + heading + "</h2>");
    assertThat(start).as("section %s", heading).isNotNegative();
    return html.substring(start, html.indexOf("</section>", start));
  }

  @Test
  void shouldFindEveryKindOfDiscrepancy_inTheFixture() {
    assertThat(report.result().discrepancies()).extracting(d -> d.kind())
        .containsAll(EnumSet.allOf(DiscrepancyKind.class));
  }

  @Test
  void shouldWriteCountsThatAddUp_inTheJsonSummary() throws Exception {
    JsonNode summary = json(report).get("summary");
    JsonNode positions = summary.get("positions");

    assertThat(positions.get("compared").asLong()).isEqualTo(11);
    assertThat(positions.get("agree").asLong() + positions.get("explainedInFlight").asLong()
        + positions.get("withDiscrepancies").asLong()).isEqualTo(11);
    assertThat(positions.get("explainedInFlight").asLong()).isEqualTo(1);
    assertThat(positions.get("withDiscrepancies").asLong()).isEqualTo(9);
    assertThat(summary.get("stockDiscrepancies").asLong() + summary.get("catalogueDiscrepancies").asLong())
        .isEqualTo(summary.get("discrepancies").asLong());
    long byKind = 0;
    for (JsonNode n : summary.get("byKind")) {
      byKind += n.asLong();
    }
    assertThat(byKind).isEqualTo(summary.get("discrepancies").asLong());
    assertThat(summary.get("notCompared").get("plannerRows").asLong()).isEqualTo(ReportFixtures.OTHER_ROWS);
    assertThat(summary.get("notCompared").get("warehouses")).hasSize(ReportFixtures.OTHER_WAREHOUSES.size());
  }

  @Test
  void shouldListEachExceptionWithKindOwnerBothValuesCauseAndAction_compactly() throws Exception {
    StringWriter out = new StringWriter();
    Reports.json(report, out);
    JsonNode exceptions = new ObjectMapper().readTree(out.toString()).get("exceptions");

    assertThat(exceptions).hasSize(report.result().discrepancies().size());
    assertThat(exceptions).allSatisfy(e -> assertThat(e.fieldNames()).toIterable()
        .contains("kind", "subject", "owner", "expected", "shown", "residual", "likelyCause", "action"));
    JsonNode mug = find(exceptions, "MUG-BLUE-350ML@london-dc");
    assertThat(mug.get("expected").asLong()).isEqualTo(40);
    assertThat(mug.get("shown").asLong()).isEqualTo(47);
    assertThat(mug.get("inFlight").asLong()).isEqualTo(-2);
    assertThat(mug.get("residual").asLong()).isEqualTo(5);
    assertThat(exceptions.get(0).get("residual").asLong()).as("worst first").isEqualTo(6);
    // Detail lives in the CSV; the JSON of 20 findings stays small whatever the planner holds.
    assertThat(out.toString().length()).isLessThan(20_000);
  }

  @Test
  void shouldComputeTheResidualFromBothValues_whenThePlannerIsNegativeAndTheStorefrontHasNoEntry()
      throws Exception {
    JsonNode bowl = find(json(report).get("exceptions"), "BOWL-STONE-LG@london-dc");

    assertThat(bowl.get("kind").asText()).isEqualTo("MISSING_IN_STOREFRONT");
    assertThat(bowl.get("expected").asLong()).isEqualTo(-3);
    assertThat(bowl.get("shown").isNull()).isTrue();
    assertThat(bowl.get("residual").asLong()).isEqualTo(3);
    JsonNode catalogue = find(json(report).get("exceptions"), "BOWL-STONE-LG");
    assertThat(catalogue.get("expected").asLong()).isEqualTo(-3);
  }

  @Test
  void shouldWriteTimesToTheSecondInTheShopZone() throws Exception {
    RunReport newYork = new RunReport(report.result(), report.history(), report.freshness(), report.finance(),
        ZoneId.of("America/New_York"));

    JsonNode root = json(newYork);

    assertThat(root.get("startedAt").asText()).isEqualTo("2026-11-27T04:00:00-05:00");
    assertThat(root.get("freshness").get(0).get("lastSuccess").asText()).isEqualTo("2026-11-27T03:59:57-05:00");
    assertThat(html(newYork)).contains("2026-11-27 04:00:00 EST").doesNotContain("T09:00:00");
  }

  @Test
  void shouldWriteEveryDiscrepancyInFullDetail_asCsv() throws Exception {
    StringWriter out = new StringWriter();
    Reports.csv(report, out);

    CsvMapper csv = new CsvMapper();
    try (MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(out.toString())) {
      List<Map<String, String>> all = rows.readAll();
      assertThat(all).hasSize(report.result().discrepancies().size());
      assertThat(all.get(0).keySet()).containsExactlyElementsOf(Reports.CSV_COLUMNS);
      Map<String, String> mug = all.stream().filter(r -> r.get("subject").equals("MUG-BLUE-350ML@london-dc"))
          .findFirst().orElseThrow();
      assertThat(mug.get("in_flight")).isEqualTo("-2");
      assertThat(mug.get("in_flight_movements")).isEqualTo("ORDER -2 " + ReportFixtures.MUG_SALE.idempotencyKey());
      assertThat(mug.get("likely_cause")).contains("missed order");
      assertThat(mug.get("detail")).contains("residual +5");
      assertThat(all).anySatisfy(r -> assertThat(r.get("sku")).isEqualTo(ReportFixtures.HOSTILE));
    }
  }

  @Test
  void shouldRankOnlyNonZeroResiduals_amongTheWorstDrifts() {
    String worst = section(html(report), "Worst drifts");

    assertThat(worst).contains("TEA-KIT@london-dc", "MUG-BLUE-350ML@london-dc", "BOWL-STONE-LG@london-dc");
    assertThat(worst).doesNotContain("UNMAPPED", "STALE", "SCARF-WOOL-XL", "NEW_SKU_WITHOUT_PLANNING_DATA");
  }

  @Test
  void shouldShowEveryExceptionUnderItsOwner_withBothValuesCauseAndAction() {
    String exceptions = section(html(report), "Exceptions by owner");

    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      assertThat(exceptions).contains(">" + kind.name() + "<");
    }
    assertThat(exceptions).contains("<h3>OPS", "<h3>ECOMMERCE", "<h3>FINANCE");
    assertThat(exceptions).contains("stock moved without a movement reaching Stockbridge",
        "apply a CORRECTION movement for the residual");
    assertThat(exceptions).contains("<td class=\"n\">40</td><td class=\"n\">47</td><td class=\"n\">-2</td><td class=\"n\">+5</td>");
  }

  @Test
  void shouldSummariseWhatAddsUpAndWhatWasNotCompared_inTheHtmlSummary() {
    String summary = section(html(report), "Summary");

    assertThat(summary).contains("11 positions compared: 1 agree, 1 explained by movements still in flight, 9 with discrepancies");
    assertThat(summary).contains("Not compared: 2,341 planner rows in 6 warehouses no location maps to (BER, DUB, MAD, MIL, PAR and 1 more)");
  }

  @Test
  void shouldNeverBreakASkuAtItsHyphens() {
    String html = html(report);

    assertThat(html).contains(".sku{white-space:nowrap");
    List<String> cells = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<td[^>]*>([A-Z]+-[A-Z0-9-]+@london-dc)</td>").matcher(html);
    while (m.find()) {
      cells.add(m.group(0));
    }
    assertThat(cells).isNotEmpty().allSatisfy(cell -> assertThat(cell).startsWith("<td class=\"sku\""));
  }

  @Test
  void shouldEscapeDataAndLoadNothingExternal_inTheHtmlPage() {
    String html = html(report);

    assertThat(html).doesNotContain("<script").doesNotContain("alert(\"x\")");
    assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;");
    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
    assertThat(html).contains("default-src 'none'");
    assertThat(html).contains("Trend over recent runs", "Freshness per flow", "stale", "Open PO value", "320.00");
    assertThat(html).contains("2026-11-27 09:00:00 GMT").doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d");
  }

  @Test
  void shouldSayWhatIsHeldBackAndWhy_withTheLatencyBuffersInputs() throws Exception {
    String held = section(html(report), "Held back from sale");

    assertThat(held).contains("1 entry holds 2 units back from sale", "1 of them an adaptive latency buffer");
    assertThat(held).contains("SPOON-SILVER-2@london-dc", "<td class=\"n\">8</td><td class=\"n\">2</td><td class=\"n\">6</td>",
        "latency 1 (12 order units in 60 s × 900 ms of lag and p99), safety 1");
    JsonNode json = json(report).get("heldBack");
    assertThat(json.get("entries").asLong()).isEqualTo(1);
    assertThat(json.get("units").asLong()).isEqualTo(2);
    assertThat(json.get("latencyBuffers").asLong()).isEqualTo(1);
    assertThat(json.get("listed").get(0).get("why").asText()).isEqualTo(ReportFixtures.SPOON_WHY);
  }

  @Test
  void shouldSayHowToFillFreshness_whenTheHostPassesNoFlows() {
    RunReport bare = new RunReport(report.result(), List.of(), List.of(), List.of());

    assertThat(section(html(bare), "Freshness per flow")).contains("No flows were passed", "FlowFreshness");
  }

  @Test
  void shouldValueStockAtCostAndOpenOrders_perWarehouse() {
    assertThat(report.finance()).satisfiesExactly(
        ldn -> {
          assertThat(ldn.warehouse()).isEqualTo("LDN");
          assertThat(ldn.stockAtCost()).isEqualByComparingTo(new BigDecimal("128.00"));
          assertThat(ldn.openOrderValue()).isEqualByComparingTo(new BigDecimal("320.00"));
          assertThat(ldn.unvaluedItems()).isZero();
        },
        lds -> assertThat(lds.unvaluedItems()).isEqualTo(1));
  }

  private static JsonNode find(JsonNode exceptions, String subject) {
    List<JsonNode> matching = new ArrayList<>();
    exceptions.forEach(e -> {
      if (e.get("subject").asText().equals(subject)) {
        matching.add(e);
      }
    });
    assertThat(matching).as("exceptions about %s among %s", subject,
        matching.stream().map(JsonNode::toString).collect(Collectors.joining())).hasSize(1);
    return matching.get(0);
  }
}
