package dev.stockbridge.mapping;

import static dev.stockbridge.mapping.CatalogueMappingTest.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where lines without a supply channel sell from: the precedence, and how mapping files say it. */
class OrderDefaultsTest {

  private static final String LOCATIONS = """
      supply_channel,location,planner_warehouse
      web-uk,london-dc,wh-1
      web-ie,dublin-dc,wh-2
      *,leeds-store,wh-3
      """;

  private static final Location LONDON = Location.of("london-dc");
  private static final Location DUBLIN = Location.of("dublin-dc");
  private static final Location LEEDS = Location.of("leeds-store");

  private final OrderDefaults defaults =
      OrderDefaults.of(Map.of("web-ie", DUBLIN), Map.of("uk", LONDON, "ie", LEEDS), Optional.of(LEEDS));

  @Test
  void shouldPreferTheDistributionChannel_overTheStore() {
    assertThat(defaults.location(Optional.of("web-ie"), Optional.of("uk"))).contains(DUBLIN);
  }

  @Test
  void shouldUseTheStore_whenTheDistributionChannelHasNoDefault() {
    assertThat(defaults.location(Optional.of("web-other"), Optional.of("uk"))).contains(LONDON);
    assertThat(defaults.location(Optional.empty(), Optional.of("uk"))).contains(LONDON);
  }

  @Test
  void shouldFallBackToTheStarRow_whenNeitherHasADefault() {
    assertThat(defaults.location(Optional.of("web-other"), Optional.of("de"))).contains(LEEDS);
    assertThat(defaults.location(Optional.empty(), Optional.empty())).contains(LEEDS);
  }

  @Test
  void shouldFindNothing_withoutAStarRowOrAMatchingDefault() {
    OrderDefaults storesOnly = OrderDefaults.of(Map.of(), Map.of("uk", LONDON), Optional.empty());

    assertThat(storesOnly.location(Optional.of("web-uk"), Optional.of("de"))).isEmpty();
    assertThat(OrderDefaults.none().location(Optional.empty(), Optional.of("uk"))).isEmpty();
  }

  @Test
  void shouldRejectAnUnknownScope_namingIt() {
    assertThatThrownBy(() -> OrderDefaults.Scope.parse("country"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("default_for")
        .hasMessageContaining("country")
        .hasMessageContaining("store or distribution_channel");
  }

  @Test
  void shouldReadOrderDefaultsCsv_andApplyThePrecedence_withTheStarRowLast() {
    CatalogueMapping mapping = CatalogueMapping.builder()
        .locationsCsv(new StringReader(LOCATIONS), "locations.csv")
        .orderDefaultsCsv(new StringReader("default_for,key,location\nstore,uk,london-dc\ndistribution_channel,web-ie,dublin-dc\n"), "order-defaults.csv")
        .build();

    OrderDefaults read = mapping.orderDefaults();
    assertThat(read.stores()).containsExactly(Map.entry("uk", LONDON));
    assertThat(read.distributionChannels()).containsExactly(Map.entry("web-ie", DUBLIN));
    assertThat(read.fallback()).contains(LEEDS);
    assertThat(read.location(Optional.of("web-ie"), Optional.of("uk"))).contains(DUBLIN);
    assertThat(read.location(Optional.empty(), Optional.of("uk"))).contains(LONDON);
    assertThat(read.location(Optional.empty(), Optional.of("fr"))).contains(LEEDS);
  }

  @Test
  void shouldNameFileAndLine_forEveryBadOrderDefault() {
    List<MappingProblem> problems = problemsOf(CatalogueMapping.builder()
        .locationsCsv(new StringReader(LOCATIONS), "locations.csv")
        .orderDefaultsCsv(new StringReader("""
            default_for,key,location
            store,uk,london-dc
            country,gb,london-dc
            store,,london-dc
            store,uk,dublin-dc
            distribution_channel,web-de,berlin-dc
            """), "order-defaults.csv"));

    assertThat(problems)
        .extracting(MappingProblem::kind, MappingProblem::source, MappingProblem::line, MappingProblem::field, MappingProblem::value)
        .containsExactly(
            tuple(MappingProblem.Kind.INVALID_VALUE, "order-defaults.csv", 3, "default_for", "country"),
            tuple(MappingProblem.Kind.BLANK_VALUE, "order-defaults.csv", 4, "key", ""),
            tuple(MappingProblem.Kind.DUPLICATE_DEFAULT, "order-defaults.csv", 5, "key", "store uk"),
            tuple(MappingProblem.Kind.ORPHAN, "order-defaults.csv", 6, "location", "berlin-dc"));
    assertThat(problems.get(2).message()).isEqualTo("line 5 repeats key \"store uk\" first seen on line 2 (location \"dublin-dc\" here, \"london-dc\" there)");
    assertThat(problems.get(3).message()).isEqualTo("line 6 makes location \"berlin-dc\" the default for distribution_channel web-de,"
        + " but that location has no planner_warehouse: map it in the locations table");
  }

  @Test
  void shouldReadAndWriteOrderDefaultsInJson_withLinesInProblems(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("mapping.json"), """
        {
          "locations": [ { "supply_channel": "web-uk", "location": "london-dc", "planner_warehouse": "wh-1" } ],
          "order_defaults": [
            { "default_for": "store", "key": "uk", "location": "london-dc" },
            { "default_for": "store", "key": "ie", "location": "cork-dc" }
          ]
        }
        """);

    assertThat(problemsOf(CatalogueMapping.builder().json(file)))
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.source()).isEqualTo(file.toString());
          assertThat(problem.line()).isEqualTo(5);
          assertThat(problem.kind()).isEqualTo(MappingProblem.Kind.ORPHAN);
        });

    CatalogueMapping mapping = CatalogueMapping.builder()
        .channel(SupplyChannel.of("web-uk"), LONDON).warehouse(LONDON, WarehouseId.of("wh-1"))
        .orderDefault(OrderDefaults.Scope.STORE, "uk", LONDON)
        .orderDefault(OrderDefaults.Scope.DISTRIBUTION_CHANNEL, "web-uk", LONDON)
        .build();
    StringWriter json = new StringWriter();
    mapping.writeJson(json);

    assertThat(json.toString()).contains("\"order_defaults\"", "\"default_for\" : \"store\"", "\"default_for\" : \"distribution_channel\"");
    assertThat(CatalogueMapping.builder().json(new StringReader(json.toString()), "written").build()).isEqualTo(mapping);
  }

  @Test
  void shouldLeaveOrderDefaultsOutOfJson_whenThereAreNone() {
    CatalogueMapping mapping = CatalogueMapping.builder().channel(SupplyChannel.of("web-uk"), LONDON).warehouse(LONDON, WarehouseId.of("wh-1")).build();
    StringWriter json = new StringWriter();
    mapping.writeJson(json);

    assertThat(json.toString()).doesNotContain("order_defaults");
    assertThat(mapping.orderDefaults().location(Optional.empty(), Optional.of("uk"))).isEmpty();
  }
}
