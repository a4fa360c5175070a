package dev.stockbridge.reconcile;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.MovementJournal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The movements Stockbridge has accepted for a key but the storefront does not show yet. A host
 * that runs the engine wires its view here ({@code engine::unapplied}); a reconciliation in a
 * process of its own reads the journal with {@link #pending(MovementJournal)}. Must be thread-safe.
 */
@FunctionalInterface
public interface InFlight {

  /**
   * The movements of a key accepted but not yet applied to the storefront.
   *
   * @param key the (SKU, location) key
   * @return the unapplied movements, in sequence order; empty if none
   */
  List<Movement> unapplied(StockKey key);

  /**
   * A view with nothing in flight.
   *
   * @return the empty view
   */
  static InFlight none() {
    return key -> List.of();
  }

  /**
   * The movements a journal holds that are not marked applied, read once now, streaming: memory
   * holds what is in flight, not the journal. A movement whose
   * write reached the storefront just before a crash may still be unmarked; the next sync settles
   * it, and until then it counts as in flight.
   *
   * @param journal the journal, not written by anyone while it is read
   * @return an immutable view of what was pending when read
   * @throws dev.stockbridge.StockbridgeException if the journal cannot be read
   */
  static InFlight pending(MovementJournal journal) {
    Map<StockKey, List<Movement>> view = unappliedIn(journal);
    return key -> view.getOrDefault(key, List.of());
  }

  /**
   * Every key's movements a journal holds that are not marked applied, read once now, e.g. to say
   * what a stopped process left for the next start.
   *
   * @param journal the journal, not written by anyone while it is read
   * @return the unapplied movements by key, each list in sequence order; keys with none left out
   * @throws dev.stockbridge.StockbridgeException if the journal cannot be read
   */
  static Map<StockKey, List<Movement>> unappliedIn(MovementJournal journal) {
    Map<StockKey, List<Movement>> pending = new HashMap<>();
    Map<StockKey, Long> marks = new HashMap<>();
    journal.replay(new MovementJournal.Visitor() {
      @Override
      public void accepted(Movement movement) {
        if (movement.sequence() > marks.getOrDefault(movement.key(), 0L)) {
          pending.computeIfAbsent(movement.key(), k -> new ArrayList<>()).add(movement);
        }
      }

      @Override
      public void applied(StockKey key, long sequence) {
        long mark = marks.merge(key, sequence, Math::max);
        List<Movement> held = pending.get(key);
        if (held != null) {
          held.removeIf(m -> m.sequence() <= mark); // streamed: only what waits stays in memory
          if (held.isEmpty()) {
            pending.remove(key);
          }
        }
      }

      @Override
      public void compacted(dev.stockbridge.spi.CompactedKey summary) {
        applied(summary.key(), summary.appliedSequence());
      }
    });
    pending.replaceAll((key, movements) -> List.copyOf(movements));
    return Map.copyOf(pending);
  }
}
