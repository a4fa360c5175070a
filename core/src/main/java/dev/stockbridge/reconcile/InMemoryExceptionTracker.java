package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.Movement;
import dev.stockbridge.spi.StockException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-memory {@link ExceptionTracker}. Thread-safe: every method holds the instance lock. */
final class InMemoryExceptionTracker implements ExceptionTracker {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryExceptionTracker.class);

  private final Clock clock;
  private final Map<String, TrackedException> byId = new TreeMap<>();

  InMemoryExceptionTracker(Clock clock) {
    this(clock, List.of());
  }

  /** A tracker holding earlier exceptions, e.g. loaded from a file; a later one wins an id. */
  InMemoryExceptionTracker(Clock clock, Collection<TrackedException> initial) {
    this.clock = Checks.notNull("clock", clock);
    Checks.notNull("initial", initial).forEach(t -> byId.put(t.id(), t));
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
      byId.put(id, new TrackedException(
          id, code, subject, owner, ExceptionStatus.OPEN, now, now, 1, message, d, Optional.empty(),
          movements));
      return known == null ? Sighting.NEW : Sighting.REOPENED;
    }
    // One record per problem, but every movement it held back stays listed.
    Map<String, Movement> held = new LinkedHashMap<>();
    known.movements().forEach(m -> held.put(m.idempotencyKey(), m));
    movements.forEach(m -> held.putIfAbsent(m.idempotencyKey(), m));
    byId.put(id, new TrackedException(
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
    byId.put(t.id(), next);
    return next;
  }
}
