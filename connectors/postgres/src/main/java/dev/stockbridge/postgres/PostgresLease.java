package dev.stockbridge.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.runtime.Lease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active/standby lease as a row of the table {@code lease} with a fencing token, renewed on a
 * connection of its own.
 *
 * <p><b>Why a lease row and not an advisory lock.</b> An advisory lock is released only when the
 * server notices the holder's session is gone, which after a network cut can take as long as TCP
 * keepalive (hours by default), and it carries no token: the journal could not tell a deposed
 * holder's late append from the holder's. A row with an expiry on the database's clock bounds the
 * take-over time by the TTL whatever happened to the holder, and its token, raised on every change
 * of holder, fences writes: a fenced journal's append reads the row {@code FOR SHARE} with its
 * token in the same transaction, so a take-over (an {@code UPDATE} of the row) waits for an append
 * in flight, and every append after it finds another token and commits nothing.
 *
 * <p><b>Timing.</b> Every {@code renewEvery} (a third of the TTL by default) a thread of its own
 * calls {@link #tryAcquire()}: the holder renews ({@code expires_at = now() + ttl} on the database's
 * clock), a standby takes the row over if it has expired. The holder counts itself holding until
 * {@code ttl - margin} after it <em>sent</em> its last successful renewal, measured on its own
 * monotonic clock: the database set the expiry later than that, so the holder stops believing it
 * holds the lease before any standby can take it. A standby takes over at most {@code ttl +
 * renewEvery} after the holder's last renewal.
 *
 * <p>Thread-safety: the holding state is guarded by this object's lock; the database calls run on
 * the lease's single connection under that lock.
 */
