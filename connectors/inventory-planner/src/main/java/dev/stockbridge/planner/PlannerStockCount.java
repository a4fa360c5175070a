package dev.stockbridge.planner;

import dev.stockbridge.Checks;
import dev.stockbridge.Position;
import dev.stockbridge.StockKey;
import dev.stockbridge.flow.StockCount;
import dev.stockbridge.flow.StockCountSource;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.reconcile.PlannerItem;
import dev.stockbridge.reconcile.SourceStock;
import dev.stockbridge.InventoryState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Inventory Planner as the counted stock for reconciliation: one read of the variant catalogue gives
 * every variant row per warehouse, and for the mapped keys the planner's {@code in_stock}, which is
 * available stock (negative after an oversell: the residual is computed from that signed figure).
 * Stateless between reads.
 */
public final class PlannerStockCount implements StockCountSource {

  private final PlannerClient client;
  private final CatalogueMapping mapping;
  private final Clock clock;

  /**
   * Creates the source.
   *
   * @param client the planner client
   * @param mapping the catalogue mapping
   * @param clock when a count was read
   */
  public PlannerStockCount(PlannerClient client, CatalogueMapping mapping, Clock clock) {
    this.client = Checks.notNull("client", client);
    this.mapping = Checks.notNull("mapping", mapping);
    this.clock = Checks.notNull("clock", clock);
  }

  @Override
  public StockCount read() {
    Instant now = clock.instant();
    List<PlannerItem> items = new ArrayList<>();
    List<SourceStock> counted = new ArrayList<>();
    try (Stream<PlannerVariant> variants = client.variants(Query.all())) {
      variants.filter(variant -> !variant.removed()).forEach(variant -> {
        for (WarehouseStock block : variant.warehouses()) {
          items.add(new PlannerItem(variant.id(), block.warehouse(), block.inStock().orElse(0),
              Math.max(0, block.purchaseOrdersQty().orElse(0)), block.leadTime(), variant.costPrice()));
          if (mapping.sku(variant.id()).isMapped() && mapping.location(block.warehouse()).isMapped() && block.inStock().isPresent()) {
            StockKey key = new StockKey(mapping.sku(variant.id()).orElseThrow(), mapping.location(block.warehouse()).orElseThrow());
            long inStock = block.inStock().getAsLong();
            counted.add(new SourceStock(Position.empty(key).plus(InventoryState.AVAILABLE, Math.max(0, inStock)), inStock, now));
          }
        }
      });
    }
    return new StockCount(items, counted);
  }
}
