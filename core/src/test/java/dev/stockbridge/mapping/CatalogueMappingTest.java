package dev.stockbridge.mapping;

import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_CHANNEL;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_LOCATION;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_SKU;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_VARIANT;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_WAREHOUSE;
import static dev.stockbridge.mapping.MappingProblem.Kind.ORPHAN;
import static dev.stockbridge.mapping.MappingProblem.Kind.UNMAPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueMappingTest {

  private static final Sku TEE = Sku.of("TEE-RED-M");
  private static final Sku MUG = Sku.of("MUG");
  private static final VariantId TEE_VARIANT = VariantId.of("12345");
  private static final VariantId MUG_VARIANT = VariantId.of("a3060_1234");
  private static final SupplyChannel WEB_UK = SupplyChannel.of("web-uk");
  private static final SupplyChannel WEB_IE = SupplyChannel.of("web-ie");
  private static final Location LONDON = Location.of("london-dc");
  private static final Location LEEDS = Location.of("leeds-store");
  private static final WarehouseId WH_LONDON = WarehouseId.of("wh-1");
  private static final WarehouseId WH_LEEDS = WarehouseId.of("wh-2");

  private static final CatalogueMapping MAPPING =
      CatalogueMapping.builder()
          .sku(TEE, TEE_VARIANT)
          .sku(MUG, MUG_VARIANT)
          .channel(WEB_UK, LONDON)
          .channel(WEB_IE, LONDON)
          .channel(SupplyChannel.none(), LEEDS)
          .warehouse(LONDON, WH_LONDON)
          .warehouse(LEEDS, WH_LEEDS)
          .build();

  @Test
  void shouldMapToPlannerAndBack_whenSkuAndChannelAreKnown() {
    PlannerKey planner = MAPPING.toPlanner(TEE, WEB_UK).orElseThrow();
    assertThat(planner).isEqualTo(new PlannerKey(TEE_VARIANT, WH_LONDON));

    StorefrontKey storefront = MAPPING.toStorefront(TEE_VARIANT, WH_LONDON).orElseThrow();
    assertThat(storefront.sku()).isEqualTo(TEE);
    assertThat(storefront.location()).isEqualTo(LONDON);
    assertThat(storefront.stockKey()).isEqualTo(new StockKey(TEE, LONDON));
  }

  @Test
  void shouldShareOnePool_whenSeveralChannelsMapToIt() {
    assertThat(MAPPING.toPlanner(MUG, WEB_UK)).isEqualTo(MAPPING.toPlanner(MUG, WEB_IE));
    assertThat(MAPPING.location(WEB_IE).orElseThrow()).isEqualTo(LONDON);
    assertThat(MAPPING.toStorefront(MUG_VARIANT, WH_LONDON).orElseThrow().supplyChannels())
        .containsExactly(WEB_UK, WEB_IE);
  }

  @Test
  void shouldMapEntriesWithoutSupplyChannel_whenNoneIsMapped() {
    assertThat(MAPPING.toPlanner(TEE, SupplyChannel.none()).orElseThrow().warehouse())
        .isEqualTo(WH_LEEDS);
    assertThat(MAPPING.toStorefront(TEE_VARIANT, WH_LEEDS).orElseThrow().supplyChannels())
        .containsExactly(SupplyChannel.none());
    assertThat(SupplyChannel.parse("*")).isSameAs(SupplyChannel.none());
    assertThat(SupplyChannel.parse("web-uk")).isEqualTo(WEB_UK);
  }

  @Test
  void shouldAnswerSingleLevelLookups_inBothDirections() {
    assertThat(MAPPING.variant(MUG).orElseThrow()).isEqualTo(MUG_VARIANT);
    assertThat(MAPPING.sku(MUG_VARIANT).orElseThrow()).isEqualTo(MUG);
    assertThat(MAPPING.warehouse(LEEDS).orElseThrow()).isEqualTo(WH_LEEDS);
    assertThat(MAPPING.location(WH_LEEDS).orElseThrow()).isEqualTo(LEEDS);
    assertThat(MAPPING.location(SupplyChannel.none()).orElseThrow()).isEqualTo(LEEDS);
  }

  @Test
  void shouldReturnUnmapped_whenSkuIsUnknown() {
    Lookup<PlannerKey> lookup = MAPPING.toPlanner(Sku.of("GHOST"), SupplyChannel.of("nowhere"));
    assertThat(lookup.isMapped()).isFalse();
    assertThat(lookup)
        .isEqualTo(new Lookup.Unmapped<PlannerKey>(Lookup.Reason.UNKNOWN_SKU, Sku.of("GHOST")));
    assertThat(((Lookup.Unmapped<PlannerKey>) lookup).message())
        .isEqualTo("sku \"GHOST\" has no planner variant");
    assertThat(MAPPING.variant(Sku.of("GHOST")).isMapped()).isFalse();
  }

  @Test
  void shouldReturnUnmapped_whenChannelIsUnknown() {
    SupplyChannel store = SupplyChannel.of("store-42");
    assertThat(MAPPING.toPlanner(TEE, store))
        .isEqualTo(new Lookup.Unmapped<PlannerKey>(Lookup.Reason.UNKNOWN_SUPPLY_CHANNEL, store));
    assertThat(MAPPING.location(store))
        .isEqualTo(new Lookup.Unmapped<Location>(Lookup.Reason.UNKNOWN_SUPPLY_CHANNEL, store));
  }

  @Test
  void shouldReturnUnmapped_whenVariantOrWarehouseIsUnknown() {
    WarehouseId unknownWarehouse = WarehouseId.of("wh-9");
    VariantId unknownVariant = VariantId.of("999");
    assertThat(MAPPING.toStorefront(TEE_VARIANT, unknownWarehouse))
        .isEqualTo(
            new Lookup.Unmapped<StorefrontKey>(Lookup.Reason.UNKNOWN_WAREHOUSE, unknownWarehouse));
    assertThat(MAPPING.toStorefront(unknownVariant, unknownWarehouse))
        .isEqualTo(
            new Lookup.Unmapped<StorefrontKey>(Lookup.Reason.UNKNOWN_VARIANT, unknownVariant));
    Location york = Location.of("york");
    assertThat(MAPPING.warehouse(york))
        .isEqualTo(new Lookup.Unmapped<WarehouseId>(Lookup.Reason.UNKNOWN_LOCATION, york));
  }

  @Test
  void shouldThrowNamingValueAndReason_whenUnmappedIsForced() {
    assertThatThrownBy(() -> MAPPING.toPlanner(Sku.of("GHOST"), WEB_UK).orElseThrow())
        .isInstanceOfSatisfying(
            UnmappedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Lookup.Reason.UNKNOWN_SKU);
              assertThat(e.key()).isEqualTo(Sku.of("GHOST"));
            })
        .hasMessage("unmapped: sku \"GHOST\" has no planner variant; add it to the mapping");
    assertThatThrownBy(() -> MAPPING.location(SupplyChannel.of("store-42")).orElseThrow())
        .hasMessageContaining("supply channel \"store-42\" is not mapped to a location");
  }

  @Test
  void shouldRejectReservedAndBlankKeys_whenCreatingValues() {
    assertThatThrownBy(() -> SupplyChannel.of("*"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> VariantId.of(" 12"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("planner_variant_id must not start or end with whitespace");
    assertThatThrownBy(() -> WarehouseId.of("")).hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> MAPPING.toPlanner(null, WEB_UK))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void shouldReportDuplicatesInBothDirections_whenBuiltInCode() {
    CatalogueMapping.Builder builder =
        CatalogueMapping.builder()
            .sku(TEE, TEE_VARIANT)
            .sku(TEE, MUG_VARIANT)
            .sku(MUG, TEE_VARIANT)
            .channel(WEB_UK, LONDON)
            .channel(WEB_UK, LEEDS)
            .warehouse(LONDON, WH_LONDON)
            .warehouse(LONDON, WH_LONDON)
            .warehouse(LEEDS, WH_LONDON)
            .warehouse(LONDON, WH_LEEDS);

    List<MappingProblem> problems = problemsOf(builder);

    assertThat(problems)
        .extracting(MappingProblem::kind, MappingProblem::source, MappingProblem::line)
        .containsExactly(
            tuple(DUPLICATE_SKU, "code", 2),
            tuple(DUPLICATE_VARIANT, "code", 3),
            tuple(DUPLICATE_CHANNEL, "code", 5),
            tuple(DUPLICATE_WAREHOUSE, "code", 8),
            tuple(DUPLICATE_LOCATION, "code", 9),
            tuple(ORPHAN, "code", 8));
    assertThat(problems.get(0).message())
        .isEqualTo(
            "entry 2 repeats sku \"TEE-RED-M\" first seen on entry 1"
                + " (planner_variant_id \"a3060_1234\" here, \"12345\" there)");
    assertThat(problems.get(1).message())
        .isEqualTo(
            "entry 3 repeats planner_variant_id \"12345\" first seen on entry 1"
                + " (sku \"MUG\" here, \"TEE-RED-M\" there)");
  }

  @Test
  void shouldReportIdenticalRepeat_ofSkuOrChannelButNotOfWarehouse() {
    CatalogueMapping.Builder builder =
        CatalogueMapping.builder()
            .sku(TEE, TEE_VARIANT)
            .sku(TEE, TEE_VARIANT)
            .channel(WEB_UK, LONDON)
            .channel(WEB_UK, LONDON)
            .warehouse(LONDON, WH_LONDON)
            .warehouse(LONDON, WH_LONDON);

    assertThat(problemsOf(builder))
        .extracting(MappingProblem::kind, MappingProblem::line, MappingProblem::message)
        .containsExactly(
            tuple(
                DUPLICATE_SKU,
                2,
                "entry 2 repeats sku \"TEE-RED-M\" first seen on entry 1 with the same"
                    + " planner_variant_id"),
            tuple(
                DUPLICATE_CHANNEL,
                4,
                "entry 4 repeats supply_channel \"web-uk\" first seen on entry 3 with the same"
                    + " location"));
  }

  @Test
  void shouldReportOrphans_whenPoolLacksWarehouseOrChannel() {
    CatalogueMapping.Builder builder =
        CatalogueMapping.builder()
            .channel(WEB_UK, LONDON)
            .warehouse(LEEDS, WH_LEEDS);

    assertThat(problemsOf(builder))
        .extracting(MappingProblem::kind, MappingProblem::line, MappingProblem::value)
        .containsExactly(tuple(ORPHAN, 1, "london-dc"), tuple(ORPHAN, 2, "leeds-store"));
  }

  @Test
  void shouldReportCatalogueMismatches_atTheLineThatMappedThem() {
    CatalogueMapping mapping =
        CatalogueMapping.builder()
            .skusCsv(new StringReader("sku,planner_variant_id\nTEE,1\nMUG,2\nCAP,3\n"), "skus.csv")
            .build();

    List<MappingProblem> problems =
        mapping.checkAgainst(
            Set.of(Sku.of("TEE"), Sku.of("CAP"), Sku.of("SOCK"), Sku.of("BELT")),
            Set.of(VariantId.of("1"), VariantId.of("2")));

    assertThat(problems)
        .extracting(
            MappingProblem::kind,
            MappingProblem::source,
            MappingProblem::line,
            MappingProblem::field,
            MappingProblem::value)
        .containsExactly(
            tuple(ORPHAN, "skus.csv", 3, "sku", "MUG"),
            tuple(ORPHAN, "skus.csv", 4, "planner_variant_id", "3"),
            tuple(UNMAPPED, "storefront", MappingProblem.NO_LINE, "sku", "BELT"),
            tuple(UNMAPPED, "storefront", MappingProblem.NO_LINE, "sku", "SOCK"));
    assertThat(problems.get(0).message())
        .isEqualTo("line 3 maps sku \"MUG\", which the storefront lacks");
    assertThat(
            mapping.checkAgainst(
                Set.of(Sku.of("TEE"), Sku.of("MUG"), Sku.of("CAP")),
                Set.of(VariantId.of("1"), VariantId.of("2"), VariantId.of("3"))))
        .isEmpty();
  }

  @Test
  void shouldListFirstProblems_andCountTheRest_inExceptionMessage() {
    CatalogueMapping.Builder builder = CatalogueMapping.builder();
    for (int i = 0; i < MappingException.LISTED + 3; i++) {
      builder.channel(SupplyChannel.of("channel-" + i), Location.of("pool-" + i));
    }

    assertThatThrownBy(builder::build)
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith("invalid mapping: 13 problems\n  code: entry 1 maps supply_channel")
        .hasMessageContaining("channel-9")
        .hasMessageNotContaining("channel-10")
        .hasMessageEndingWith("\n  and 3 more");
  }

  @Test
  void shouldStayUnchanged_whenBuilderChangesAfterBuild() {
    CatalogueMapping.Builder builder = CatalogueMapping.builder().sku(TEE, TEE_VARIANT);
    CatalogueMapping built = builder.build();
    builder.sku(MUG, MUG_VARIANT);

    assertThat(built.skus()).containsOnlyKeys(TEE);
    assertThat(builder.build()).isNotEqualTo(built);
    assertThatThrownBy(() -> built.skus().put(MUG, MUG_VARIANT))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(CatalogueMapping.builder().build().skus()).isEmpty();
  }

  static List<MappingProblem> problemsOf(CatalogueMapping.Builder builder) {
    try {
      builder.build();
    } catch (MappingException e) {
      return e.problems();
    }
    throw new AssertionError("expected the build to fail");
  }
}
