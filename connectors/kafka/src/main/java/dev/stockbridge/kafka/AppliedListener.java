package dev.stockbridge.kafka;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import java.time.Instant;
import java.util.List;

/**
 * Told each time the storefront took movements of a key (for metrics: the order-to-storefront
 * latency). Called on a writer thread after the update; must be quick and must not throw (what it
 * throws is logged and ignored).
 */
@FunctionalInterface
public interface AppliedListener {

  /** Listens to nothing. */
  AppliedListener NONE = applied -> {};

  /**
   * Movements of one key reached the storefront in one update.
   *
   * @param applied what was applied
   */
  void applied(Applied applied);

  /**
   * One update's movements.
   *
   * @param key the key written
   * @param movements the movements the update applied, each with its sequence (its offset + 1)
   * @param arrived per movement, when its order message arrived on the intake topic (the record's
   *     timestamp)
   * @param appliedAt when the storefront answered
   */
  record Applied(StockKey key, List<Movement> movements, List<Instant> arrived, Instant appliedAt) {

    /** Copies the lists. */
    public Applied {
      movements = List.copyOf(movements);
      arrived = List.copyOf(arrived);
    }
  }
}
