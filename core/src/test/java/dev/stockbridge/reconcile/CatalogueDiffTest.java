package dev.stockbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueDiffTest {

  private static final WarehouseId W1 = WarehouseId.of("w1");

  private final CatalogueMapping mapping = CatalogueMapping.builder()
      .sku(Sku.of("MUG"), VariantId.of("v-mug"))
      .sku(Sku.of("TEA"), VariantId.of("v-tea"))
      .sku(Sku.of("POT"), VariantId.of("v-pot"))
      .sku(Sku.of("NEW"), VariantId.of("v-new"))
      .channel(SupplyChannel.of("web"), Location.of("l1"))
      .warehouse(Location.of("l1"), W1)
      .build();

  private static PlannerItem planned(String variant) {
    return new PlannerItem(VariantId.of(variant), W1, 5, 0, OptionalInt.of(14), Optional.of(new BigDecimal("2.50")));
  }

  private List<Discrepancy> diff(Set<String> storefront, List<PlannerItem> planner) {
    Set<Sku> skus = new java.util.HashSet<>();
    storefront.forEach(s -> skus.add(Sku.of(s)));
    List<Discrepancy> found = new ArrayList<>();
    Differ.builder().build().diffCatalogue(new CatalogueView(skus, planner, mapping), found::add);
    return found;
  }

  @Test
  void shouldReportNothing_whenCataloguesAndMappingAgree() {
    assertThat(diff(Set.of("MUG", "TEA", "POT", "NEW"),
        List.of(planned("v-mug"), planned("v-tea"), planned("v-pot"), planned("v-new")))).isEmpty();
  }

  @Test
  void shouldReportUnmapped_forAStorefrontSkuAndAPlannerVariantWithoutMapping() {
    List<Discrepancy> found = diff(Set.of("MUG", "TEA", "POT", "NEW", "SPOON"),
        List.of(planned("v-mug"), planned("v-tea"), planned("v-pot"), planned("v-new"), planned("v-fork")));

    assertThat(found).extracting(Discrepancy::dedupeKey)
        .containsExactly("UNMAPPED|SPOON", "UNMAPPED|variant:v-fork");
    assertThat(found).allSatisfy(d -> {
      assertThat(d.cause()).isEqualTo(Cause.UNMAPPED_SKU);
      assertThat(d.owner()).isEqualTo(Owner.ECOMMERCE);
    });
  }

  @Test
  void shouldReportMissingInStorefront_whenThePlannerStocksASkuTheStorefrontDoesNotPublish() {
    List<Discrepancy> found = diff(Set.of("MUG", "TEA", "NEW"),
        List.of(planned("v-mug"), planned("v-tea"), planned("v-pot"), planned("v-new")));

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.MISSING_IN_STOREFRONT);
      assertThat(d.subject()).isEqualTo("POT");
      assertThat(d.owner()).isEqualTo(Owner.ECOMMERCE);
    });
  }

  @Test
  void shouldReportMissingInPlanner_whenThePlannerLacksAPublishedSkusVariant() {
    List<Discrepancy> found = diff(Set.of("MUG", "TEA", "POT", "NEW"),
        List.of(planned("v-mug"), planned("v-pot"), planned("v-new")));

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.MISSING_IN_PLANNER);
      assertThat(d.subject()).isEqualTo("TEA");
      assertThat(d.detail()).contains("v-tea");
    });
  }

  @Test
  void shouldReportNewSkuWithoutPlanningData_ownedByFinanceWhenCostIsMissing() {
    PlannerItem noCost = new PlannerItem(VariantId.of("v-new"), W1, 0, 0, OptionalInt.of(10), Optional.empty());
    PlannerItem noLeadTime = new PlannerItem(VariantId.of("v-pot"), W1, 0, 0, OptionalInt.empty(),
        Optional.of(BigDecimal.ONE));

    List<Discrepancy> found = diff(Set.of("MUG", "TEA", "POT", "NEW"),
        List.of(planned("v-mug"), planned("v-tea"), noLeadTime, noCost));

    assertThat(found).extracting(Discrepancy::dedupeKey)
        .containsExactly("NEW_SKU_WITHOUT_PLANNING_DATA|NEW", "NEW_SKU_WITHOUT_PLANNING_DATA|POT");
    assertThat(found.get(0).owner()).isEqualTo(Owner.FINANCE);
    assertThat(found.get(0).detail()).contains("has no cost");
    assertThat(found.get(1).owner()).isEqualTo(Owner.OPS);
    assertThat(found.get(1).detail()).contains("has no lead time");
  }
}
