package dev.stockbridge.postgres;

import dev.stockbridge.InventoryState;
import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.CompactedKey;
import dev.stockbridge.spi.MovementJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the engine derives from a journal's replay, independent of how it is stored: per key the
 * last sequence, the applied mark, the units per state, the movements not applied, and the
 * idempotency keys it still remembers (those accepted at or after a cutoff, or not applied). Two
 * replays with equal states start an engine identically.
 *
 * @param lastSequences per key, the highest sequence of a movement or summary
 * @param marks per key, the highest applied mark or summary's applied sequence
 * @param units per key and state name, the sum of quantities
 * @param unapplied the idempotency keys of movements above their key's mark
 * @param remembered the idempotency keys accepted at or after the cutoff, with their moment
 * @param duplicates idempotency keys replayed more than once (must be empty)
 */
record JournalState(Map<String, Long> lastSequences, Map<String, Long> marks, Map<String, Long> units,
    Set<String> unapplied, Map<String, Instant> remembered, List<String> duplicates) {

  /**
   * Replays a journal.
   *
   * @param journal the journal
   * @param cutoff movements accepted before it count as forgotten once applied
   * @return its state
   */
  static JournalState of(MovementJournal journal, Instant cutoff) {
    Map<String, Long> last = new TreeMap<>();
    Map<String, Long> marks = new TreeMap<>();
    Map<String, Long> units = new TreeMap<>();
    List<Movement> movements = new ArrayList<>();
    Map<String, Instant> at = new HashMap<>();
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    journal.replay(new MovementJournal.Visitor() {
      @Override
      public void accepted(Movement movement) {
        throw new AssertionError("the PostgreSQL journal hands every movement with its moment");
      }

      @Override
      public void accepted(Movement movement, Instant acceptedAt) {
        if (!seen.add(movement.idempotencyKey())) {
          duplicates.add(movement.idempotencyKey());
        }
        last.merge(name(movement.key()), movement.sequence(), Math::max);
        units.merge(name(movement.key()) + "|" + movement.state().name(), movement.quantity(), Long::sum);
        movements.add(movement);
        at.put(movement.idempotencyKey(), acceptedAt);
      }

      @Override
      public void applied(StockKey key, long sequence) {
        marks.merge(name(key), sequence, Math::max);
      }

      @Override
      public void compacted(CompactedKey summary) {
        last.merge(name(summary.key()), summary.lastSequence(), Math::max);
        if (summary.appliedSequence() > 0) {
          marks.merge(name(summary.key()), summary.appliedSequence(), Math::max);
        }
        for (Map.Entry<InventoryState, Long> u : summary.units().entrySet()) {
          units.merge(name(summary.key()) + "|" + u.getKey().name(), u.getValue(), Long::sum);
        }
      }
    });
    units.values().removeIf(sum -> sum == 0);
    last.values().removeIf(sequence -> sequence == 0); // a summary of marks only: nothing to number above
    marks.values().removeIf(sequence -> sequence == 0);
    Set<String> unapplied = new TreeSet<>();
    Map<String, Instant> remembered = new TreeMap<>();
    for (Movement m : movements) {
      boolean applied = m.sequence() <= marks.getOrDefault(name(m.key()), 0L);
      if (!applied) {
        unapplied.add(m.idempotencyKey());
      }
      if (!applied || !at.get(m.idempotencyKey()).isBefore(cutoff)) {
        remembered.put(m.idempotencyKey(), at.get(m.idempotencyKey()));
      }
    }
    return new JournalState(last, marks, units, unapplied, remembered, duplicates);
  }

  private static String name(StockKey key) {
    return key.sku().value() + "@" + key.location().key();
  }
}
