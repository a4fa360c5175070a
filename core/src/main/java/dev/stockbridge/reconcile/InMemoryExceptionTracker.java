package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.Movement;
import dev.stockbridge.spi.StockException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory {@link ExceptionTracker}, also the memory of the file tracker, which watches its
 * changes through a {@link Changes} listener. Thread-safe: every method holds the instance lock.
 */
final class InMemoryExceptionTracker implements ExceptionTracker {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryExceptionTracker.class);

  private final Clock clock;
  private final Changes changes;
  private final Map<String, TrackedException> byId = new TreeMap<>();

  InMemoryExceptionTracker(Clock clock) {
    this(clock, (before, after) -> {});
  }

  /** A tracker telling a listener of each change it makes (not of {@link #load} or {@link #restore}). */
  InMemoryExceptionTracker(Clock clock, Changes changes) {
    this.clock = Checks.notNull("clock", clock);
    this.changes = Checks.notNull("changes", changes);
  }

  /** Hears of every change, under the tracker's lock. */
  @FunctionalInterface
  interface Changes {
    /**
     * One exception changed.
     *
     * @param before its value before, or null if it is new
     * @param after its new value
     */
    void changed(TrackedException before, TrackedException after);
  }

  /** Runs the changes holding this tracker's lock, so no other change interleaves. */
  @Override
  public synchronized <T> T batch(Function<? super ExceptionTracker, ? extends T> changes) {
    return Checks.notNull("changes", changes).apply(this);
  }

  /** Takes an exception as it was stored (a later one wins its id), telling no listener. */
  synchronized void load(TrackedException exception) {
    byId.put(exception.id(), exception);
  }

  /** Puts an exception back as it was before a change that could not be saved; null removes it. */
  synchronized void restore(String id, TrackedException before) {
    if (before == null) {
      byId.remove(id);
    } else {
      byId.put(id, before);
    }
  }

  /** Forgets everything, before loading again. */
  synchronized void clear() {
    byId.clear();
  }

  /** How many exceptions it holds, in every state. */
  synchronized int size() {
    return byId.size();
  }

  private void put(TrackedException next) {
    TrackedException before = byId.put(next.id(), next);
    changes.changed(before, next);
  }

  @Override
  public synchronized Sighting record(Discrepancy d) {
    Checks.notNull("discrepancy", d);
    return sighted(d.dedupeKey(), d.kind().name(), d.subject(), d.owner(), d.detail(), Optional.of(d), List.of());
  }

  @Override
  public synchronized void raise(StockException exception) {
    try {
      String code = exception.code();
      Owner owner = code.equals("ENTRY_NOT_FOUND") ? Owner.ECOMMERCE : Owner.OPS;
      sighted(exception.dedupeKey(), code, exception.key().toString(), owner, exception.message(),
          Optional.empty(), exception.movements());
    } catch (RuntimeException e) {
      LOG.error("could not record exception {}", exception, e);
    }
  }

  private Sighting sighted(
      String id, String code, String subject, Owner owner, String message, Optional<Discrepancy> d,
      List<Movement> movements) {
    Instant now = clock.instant();
    TrackedException known = byId.get(id);
    if (known == null || !known.status().active()) {
      put(new TrackedException(
          id, code, subject, owner, ExceptionStatus.OPEN, now, now, 1, message, d, Optional.empty(),
          movements));
      return known == null ? Sighting.NEW : Sighting.REOPENED;
    }
    // One record per problem, but every movement it held back stays listed.
    Map<String, Movement> held = new LinkedHashMap<>();
    known.movements().forEach(m -> held.put(m.idempotencyKey(), m));
    movements.forEach(m -> held.putIfAbsent(m.idempotencyKey(), m));
    put(new TrackedException(
        id, code, subject, owner, known.status(), known.firstSeen(), now, known.occurrences() + 1,
        message, d, known.actor(), List.copyOf(held.values())));
    return Sighting.REPEATED;
  }

  @Override
  public synchronized TrackedException acknowledge(String id, String by) {
    TrackedException known = active(id);
    return replace(known, ExceptionStatus.ACKNOWLEDGED, Checks.token("by", by, 256));
  }

  @Override
  public synchronized TrackedException resolve(String id, String by) {
    TrackedException known = active(id);
    return replace(known, ExceptionStatus.RESOLVED, Checks.token("by", by, 256));
  }

  @Override
  public synchronized List<TrackedException> autoResolve(Set<String> seen) {
    Checks.notNull("seen", seen);
    List<TrackedException> closed = new ArrayList<>();
    for (TrackedException t : List.copyOf(byId.values())) {
      if (t.status().active() && t.fromReconciliation() && !seen.contains(t.id())) {
        closed.add(replace(t, ExceptionStatus.AUTO_RESOLVED, "reconciliation"));
      }
    }
    return closed;
  }

  @Override
  public synchronized Optional<TrackedException> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized List<TrackedException> list(Set<ExceptionStatus> statuses) {
    Checks.notNull("statuses", statuses);
    return byId.values().stream().filter(t -> statuses.contains(t.status())).toList();
  }

  private TrackedException active(String id) {
    TrackedException known = byId.get(Checks.notNull("id", id));
    if (known == null) {
      throw new ExceptionLifecycleException(id, "is unknown");
    }
    if (!known.status().active()) {
      throw new ExceptionLifecycleException(id, "is already " + known.status());
    }
    return known;
  }

  private TrackedException replace(TrackedException t, ExceptionStatus status, String actor) {
    TrackedException next = new TrackedException(
        t.id(), t.code(), t.subject(), t.owner(), status, t.firstSeen(), t.lastSeen(),
        t.occurrences(), t.message(), t.discrepancy(), Optional.of(actor), t.movements());
    put(next);
    return next;
  }
}
