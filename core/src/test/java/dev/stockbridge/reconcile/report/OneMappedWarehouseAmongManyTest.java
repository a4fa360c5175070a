package dev.stockbridge.reconcile.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockbridge.Location;
import dev.stockbridge.Position;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.reconcile.CatalogueView;
import dev.stockbridge.reconcile.Differ;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.DiscrepancyKind;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.reconcile.LastWriter;
import dev.stockbridge.reconcile.PlannerItem;
import dev.stockbridge.reconcile.Reconciler;
import dev.stockbridge.reconcile.RunInput;
import dev.stockbridge.reconcile.RunResult;
import dev.stockbridge.reconcile.ShownStock;
import dev.stockbridge.reconcile.SourceStock;
import dev.stockbridge.reconcile.StockRows;
import dev.stockbridge.reconcile.UnmappedWarehouse;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.InventoryState;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Regression: a small shop's report said "14 keys compared" beside "2353 discrepancies", 2341 of
 * them UNMAPPED planner variants of warehouses the shop does not sell from.
 */
class OneMappedWarehouseAmongManyTest {

  private static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");
  private static final Location SHOP = Location.of("shop");
  private static final WarehouseId MAIN = WarehouseId.of("main");

  private final RunResult result = run();

  private static RunResult run() {
    MutableClock clock = new MutableClock(AT);
    CatalogueMapping.Builder mapping = CatalogueMapping.builder().channel(SupplyChannel.of("web"), SHOP).warehouse(SHOP, MAIN);
    List<PlannerItem> planner = new ArrayList<>();
    Set<Sku> storefront = new HashSet<>();
    List<SourceStock> source = new ArrayList<>();
    List<ShownStock> shown = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      Sku sku = Sku.of(String.format("SHOP-ITEM-%02d", i));
      VariantId variant = VariantId.of("shop-" + i);
      mapping.sku(sku, variant);
      storefront.add(sku);
      planner.add(new PlannerItem(variant, MAIN, 10, 0, OptionalInt.of(7), Optional.of(BigDecimal.ONE)));
      StockKey key = new StockKey(sku, SHOP);
      source.add(SourceStock.of(Position.empty(key).plus(InventoryState.AVAILABLE, 10), AT));
      // Two positions differ: one storefront shows 2 too many, one 1 too few.
      shown.add(new ShownStock(key, i == 3 ? 12 : i == 9 ? 9 : 10, AT, LastWriter.STOCKBRIDGE));
    }
    // The planner account holds 2,341 rows of eleven other warehouses' variants.
    for (int i = 0; i < 2_341; i++) {
      planner.add(new PlannerItem(VariantId.of("other-" + i), WarehouseId.of("wh-" + (i % 11)), i % 5, 0,
          OptionalInt.empty(), Optional.empty()));
    }
    Reconciler reconciler = Reconciler.builder().differ(Differ.builder().clock(clock).build())
        .tracker(ExceptionTracker.inMemory(clock)).alerts(alert -> { }).clock(clock).build();
    return reconciler.run(new RunInput(Optional.of(new CatalogueView(storefront, planner, mapping.build())),
        StockRows.unsorted(source.iterator()), StockRows.unsorted(shown.iterator())));
  }

  @Test
  void shouldCompareOnlyTheMappedWarehouse_andSummariseTheOthers() {
    assertThat(result.stats().keysCompared()).isEqualTo(14);
    assertThat(result.discrepancies()).extracting(Discrepancy::kind)
        .containsExactly(DiscrepancyKind.QUANTITY_MISMATCH, DiscrepancyKind.QUANTITY_MISMATCH);
    assertThat(result.outOfScope()).hasSize(11);
    assertThat(result.outOfScope().stream().mapToLong(UnmappedWarehouse::plannerRows).sum()).isEqualTo(2_341);
  }

  @Test
  void shouldGiveCountsThatAddUp_inTheReport() throws Exception {
    RunReport report = new RunReport(result, List.of(), List.of(), List.of());
    StringWriter json = new StringWriter();
    Reports.json(report, json);
    JsonNode summary = new ObjectMapper().readTree(json.toString()).get("summary");
    StringWriter html = new StringWriter();
    Reports.html(report, html);

    assertThat(summary.get("positions").get("agree").asLong()).isEqualTo(12);
    assertThat(summary.get("positions").get("withDiscrepancies").asLong()).isEqualTo(2);
    assertThat(summary.get("discrepancies").asLong()).isEqualTo(2);
    assertThat(summary.get("notCompared").get("plannerRows").asLong()).isEqualTo(2_341);
    assertThat(html.toString())
        .contains("14 positions compared: 12 agree, 0 explained by movements still in flight, 2 with discrepancies",
            "<b>2 discrepancies in all</b>")
        .doesNotContain("UNMAPPED", "variant:other-");
    assertThat(Pattern.compile("Not compared: ").matcher(html.toString()).results().count()).isEqualTo(1);
    assertThat(html.toString()).contains("Not compared: 2,341 planner rows in 11 warehouses no location maps to");
  }
}
