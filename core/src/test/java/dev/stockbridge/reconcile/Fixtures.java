package dev.stockbridge.reconcile;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Position;
import dev.stockbridge.StockKey;
import dev.stockbridge.InventoryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rows and movements for reconciliation tests. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

  private Fixtures() {}

  static SourceStock source(String sku, String location, long available) {
    return SourceStock.of(new Position(StockKey.of(sku, location), Map.of(InventoryState.AVAILABLE, available)), NOW);
  }

  static SourceStock source(String sku, String location, Map<InventoryState, Long> states) {
    return SourceStock.of(new Position(StockKey.of(sku, location), states), NOW);
  }

  static ShownStock shown(String sku, String location, long quantity) {
    return new ShownStock(StockKey.of(sku, location), quantity, NOW, LastWriter.STOCKBRIDGE);
  }

  static ShownStock shown(String sku, String location, long quantity, LastWriter writer) {
    return new ShownStock(StockKey.of(sku, location), quantity, NOW, writer);
  }

  static Movement order(String sku, String location, long quantity, String orderId) {
    StockKey key = StockKey.of(sku, location);
    return Movement.of(MovementKind.ORDER, key.sku(), key.location(), -quantity, "order " + orderId,
        IdempotencyKeys.orderLine(orderId, "1"));
  }

  static Movement receipt(String sku, String location, long quantity, String po) {
    StockKey key = StockKey.of(sku, location);
    return Movement.of(MovementKind.RECEIPT, key.sku(), key.location(), quantity, "po " + po,
        IdempotencyKeys.of(MovementKind.RECEIPT, po));
  }

  /** Diffs sorted sides and collects what was found. */
  static List<Discrepancy> diff(Differ differ, List<SourceStock> source, List<ShownStock> shown) {
    List<Discrepancy> found = new ArrayList<>();
    differ.diffStock(StockRows.sorted(source.iterator()), StockRows.sorted(shown.iterator()), found::add);
    return found;
  }
}
