package dev.stockbridge.inspection;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.CompactedKey;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.InventoryState;
import java.util.Map;
import java.util.TreeMap;

/**
 * Units waiting in inspection per key, derived from the movement journal: every accepted movement
 * into or out of {@code INSPECTION} counts (a compacted journal keeps their sum per key), so the
 * figure is what the journal says, never a second copy that could drift from it. Immutable once
 * read.
 */
public final class InspectionCounts {

  private final Map<StockKey, Long> waiting;

  private InspectionCounts(Map<StockKey, Long> waiting) {
    this.waiting = waiting;
  }

  /**
   * Reads the counts from a journal.
   *
   * @param journal the journal, not appended to while this reads
   * @return the counts
   */
  public static InspectionCounts of(MovementJournal journal) {
    Map<StockKey, Long> waiting = new TreeMap<>(java.util.Comparator.comparing(StockKey::toString));
    journal.replay(new MovementJournal.Visitor() {
      @Override
      public void accepted(Movement movement) {
        if (movement.state().equals(InventoryState.INSPECTION)) {
          waiting.merge(movement.key(), movement.quantity(), Long::sum);
        }
      }

      @Override
      public void applied(StockKey key, long sequence) {}

      @Override
      public void compacted(CompactedKey summary) {
        long units = summary.units(InventoryState.INSPECTION); // what the compacted movements moved
        if (units != 0) {
          waiting.merge(summary.key(), units, Long::sum);
        }
      }
    });
    waiting.values().removeIf(units -> units == 0);
    return new InspectionCounts(Map.copyOf(waiting));
  }

  /**
   * Units waiting at one key.
   *
   * @param key the SKU and location
   * @return the units, 0 if none
   */
  public long waiting(StockKey key) {
    return waiting.getOrDefault(key, 0L);
  }

  /**
   * Every key with units waiting.
   *
   * @return units per key
   */
  public Map<StockKey, Long> all() {
    return waiting;
  }

  /**
   * All units waiting.
   *
   * @return the sum
   */
  public long total() {
    return waiting.values().stream().mapToLong(Long::longValue).sum();
  }
}
