package dev.stockbridge.reconcile.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {

  private final RunReport report = ReportFixtures.report();

  @Test
  void shouldWriteEveryDiscrepancyWithBothSidesAndInFlight_asJson() throws Exception {
    StringWriter out = new StringWriter();
    Reports.json(report, out);

    JsonNode root = new ObjectMapper().readTree(out.toString());
    assertThat(root.get("runId").asText()).isEqualTo("20261127T090000Z-3");
    assertThat(root.get("discrepancies")).hasSize(5);
    JsonNode first = root.get("discrepancies").get(0);
    assertThat(first.get("expected").asLong()).isEqualTo(40);
    assertThat(first.get("shown").asLong()).isEqualTo(47);
    assertThat(first.get("inFlight").get(0).get("quantity").asLong()).isEqualTo(-2);
    assertThat(first.get("owner").asText()).isEqualTo("OPS");
    assertThat(root.get("discrepancies").get(3).get("expected").isNull()).isTrue();
    assertThat(root.get("trend")).hasSize(3);
    assertThat(root.get("freshness").get(1).get("fresh").asBoolean()).isFalse();
    assertThat(root.get("finance").get(0).get("stockAtCost").decimalValue()).isEqualByComparingTo("128.00");
  }

  @Test
  void shouldWriteOneRowPerDiscrepancyThatReadsBack_asCsv() throws Exception {
    StringWriter out = new StringWriter();
    Reports.csv(report, out);

    CsvMapper csv = new CsvMapper();
    try (MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(out.toString())) {
      List<Map<String, String>> all = rows.readAll();
      assertThat(all).hasSize(5);
      assertThat(all.get(0).keySet()).containsExactlyElementsOf(Reports.CSV_COLUMNS);
      assertThat(all.get(1).get("sku")).isEqualTo(ReportFixtures.HOSTILE);
      assertThat(all.get(0).get("in_flight")).isEqualTo("ORDER -2");
      assertThat(all.get(3).get("location")).isEmpty();
    }
  }

  @Test
  void shouldEscapeDataAndLoadNothingExternal_inTheHtmlPage() {
    StringWriter out = new StringWriter();
    Reports.html(report, out);
    String html = out.toString();

    assertThat(html).doesNotContain("<script").doesNotContain("alert(\"x\")");
    assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;");
    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
    assertThat(html).contains("default-src 'none'");
    assertThat(html).contains("MUG-BLUE@london-dc", "Worst drifts", "Trend over recent runs",
        "Freshness per flow", "stale", "Open PO value", "320.00");
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
}
