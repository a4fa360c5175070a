package dev.stockbridge.postgres;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.ExceptionLifecycleException;
import dev.stockbridge.reconcile.ExceptionStatus;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.reconcile.Owner;
import dev.stockbridge.reconcile.TrackedException;
import dev.stockbridge.spi.StockException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exception tracker as the table {@code tracked_exception}, shared by every process on the
 * database: nothing is cached, so an acknowledgement committed by one process is what the next
 * read of any other sees.
 *
 * <p><b>Isolation.</b> READ COMMITTED with row locks: each change reads its row {@code FOR UPDATE}
 * and writes it in the same transaction, so two processes changing one exception serialise on the
 * row and neither overwrites the other's step (no lost update). A first sighting inserts; if a
 * concurrent first sighting committed the same id in between, the insert's unique violation rolls
 * the attempt back and it is retried, then finding the row. Thread-safe.
 */
final class PostgresExceptionTracker implements ExceptionTracker {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresExceptionTracker.class);
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int ATTEMPTS = 5;

  private final javax.sql.DataSource dataSource;
  private final Clock clock;
  // Inside a batch: the batch's connection, every change joins its transaction.
  private final Connection batch;

  PostgresExceptionTracker(javax.sql.DataSource dataSource, Clock clock) {
    this(dataSource, clock, null);
  }

  private PostgresExceptionTracker(javax.sql.DataSource dataSource, Clock clock, Connection batch) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.batch = batch;
  }

  /**
   * {@inheritDoc} The batch is one transaction: all of its changes commit together, or none if a
   * change throws or the database fails; other processes see none of it until then.
   */
  @Override
  public <T> T batch(java.util.function.Function<? super ExceptionTracker, ? extends T> changes) {
    if (changes == null) {
      throw new InvalidValueException("changes", null, "must not be null");
    }
    if (batch != null) {
      return changes.apply(this);
    }
    return Sql.transaction(dataSource, "change exceptions in a batch",
        c -> changes.apply(new PostgresExceptionTracker(dataSource, clock, c)));
  }

  private <T> T transaction(String what, Sql.Work<T> work) {
    if (batch == null) {
      return Sql.transaction(dataSource, what, work);
    }
    try {
      return work.run(batch);
    } catch (SQLException e) {
      throw new PostgresStoreException("could not " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Sighting record(Discrepancy d) {
    if (d == null) {
      throw new InvalidValueException("discrepancy", null, "must not be null");
    }
    return sighted(d.dedupeKey(), d.kind().name(), d.subject(), d.owner(), d.detail(), Optional.of(d), List.of());
  }

  @Override
  public void raise(StockException exception) {
    try {
      String code = exception.code();
      Owner owner = code.equals("ENTRY_NOT_FOUND") ? Owner.ECOMMERCE : Owner.OPS;
      sighted(exception.dedupeKey(), code, exception.key().toString(), owner, exception.message(),
          Optional.empty(), exception.movements());
    } catch (RuntimeException e) {
      LOG.error("could not record exception {}", exception, e);
    }
  }

  private Sighting sighted(String id, String code, String subject, Owner owner, String message,
      Optional<Discrepancy> d, List<Movement> movements) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction("record exception " + id, c -> {
          Instant now = clock.instant();
          Optional<TrackedException> known = locked(c, id);
          if (known.isEmpty() || !known.get().status().active()) {
            TrackedException opened = new TrackedException(id, code, subject, owner,
                ExceptionStatus.OPEN, now, now, 1, message, d, Optional.empty(), movements);
            if (known.isEmpty()) {
              insert(c, opened);
              return Sighting.NEW;
            }
            update(c, opened);
            return Sighting.REOPENED;
          }
          TrackedException t = known.get();
          // One record per problem, but every movement it held back stays listed.
          Map<String, Movement> held = new LinkedHashMap<>();
          t.movements().forEach(m -> held.put(m.idempotencyKey(), m));
          movements.forEach(m -> held.putIfAbsent(m.idempotencyKey(), m));
          update(c, new TrackedException(id, code, subject, owner, t.status(), t.firstSeen(), now,
              t.occurrences() + 1, message, d, t.actor(), List.copyOf(held.values())));
          return Sighting.REPEATED;
        });
      } catch (PostgresStoreException e) {
        // Inside a batch the aborted transaction is the batch's: it fails as a whole.
        if (batch != null || attempt >= ATTEMPTS || !(e.getCause() instanceof SQLException sql)
            || !UNIQUE_VIOLATION.equals(sql.getSQLState())) {
          throw e;
        }
      }
    }
  }

  @Override
  public TrackedException acknowledge(String id, String by) {
    return step(id, by, ExceptionStatus.ACKNOWLEDGED);
  }

  @Override
  public TrackedException resolve(String id, String by) {
    return step(id, by, ExceptionStatus.RESOLVED);
  }

  private TrackedException step(String id, String by, ExceptionStatus to) {
    if (id == null) {
      throw new InvalidValueException("id", null, "must not be null");
    }
    if (by == null || by.isBlank()) {
      throw new InvalidValueException("by", by, "must not be blank");
    }
    return transaction("move exception " + id + " to " + to, c -> {
      TrackedException known = locked(c, id)
          .orElseThrow(() -> new ExceptionLifecycleException(id, "is unknown"));
      if (!known.status().active()) {
        throw new ExceptionLifecycleException(id, "is already " + known.status());
      }
      TrackedException next = with(known, to, by);
      update(c, next);
      return next;
    });
  }

  @Override
  public List<TrackedException> autoResolve(Set<String> seen) {
    if (seen == null) {
      throw new InvalidValueException("seen", null, "must not be null");
    }
    return transaction("auto-resolve exceptions", c -> {
      List<TrackedException> closed = new ArrayList<>();
      for (TrackedException t : select(c, "SELECT body FROM tracked_exception WHERE from_reconciliation"
          + " AND status IN ('OPEN', 'ACKNOWLEDGED') ORDER BY id FOR UPDATE", null)) {
        if (t.status().active() && !seen.contains(t.id())) {
          TrackedException next = with(t, ExceptionStatus.AUTO_RESOLVED, "reconciliation");
          update(c, next);
          closed.add(next);
        }
      }
      return closed;
    });
  }

  @Override
  public Optional<TrackedException> find(String id) {
    if (id == null) {
      throw new InvalidValueException("id", null, "must not be null");
    }
    return transaction("read exception " + id,
        c -> select(c, "SELECT body FROM tracked_exception WHERE id = ?", id).stream().findFirst());
  }

  @Override
  public List<TrackedException> list(Set<ExceptionStatus> statuses) {
    if (statuses == null) {
      throw new InvalidValueException("statuses", null, "must not be null");
    }
    return transaction("list exceptions", c -> select(c,
        "SELECT body FROM tracked_exception ORDER BY id", null).stream()
        .filter(t -> statuses.contains(t.status())).toList());
  }

  private static TrackedException with(TrackedException t, ExceptionStatus status, String actor) {
    return new TrackedException(t.id(), t.code(), t.subject(), t.owner(), status, t.firstSeen(),
        t.lastSeen(), t.occurrences(), t.message(), t.discrepancy(), Optional.of(actor), t.movements());
  }

  private static Optional<TrackedException> locked(Connection c, String id) throws SQLException {
    return select(c, "SELECT body FROM tracked_exception WHERE id = ? FOR UPDATE", id).stream().findFirst();
  }

  private static List<TrackedException> select(Connection c, String sql, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (id != null) {
        s.setString(1, id);
      }
      List<TrackedException> found = new ArrayList<>();
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          found.add(TrackedJson.read(row.getString(1)));
        }
      }
      return found;
    }
  }

  private static void insert(Connection c, TrackedException t) throws SQLException {
    write(c, "INSERT INTO tracked_exception (status, from_reconciliation, last_seen, body, id)"
        + " VALUES (?, ?, ?, ?::jsonb, ?)", t);
  }

  private static void update(Connection c, TrackedException t) throws SQLException {
    write(c, "UPDATE tracked_exception SET status = ?, from_reconciliation = ?, last_seen = ?,"
        + " body = ?::jsonb WHERE id = ?", t);
  }

  private static void write(Connection c, String sql, TrackedException t) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, t.status().name());
      s.setBoolean(2, t.fromReconciliation());
      s.setObject(3, OffsetDateTime.ofInstant(t.lastSeen(), ZoneOffset.UTC));
      s.setString(4, TrackedJson.write(t));
      s.setString(5, t.id());
      s.executeUpdate();
    }
  }
}
