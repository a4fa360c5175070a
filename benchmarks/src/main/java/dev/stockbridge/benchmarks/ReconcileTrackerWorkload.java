package dev.stockbridge.benchmarks;

import dev.stockbridge.Position;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.Location;
import dev.stockbridge.reconcile.LastWriter;
import dev.stockbridge.reconcile.RunInput;
import dev.stockbridge.reconcile.ShownStock;
import dev.stockbridge.reconcile.SourceStock;
import dev.stockbridge.reconcile.StockRows;
import dev.stockbridge.InventoryState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Two stock views for the tracker benchmark in which every position shows 1 to 5 units more than
 * the source holds: one run finds one QUANTITY_MISMATCH per position, the same ones run after run.
 */
final class ReconcileTrackerWorkload {

  /** When every row was taken, and what the differ's clock reads. */
  static final Instant AS_OF = Instant.parse("2026-11-27T09:00:00Z");

  private final SourceStock[] source;
  private final ShownStock[] shown;

  private ReconcileTrackerWorkload(SourceStock[] source, ShownStock[] shown) {
    this.source = source;
    this.shown = shown;
  }

  /**
   * Generates the views, in key order.
   *
   * @param discrepancies how many positions, each a discrepancy
   * @return the workload
   */
  static ReconcileTrackerWorkload generate(int discrepancies) {
    SourceStock[] source = new SourceStock[discrepancies];
    ShownStock[] shown = new ShownStock[discrepancies];
    Location location = Location.of("london");
    for (int i = 0; i < discrepancies; i++) {
      StockKey key = new StockKey(Sku.of(String.format("SKU-%07d", i)), location);
      long quantity = 10 + i % 100;
      source[i] = SourceStock.of(new Position(key, Map.of(InventoryState.AVAILABLE, quantity)), AS_OF);
      shown[i] = new ShownStock(key, quantity + 1 + i % 5, AS_OF, LastWriter.STOCKBRIDGE);
    }
    return new ReconcileTrackerWorkload(source, shown);
  }

  /** One run's input; the rows are reused, the iterators are new. */
  RunInput input() {
    return new RunInput(Optional.empty(), StockRows.sorted(Arrays.asList(source).iterator()),
        StockRows.sorted(Arrays.asList(shown).iterator()));
  }
}