public final class PostgresLease implements Lease {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresLease.class);

  private final String name;
  private final String holder;
  private final Duration ttl;
  private final Duration margin;
  private final HikariDataSource connection;
  private final LongSupplier nanos;
  private final ScheduledExecutorService renewer;

  // Guarded by this.
  private long token;
  private long heldUntilNanos;
  private boolean holding;
  private boolean closed;

  PostgresLease(PostgresConfig config, String name, String holder, Duration ttl, Duration renewEvery,
      LongSupplier nanos) {
    this.name = requireText("name", name);
    this.holder = requireText("holder", holder);
    if (ttl == null || ttl.compareTo(Duration.ofMillis(300)) < 0) {
      throw new InvalidValueException("ttl", ttl, "must be at least 300 ms");
    }
    if (renewEvery == null || renewEvery.isNegative() || renewEvery.isZero() || renewEvery.compareTo(ttl) >= 0) {
      throw new InvalidValueException("renewEvery", renewEvery, "must be positive and shorter than the ttl");
    }
    this.ttl = ttl;
    this.margin = ttl.dividedBy(10);
    this.nanos = nanos;
    // One connection of its own: renewals never queue behind the stores' work in the pool.
    this.connection = new HikariDataSource(PostgresStore.hikari(config, "stockbridge-pg-lease-" + holder, 1));
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stockbridge-pg-lease");
      t.setDaemon(true);
      return t;
    });
    renewer.scheduleWithFixedDelay(this::renewQuietly, 0, renewEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized boolean tryAcquire() {
    if (closed) {
      return false;
    }
    long sentAt = nanos.getAsLong();
    try {
      Optional<Long> granted = Sql.transaction(connection, "renew lease " + name, this::grant);
      if (granted.isPresent()) {
        if (!holding || token != granted.get()) {
          LOG.info("lease {} acquired by {} with fencing token {}", name, holder, granted.get());
        }
        token = granted.get();
        holding = true;
        heldUntilNanos = sentAt + ttl.minus(margin).toNanos();
      } else {
        lose("held by " + currentHolder().orElse("nobody"));
      }
    } catch (RuntimeException e) {
      // Cannot reach the database: keep believing only until the last renewal runs out.
      if (holding && nanos.getAsLong() - heldUntilNanos >= 0) {
        lose("not renewed: " + e.getMessage());
      }
      LOG.debug("lease {} renewal failed", name, e);
    }
    return held();
  }

  /** Renews, takes over an expired row, or creates the row; returns the token if held. */
  private Optional<Long> grant(Connection c) throws SQLException {
    try (PreparedStatement renew = c.prepareStatement(
        "UPDATE lease SET renewed_at = now(), expires_at = now() + ? * interval '1 millisecond'"
            + " WHERE name = ? AND ((holder = ? AND token = ?) OR expires_at < now())"
            + " RETURNING token, holder = ? AND token = ? AS renewed")) {
      renew.setLong(1, ttl.toMillis());
      renew.setString(2, name);
      renew.setString(3, holder);
      renew.setLong(4, holding ? token : -1);
      renew.setString(5, holder);
      renew.setLong(6, holding ? token : -1);
      try (ResultSet row = renew.executeQuery()) {
        if (row.next()) {
          if (row.getBoolean("renewed")) {
            return Optional.of(row.getLong("token"));
          }
          return Optional.of(takeOver(c));
        }
      }
    }
    try (PreparedStatement create = c.prepareStatement(
        "INSERT INTO lease (name, holder, token, acquired_at, renewed_at, expires_at)"
            + " VALUES (?, ?, 1, now(), now(), now() + ? * interval '1 millisecond')"
            + " ON CONFLICT (name) DO NOTHING")) {
      create.setString(1, name);
      create.setString(2, holder);
      create.setLong(3, ttl.toMillis());
      return create.executeUpdate() == 1 ? Optional.of(1L) : Optional.empty();
    }
  }

  /** The expired row is ours now (locked by the UPDATE above): a new holder and a new token. */
  private long takeOver(Connection c) throws SQLException {
    try (PreparedStatement take = c.prepareStatement(
        "UPDATE lease SET holder = ?, token = token + 1, acquired_at = now() WHERE name = ? RETURNING token")) {
      take.setString(1, holder);
      take.setString(2, name);
      try (ResultSet row = take.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private void lose(String why) {
    if (holding) {
      LOG.warn("lease {} lost by {} (token {}): {}", name, holder, token, why);
    }
    holding = false;
  }

  private void renewQuietly() {
    try {
      tryAcquire();
    } catch (RuntimeException e) {
      LOG.warn("lease {} renewal failed", name, e);
    }
  }

  @Override
  public synchronized boolean held() {
    return holding && nanos.getAsLong() - heldUntilNanos < 0;
  }

  @Override
  public synchronized long token() {
    if (!held()) {
      throw new PostgresStoreException("lease " + name + " is not held by " + holder);
    }
    return token;
  }

  @Override
  public String holder() {
    return holder;
  }

  @Override
  public Optional<String> currentHolder() {
    return Sql.transaction(connection, "read lease " + name, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT holder FROM lease WHERE name = ? AND expires_at >= now()")) {
        s.setString(1, name);
        try (ResultSet row = s.executeQuery()) {
          return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
      }
    });
  }

  /** The check a fenced journal runs in its transaction: the row still carries our token. */
  Fence fence() {
    return c -> {
      long expected;
      synchronized (this) {
        if (!held()) {
          throw new FencedException(name, token);
        }
        expected = token;
      }
      try (PreparedStatement s = c.prepareStatement(
          "SELECT 1 FROM lease WHERE name = ? AND token = ? FOR SHARE")) {
        s.setString(1, name);
        s.setLong(2, expected);
        try (ResultSet row = s.executeQuery()) {
          if (!row.next()) {
            throw new FencedException(name, expected);
          }
        }
      }
    };
  }

  /** Expires the row if held, so a standby takes over at its next attempt; stops renewing. */
  @Override
  public void close() {
    renewer.shutdownNow();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (holding) {
        try {
          Sql.transaction(connection, "release lease " + name, c -> {
            try (PreparedStatement s = c.prepareStatement(
                "UPDATE lease SET expires_at = now() - interval '1 millisecond' WHERE name = ? AND token = ?")) {
              s.setString(1, name);
              s.setLong(2, token);
              s.executeUpdate();
            }
            return null;
          });
        } catch (RuntimeException e) {
          LOG.warn("lease {} not released (it expires by itself): {}", name, e.getMessage());
        }
        holding = false;
      }
    }
    connection.close();
  }

  /** Stops renewing without releasing, as a process that died would: for failover tests. */
  void abandon() {
    renewer.shutdownNow();
    synchronized (this) {
      closed = true;
      holding = false;
    }
    connection.close();
  }

  @Override
  public String toString() {
    return "PostgresLease[" + name + ", holder " + holder + ", ttl " + ttl + "]";
  }

  private static String requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException(field, value, "must not be blank");
    }
    return value;
  }
}
