package dev.stockbridge.journal;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.CompactedKey;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.InventoryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a journal means to the engine, read by replaying it: per key the highest sequence, the
 * highest applied mark, the movements no mark covers, the units per state, and which idempotency
 * keys are still held. Two journals that mean the same give equal states, compacted or not.
 */
record JournalState(
    Map<StockKey, Long> last,
    Map<StockKey, Long> applied,
    Set<String> unapplied,
    Map<String, Long> units,
    Set<String> held,
    List<String> duplicates) {

  static JournalState of(MovementJournal journal) {
    Map<StockKey, Long> last = new TreeMap<>(java.util.Comparator.comparing(StockKey::toString));
    Map<StockKey, Long> applied = new TreeMap<>(java.util.Comparator.comparing(StockKey::toString));
    Map<String, Long> units = new TreeMap<>();
    List<Movement> movements = new ArrayList<>();
    Map<String, Integer> times = new HashMap<>();
    journal.replay(new MovementJournal.Visitor() {
      @Override
      public void accepted(Movement movement) {
        accepted(movement, Instant.EPOCH);
      }

      @Override
      public void accepted(Movement movement, Instant at) {
        movements.add(movement);
        times.merge(movement.idempotencyKey() + "#" + movement.sequence(), 1, Integer::sum);
        last.merge(movement.key(), movement.sequence(), Math::max);
        units.merge(movement.key() + "/" + movement.state().name(), movement.quantity(), Long::sum);
      }

      @Override
      public void applied(StockKey key, long sequence) {
        applied.merge(key, sequence, Math::max);
      }

      @Override
      public void compacted(CompactedKey summary) {
        last.merge(summary.key(), summary.lastSequence(), Math::max);
        applied.merge(summary.key(), summary.appliedSequence(), Math::max);
        summary.units().forEach((InventoryState state, Long sum) -> units.merge(summary.key() + "/" + state.name(), sum, Long::sum));
      }
    });
    units.values().removeIf(sum -> sum == 0);
    applied.values().removeIf(mark -> mark == 0); // a summary of a key never applied says 0
    Set<String> unapplied = new TreeSet<>();
    Set<String> held = new TreeSet<>();
    for (Movement m : movements) {
      held.add(m.idempotencyKey());
      if (m.sequence() > applied.getOrDefault(m.key(), 0L)) {
        unapplied.add(m.idempotencyKey() + "#" + m.sequence());
      }
    }
    List<String> duplicates = times.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
    return new JournalState(last, applied, unapplied, units, held, duplicates);
  }

  /** The state without the set of held keys, which compaction shrinks on purpose. */
  JournalState meaning() {
    return new JournalState(last, applied, unapplied, units, Set.of(), duplicates);
  }
}
