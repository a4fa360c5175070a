package dev.stockbridge.mapping;

import static dev.stockbridge.mapping.CatalogueMappingTest.problemsOf;
import static dev.stockbridge.mapping.MappingProblem.Kind.BLANK_VALUE;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_CHANNEL;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_LOCATION;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_SKU;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_VARIANT;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_WAREHOUSE;
import static dev.stockbridge.mapping.MappingProblem.Kind.INVALID_VALUE;
import static dev.stockbridge.mapping.MappingProblem.Kind.MALFORMED;
import static dev.stockbridge.mapping.MappingProblem.Kind.ORPHAN;
import static dev.stockbridge.mapping.MappingProblem.Kind.UNREADABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingCsvTest {

  @Test
  void shouldLoadBothLevels_fromCsvFiles() {
    CatalogueMapping mapping =
        CatalogueMapping.builder()
            .skusCsv(fixture("skus.csv"))
            .locationsCsv(fixture("locations.csv"))
            .build();

    assertThat(mapping.skus())
        .containsEntry(Sku.of("MUG, large"), VariantId.of("a3060_1234"))
        .containsEntry(Sku.of("Überjacke 漢字"), VariantId.of("v \"quoted\""))
        .hasSize(3);
    assertThat(mapping.toPlanner(Sku.of("TEE-RED-M"), SupplyChannel.of("web-ie")).orElseThrow())
        .isEqualTo(new PlannerKey(VariantId.of("12345"), WarehouseId.of("wh-1")));
    assertThat(mapping.location(SupplyChannel.none()).orElseThrow())
        .isEqualTo(Location.of("leeds-store"));
  }

  @Test
  void shouldReportEveryProblem_withItsPhysicalLine_inSkuFile() {
    List<MappingProblem> problems =
        problemsOf(CatalogueMapping.builder().skusCsv(fixture("skus-broken.csv")));

    assertThat(problems)
        .extracting(
            MappingProblem::kind,
            MappingProblem::line,
            MappingProblem::field,
            MappingProblem::value)
        .containsExactly(
            tuple(BLANK_VALUE, 8, "sku", ""),
            tuple(BLANK_VALUE, 10, "planner_variant_id", "   "),
            tuple(MALFORMED, 11, "", ""),
            tuple(INVALID_VALUE, 13, "sku", " BELT"),
            tuple(DUPLICATE_SKU, 6, "sku", "TEE-RED-M"),
            tuple(DUPLICATE_VARIANT, 7, "planner_variant_id", "12345"),
            tuple(DUPLICATE_SKU, 12, "sku", "TEE-RED-M"));
    assertThat(problems).allSatisfy(p -> assertThat(p.source()).endsWith("skus-broken.csv"));
    assertThat(problems.get(2).message())
        .isEqualTo("line 11: has 2 values but the header has 3 columns");
    assertThat(problems.get(4).message())
        .isEqualTo(
            "line 6 repeats sku \"TEE-RED-M\" first seen on line 2"
                + " (planner_variant_id \"999\" here, \"12345\" there)");
    assertThat(problems.get(6).message())
        .isEqualTo(
            "line 12 repeats sku \"TEE-RED-M\" first seen on line 2"
                + " with the same planner_variant_id");
  }

  @Test
  void shouldReportEveryProblem_withItsLine_inLocationFile() {
    List<MappingProblem> problems =
        problemsOf(CatalogueMapping.builder().locationsCsv(fixture("locations-broken.csv")));

    assertThat(problems)
        .extracting(
            MappingProblem::kind,
            MappingProblem::line,
            MappingProblem::field,
            MappingProblem::value)
        .containsExactly(
            tuple(BLANK_VALUE, 7, "location", ""),
            tuple(DUPLICATE_CHANNEL, 4, "supply_channel", "web-uk"),
            tuple(DUPLICATE_LOCATION, 5, "location", "london-dc"),
            tuple(DUPLICATE_WAREHOUSE, 6, "planner_warehouse", "wh-1"),
            tuple(ORPHAN, 4, "location", "leeds-store"));
    assertThat(problems.get(3).message())
        .isEqualTo(
            "line 6 repeats planner_warehouse \"wh-1\" first seen on line 2"
                + " (location \"york\" here, \"london-dc\" there)");
  }

  @Test
  void shouldCountPhysicalLines_whenQuotedCellContainsNewline() {
    String csv =
        "sku,planner_variant_id\r\n\"TWO\r\nLINES\",\r\n\"THREE\nMORE\nLINES\",7\r\nX,\r\n";

    List<MappingProblem> problems =
        problemsOf(CatalogueMapping.builder().skusCsv(new StringReader(csv), "quoted.csv"));

    // The blank cell of the row starting on line 2 sits on line 3; the last row is on line 7.
    assertThat(problems)
        .extracting(MappingProblem::kind, MappingProblem::line)
        .containsExactly(tuple(BLANK_VALUE, 3), tuple(BLANK_VALUE, 7));
    assertThat(problems.get(1).toString())
        .isEqualTo("quoted.csv: line 7: planner_variant_id is blank [BLANK_VALUE]");
  }

  @Test
  void shouldReportMissingColumns_whenHeaderLacksThem() {
    String csv = "SKU,variant\nTEE,1\n";

    assertThat(problemsOf(CatalogueMapping.builder().skusCsv(new StringReader(csv), "skus.csv")))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.kind()).isEqualTo(MALFORMED);
              assertThat(problem.line()).isEqualTo(1);
              assertThat(problem.field()).isEqualTo("planner_variant_id");
              assertThat(problem.message())
                  .isEqualTo(
                      "line 1: the header lacks column planner_variant_id"
                          + " (header: SKU,variant; expected sku,planner_variant_id)");
            });
  }

  @Test
  void shouldReportMalformed_whenFileIsEmptyOrHeaderRepeatsColumn() {
    assertThat(problemsOf(CatalogueMapping.builder().skusCsv(new StringReader(""), "empty.csv")))
        .extracting(MappingProblem::kind, MappingProblem::line, MappingProblem::message)
        .containsExactly(
            tuple(MALFORMED, 1, "line 1: is empty; expected the header sku,planner_variant_id"));
    String repeated = "sku,sku,planner_variant_id\nA,B,1\n";
    assertThat(problemsOf(CatalogueMapping.builder().skusCsv(new StringReader(repeated), "r.csv")))
        .extracting(MappingProblem::kind, MappingProblem::field)
        .containsExactly(tuple(MALFORMED, "sku"));
  }

  @Test
  void shouldReportRowStart_andChainCause_whenQuoteIsNeverClosed() {
    String csv = "sku,planner_variant_id\nTEE,1\n\"MUG,2\nCAP,3\n";

    assertThatThrownBy(
            () ->
                CatalogueMapping.builder().skusCsv(new StringReader(csv), "open-quote.csv").build())
        .isInstanceOfSatisfying(
            MappingException.class,
            e ->
                assertThat(e.problems())
                    .extracting(MappingProblem::kind, MappingProblem::line)
                    .containsExactly(tuple(MALFORMED, 3)))
        .hasMessageContaining("open-quote.csv: line 3: is not valid CSV: Missing closing quote")
        .hasCauseInstanceOf(JsonProcessingException.class);
  }

  @Test
  void shouldIgnoreByteOrderMarkEmptyLinesAndExtraColumns() {
    String csv = "\uFEFFtitle , Planner_Variant_Id,SKU\n\nRed tee,1,TEE\n  \nMug,2,MUG\n";

    CatalogueMapping mapping =
        CatalogueMapping.builder().skusCsv(new StringReader(csv), "excel.csv").build();

    assertThat(mapping.skus())
        .containsExactly(
            Map.entry(Sku.of("TEE"), VariantId.of("1")),
            Map.entry(Sku.of("MUG"), VariantId.of("2")));
  }

  @Test
  void shouldReportDuplicates_acrossFiles() {
    CatalogueMapping.Builder builder =
        CatalogueMapping.builder()
            .skusCsv(new StringReader("sku,planner_variant_id\nTEE,1\n"), "a.csv")
            .skusCsv(new StringReader("sku,planner_variant_id\nMUG,2\nTEE,3\n"), "b.csv");

    assertThat(problemsOf(builder))
        .extracting(MappingProblem::source, MappingProblem::line, MappingProblem::message)
        .containsExactly(
            tuple(
                "b.csv",
                3,
                "line 3 repeats sku \"TEE\" first seen on line 2 of a.csv"
                    + " (planner_variant_id \"3\" here, \"1\" there)"));
  }

  @Test
  void shouldReportUnreadable_whenFileIsMissing(@TempDir Path dir) {
    Path missing = dir.resolve("missing.csv");

    assertThatThrownBy(() -> CatalogueMapping.builder().skusCsv(missing).build())
        .isInstanceOfSatisfying(
            MappingException.class,
            e ->
                assertThat(e.problems())
                    .extracting(MappingProblem::kind, MappingProblem::source)
                    .containsExactly(tuple(UNREADABLE, missing.toString())))
        .hasMessageContaining("missing.csv");
  }

  @Test
  void shouldWriteRowsPerSupplyChannel_andLoadThemBackFromFiles(@TempDir Path dir)
      throws Exception {
    CatalogueMapping original =
        CatalogueMapping.builder()
            .skusCsv(fixture("skus.csv"))
            .locationsCsv(fixture("locations.csv"))
            .build();
    Path skus = dir.resolve("skus.csv");
    Path locations = dir.resolve("locations.csv");
    try (var out = Files.newBufferedWriter(skus)) {
      original.writeSkusCsv(out);
    }
    try (var out = Files.newBufferedWriter(locations)) {
      original.writeLocationsCsv(out);
    }

    assertThat(Files.readString(locations))
        .isEqualTo(
            "supply_channel,location,planner_warehouse\n"
                + "web-uk,london-dc,wh-1\nweb-ie,london-dc,wh-1\n*,leeds-store,wh-2\n");
    assertThat(CatalogueMapping.builder().skusCsv(skus).locationsCsv(locations).build())
        .isEqualTo(original);
  }

  @Test
  void shouldQuoteCommasQuotesAndNewlines_whenWritingCsv() {
    CatalogueMapping mapping =
        CatalogueMapping.builder()
            .sku(Sku.of("MUG, \"large\"\nblue"), VariantId.of("1"))
            .build();
    StringWriter out = new StringWriter();

    mapping.writeSkusCsv(out);

    assertThat(out).hasToString("sku,planner_variant_id\n\"MUG, \"\"large\"\"\nblue\",1\n");
  }

  static Path fixture(String name) {
    try {
      return Path.of(MappingCsvTest.class.getResource("/mapping/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
