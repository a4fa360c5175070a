package dev.stockbridge.engine;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.spi.CompactedKey;
import dev.stockbridge.spi.Ledger;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.StockEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recovery at start: streams the journal into the intake's memory (a movement rebased above a mark
 * replaces its earlier record; a movement is dropped from memory as soon as a mark shows it
 * applied, so what is held is what waits, not history), reads this ledger's marks on every key
 * with movements the journal does not show applied (per location, in chunks that fit one request,
 * each paid with a permit), queues what the markers show unapplied, and asks for every bundle the
 * journal touched to be derived again. Runs once, before dispatching starts; not thread-safe.
 */
final class Recovery {

  /** Keys read per request: well within what one commercetools query URL carries. */
  static final int READ_CHUNK = 100;

  private final EngineConfig config;
  private final Intake intake;
  private final Lanes lanes;
  private final StorefrontCalls calls;
  private final EntryCache entries;
  private final BundleDerivation derivation;
  private final LanePermits permits;
  private final Counters counters;

  Recovery(
      EngineConfig config,
      Intake intake,
      Lanes lanes,
      StorefrontCalls calls,
      EntryCache entries,
      BundleDerivation derivation,
      LanePermits permits,
      Counters counters) {
    this.config = config;
    this.intake = intake;
    this.lanes = lanes;
    this.calls = calls;
    this.entries = entries;
    this.derivation = derivation;
    this.permits = permits;
    this.counters = counters;
  }

  /** Recovers; returns how many movements wait to be applied. */
  int recover() throws InterruptedException {
    Instant now = config.clock().instant();
    Map<StockKey, List<Movement>> pending = new HashMap<>();
    Map<StockKey, Long> marks = new HashMap<>();
    config.journal().replay(
        new MovementJournal.Visitor() {
          @Override
          public void accepted(Movement movement) {
            accepted(movement, now);
          }

          @Override
          public void accepted(Movement movement, Instant acceptedAt) {
            switch (intake.restore(movement, acceptedAt.toEpochMilli())) {
              case NEW -> {
                List<Movement> held = pending.computeIfAbsent(movement.key(), k -> new ArrayList<>());
                if (movement.sequence() > marks.getOrDefault(movement.key(), 0L)) {
                  held.add(movement); // one a mark replayed earlier covers (a summary first) is not kept
                }
              }
              case SUPERSEDES -> { // rebased above a mark: the later sequence stands
                List<Movement> held = pending.get(movement.key());
                held.removeIf(m -> m.idempotencyKey().equals(movement.idempotencyKey()));
                held.add(movement);
              }
              case DUPLICATE -> { } // a record the journal holds twice is still one movement
            }
          }

          @Override
          public void applied(StockKey key, long sequence) {
            long mark = marks.merge(key, sequence, Math::max);
            List<Movement> held = pending.get(key);
            if (held != null) {
              held.removeIf(m -> m.sequence() <= mark); // applied: only what is not stays in memory
            }
          }

          @Override
          public void compacted(CompactedKey summary) {
            intake.restore(summary);
            applied(summary.key(), summary.appliedSequence());
            pending.computeIfAbsent(summary.key(), k -> new ArrayList<>());
          }
        });
    Map<Location, List<StockKey>> unsettled = new LinkedHashMap<>();
    pending.forEach((key, movements) -> {
      long mark = marks.getOrDefault(key, 0L);
      if (movements.stream().anyMatch(m -> m.sequence() > mark)) {
        unsettled.computeIfAbsent(key.location(), l -> new ArrayList<>()).add(key);
      }
    });
    List<Movement> waiting = new ArrayList<>();
    Map<StockKey, Long> ahead = new HashMap<>();
    Ledger ledger = config.journal().ledger();
    for (List<StockKey> keys : unsettled.values()) {
      for (int from = 0; from < keys.size(); from += READ_CHUNK) {
        List<StockKey> chunk = keys.subList(from, Math.min(keys.size(), from + READ_CHUNK));
        Map<StockKey, StockEntry> found = calls.read(chunk, new Call(Lane.BULK, false, permits, counters));
        found.values().forEach(entries::put);
        for (StockKey key : chunk) {
          long ours = found.containsKey(key) ? ledger.appliedOn(found.get(key)) : 0;
          ahead.put(key, ours); // a mark of ours ahead of the journal: new sequences start above it
          long mark = Math.max(marks.getOrDefault(key, 0L), ours);
          pending.get(key).stream()
              .filter(m -> m.sequence() > mark)
              .sorted(Comparator.comparingLong(Movement::sequence))
              .forEach(waiting::add);
        }
      }
    }
    intake.opened(ahead, marks);
    lanes.restore(waiting);
    derivation.afterChange(pending.keySet(), Lane.BULK);
    return waiting.size();
  }
}
