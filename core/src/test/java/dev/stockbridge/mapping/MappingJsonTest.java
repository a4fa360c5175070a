package dev.stockbridge.mapping;

import static dev.stockbridge.mapping.CatalogueMappingTest.problemsOf;
import static dev.stockbridge.mapping.MappingCsvTest.fixture;
import static dev.stockbridge.mapping.MappingProblem.Kind.BLANK_VALUE;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_SKU;
import static dev.stockbridge.mapping.MappingProblem.Kind.MALFORMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingJsonTest {

  @Test
  void shouldLoadSameMapping_fromJsonAsFromCsv() {
    CatalogueMapping fromCsv =
        CatalogueMapping.builder()
            .skusCsv(fixture("skus.csv"))
            .locationsCsv(fixture("locations.csv"))
            .build();

    assertThat(CatalogueMapping.builder().json(fixture("mapping.json")).build()).isEqualTo(fromCsv);
  }

  @Test
  void shouldReportEveryProblem_withParserLines() {
    List<MappingProblem> problems =
        problemsOf(CatalogueMapping.builder().json(fixture("broken.json")));

    assertThat(problems)
        .extracting(
            MappingProblem::kind,
            MappingProblem::line,
            MappingProblem::field,
            MappingProblem::value)
        .containsExactly(
            tuple(BLANK_VALUE, 6, "sku", "  "),
            tuple(BLANK_VALUE, 7, "sku", ""),
            tuple(MALFORMED, 8, "planner_variant_id", ""),
            tuple(MALFORMED, 9, "skus", ""),
            tuple(MALFORMED, 11, "locations", ""),
            tuple(MALFORMED, 12, "extra", ""),
            tuple(DUPLICATE_SKU, 4, "sku", "TEE-RED-M"));
    assertThat(problems)
        .extracting(MappingProblem::message)
        .containsExactly(
            "line 6: sku is blank",
            "line 7: sku is missing",
            "line 8: planner_variant_id must be a string",
            "line 9: each entry of \"skus\" must be an object",
            "line 11: \"locations\" must be an array",
            "line 12: unknown field \"extra\"; expected \"skus\", \"locations\" or \"order_defaults\"",
            "line 4 repeats sku \"TEE-RED-M\" first seen on line 3"
                + " (planner_variant_id \"999\" here, \"12345\" there)");
  }

  @Test
  void shouldReportTheFieldsLine_whenEntrySpansLines() {
    String json =
        """
        {"locations": [
          {
            "supply_channel": "web-uk",
            "location": "",
            "planner_warehouse": "wh-1"
          }
        ]}
        """;

    assertThat(problemsOf(CatalogueMapping.builder().json(new StringReader(json), "l.json")))
        .extracting(MappingProblem::kind, MappingProblem::line, MappingProblem::field)
        .containsExactly(tuple(BLANK_VALUE, 4, "location"));
  }

  @Test
  void shouldReportLine_andChainCause_whenJsonIsMalformed() {
    String json =
        """
        {
          "skus": [
            { "sku": "A", "planner_variant_id": "1" }
            { "sku": "B", "planner_variant_id": "2" }
          ]
        }
        """;

    assertThatThrownBy(
            () -> CatalogueMapping.builder().json(new StringReader(json), "m.json").build())
        .isInstanceOfSatisfying(
            MappingException.class,
            e ->
                assertThat(e.problems())
                    .extracting(MappingProblem::kind, MappingProblem::line)
                    .containsExactly(tuple(MALFORMED, 4)))
        .hasMessageContaining("m.json: line 4: is not valid JSON: Unexpected character ('{'")
        .hasCauseInstanceOf(JsonProcessingException.class);
  }

  @Test
  void shouldReportMalformed_whenTopLevelIsNotAnObjectOrIsFollowedByMore() {
    assertThat(problemsOf(CatalogueMapping.builder().json(new StringReader("[]"), "a.json")))
        .extracting(MappingProblem::kind, MappingProblem::line)
        .containsExactly(tuple(MALFORMED, 1));
    assertThat(problemsOf(CatalogueMapping.builder().json(new StringReader("{}\n{}"), "b.json")))
        .extracting(MappingProblem::kind, MappingProblem::line, MappingProblem::message)
        .containsExactly(
            tuple(MALFORMED, 2, "line 2: has content after the top-level JSON object"));
  }

  @Test
  void shouldReportMalformed_whenEntryRepeatsAField() {
    String json = "{\"skus\": [\n{\"sku\": \"A\", \"sku\": \"B\", \"planner_variant_id\": \"1\"}]}";

    assertThat(problemsOf(CatalogueMapping.builder().json(new StringReader(json), "dup.json")))
        .extracting(MappingProblem::kind, MappingProblem::line)
        .containsExactly(tuple(MALFORMED, 2));
  }

  @Test
  void shouldWriteBothTables_asSnakeCaseJson() {
    CatalogueMapping mapping = CatalogueMapping.builder().json(fixture("mapping.json")).build();
    StringWriter out = new StringWriter();

    mapping.writeJson(out);

    assertThat(out.toString())
        .contains("\"planner_variant_id\" : \"v \\\"quoted\\\"\"")
        .contains("\"supply_channel\" : \"*\"")
        .endsWith("}\n");
    assertThat(CatalogueMapping.builder().json(new StringReader(out.toString()), "out").build())
        .isEqualTo(mapping);
  }
}
