package dev.stockbridge.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.demand.DemandStore;
import dev.stockbridge.flow.Checkpoints;
import dev.stockbridge.flow.OrderQuarantine;
import dev.stockbridge.flow.ReceiptLedger;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.OrderLedgerStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Every Stockbridge store on one PostgreSQL database: the movement journal, the order ledger, the
 * demand store, the exception tracker, the planner's receipt ledger, the order quarantine and the
 * checkpoints, for
 * production deployments where several processes (sync, reconcile, feeds) share state and a
 * standby takes over from the active instance. The journal compacts itself ({@link PostgresJournal}).
 *
 * <pre>{@code
 * try (PostgresStore store = PostgresStore.open(
 *     PostgresConfig.fromEnvironment("jdbc:postgresql://db/stockbridge", "stockbridge"))) {
 *   MovementJournal journal = store.journal();
 *   ExceptionTracker exceptions = store.exceptions(Clock.systemUTC());
 * }
 * }</pre>
 *
 * <p>Opening migrates the schema with Flyway (the migrations are in the jar under {@code
 * db/stockbridge}; the history table is {@code stockbridge_schema_history}), so a fresh database
 * needs nothing but a user allowed to create tables. Every connection is READ COMMITTED with
 * auto-commit off; each store states in its own terms why that level is enough. Thread-safe; the
 * stores it hands out are thread-safe and live until {@link #close()}.
 */
public final class PostgresStore implements AutoCloseable {

  private static final String LOCATION = "classpath:db/stockbridge";
  private static final String HISTORY = "stockbridge_schema_history";

  private final PostgresConfig config;
  private final HikariDataSource dataSource;
  private final String schemaVersion;
  private final List<AutoCloseable> opened = new ArrayList<>();

  private PostgresStore(PostgresConfig config, HikariDataSource dataSource, String schemaVersion) {
    this.config = config;
    this.dataSource = dataSource;
    this.schemaVersion = schemaVersion;
  }

  /**
   * Connects, migrates the schema to this version's, and returns the store.
   *
   * @param config where and how to connect
   * @return the open store
   * @throws InvalidValueException if the config is null
   * @throws PostgresStoreException if the database cannot be reached or migrated (the message
   *     names the URL and user, never the password)
   */
  public static PostgresStore open(PostgresConfig config) {
    if (config == null) {
      throw new InvalidValueException("config", null, "must not be null");
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(hikari(config, "stockbridge-pg", config.poolSize()));
    } catch (RuntimeException e) {
      throw new PostgresStoreException("could not connect to " + config.url() + " as " + config.user()
          + ": " + e.getMessage(), e);
    }
    try {
      return new PostgresStore(config, dataSource, migrate(dataSource));
    } catch (RuntimeException e) {
      dataSource.close();
      throw e instanceof PostgresStoreException p ? p
          : new PostgresStoreException("could not migrate " + config.url() + ": " + e.getMessage(), e);
    }
  }

  /** A pool over the config's database: READ COMMITTED, auto-commit off, driver properties as given. */
  static HikariConfig hikari(PostgresConfig config, String name, int size) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName(name);
    hikari.setJdbcUrl(config.url());
    hikari.setUsername(config.user());
    config.password().ifPresent(hikari::setPassword);
    config.properties().forEach(hikari::addDataSourceProperty);
    hikari.setAutoCommit(false);
    hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    hikari.setMaximumPoolSize(size);
    hikari.setConnectionTimeout(config.connectTimeout().toMillis());
    return hikari;
  }

  private static String migrate(HikariDataSource dataSource) {
    Flyway flyway = Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(HISTORY)
        .load();
    MigrateResult result = flyway.migrate();
    MigrationInfo current = flyway.info().current();
    return current == null ? result.targetSchemaVersion : current.getVersion().getVersion();
  }

  /**
   * The movement journal, unfenced, with {@link PostgresJournalOptions#defaults()} (movements kept
   * for ever): for a single writer, or tools. An engine that competes for the lease uses {@link
   * #journal(PostgresLease, PostgresJournalOptions)}.
   *
   * @return the journal; closed with this store
   */
  public PostgresJournal journal() {
    return journal(PostgresJournalOptions.defaults());
  }

  /**
   * The movement journal, unfenced, with a clock, a retention and a compaction schedule.
   *
   * @param options how it stamps and compacts its records
   * @return the journal; closed with this store
   * @throws InvalidValueException if the options are null
   */
  public PostgresJournal journal(PostgresJournalOptions options) {
    return remember(new PostgresJournal(dataSource, Fence.NONE, options(options)));
  }

  /**
   * The movement journal, fenced by a lease, with {@link PostgresJournalOptions#defaults()}.
   *
   * @param lease the lease the writer holds
   * @return the journal; closed with this store
   * @throws InvalidValueException if the lease is null
   * @see #journal(PostgresLease, PostgresJournalOptions)
   */
  public PostgresJournal journal(PostgresLease lease) {
    return journal(lease, PostgresJournalOptions.defaults());
  }

  /**
   * The movement journal, fenced by a lease: every append checks, in its own transaction, that
   * the lease is still held with the token it was acquired with, and fails with {@link
   * FencedException} (committing nothing) once another instance took over. Compaction needs no
   * lease: it assigns no sequence, and any number of instances may compact at once.
   *
   * @param lease the lease the writer holds
   * @param options how it stamps and compacts its records
   * @return the journal; closed with this store
   * @throws InvalidValueException if the lease or the options are null
   */
  public PostgresJournal journal(PostgresLease lease, PostgresJournalOptions options) {
    if (lease == null) {
      throw new InvalidValueException("lease", null, "must not be null");
    }
    return remember(new PostgresJournal(dataSource, lease.fence(), options(options)));
  }

  /** A journal with a seam told each compaction step, for failure tests. */
  PostgresJournal journal(PostgresJournalOptions options, JournalCompaction.Steps steps) {
    return remember(new PostgresJournal(dataSource, Fence.NONE, options(options), steps));
  }

  private static PostgresJournalOptions options(PostgresJournalOptions options) {
    if (options == null) {
      throw new InvalidValueException("options", null, "must not be null");
    }
    return options;
  }

  /**
   * The demand store.
   *
   * @return the store
   */
  public DemandStore demand() {
    return new PostgresDemandStore(dataSource);
  }

  /**
   * The exception tracker, shared by every process on the database.
   *
   * @param clock dates sightings and lifecycle steps
   * @return the tracker
   */
  public ExceptionTracker exceptions(Clock clock) {
    if (clock == null) {
      throw new InvalidValueException("clock", null, "must not be null");
    }
    return new PostgresExceptionTracker(dataSource, clock);
  }

  /**
   * The Inventory Planner connector's receipt ledger.
   *
   * @return the ledger
   */
  public ReceiptLedger receipts() {
    return new PostgresReceiptLedger(dataSource);
  }

  /**
   * The order flow's quarantine.
   *
   * @return the quarantine
   */
  public OrderQuarantine quarantine() {
    return new PostgresOrderQuarantine(dataSource);
  }

  /**
   * The engine's order ledger: what each order line sold and had restocked, and the events parked
   * until their order arrives.
   *
   * @return the ledger
   */
  public OrderLedgerStore orderLedger() {
    return new PostgresOrderLedger(dataSource);
  }

  /**
   * The flows' checkpoints.
   *
   * @return the checkpoints
   */
  public Checkpoints checkpoints() {
    return new PostgresCheckpoints(dataSource);
  }

  /**
   * Competes for a lease (see {@link PostgresLease}): renewed every third of the TTL on a
   * connection of its own, from now until it is closed.
   *
   * @param name the lease's name, one per group of instances, e.g. {@code "sync"}
   * @param holder this instance's name, unique in the group, e.g. host and process id
   * @param ttl how long a holder that stopped renewing keeps it: the take-over time's bound
   * @return the lease; closed with this store
   * @throws InvalidValueException if a name is blank or the TTL shorter than 300 ms
   */
  public PostgresLease lease(String name, String holder, Duration ttl) {
    if (ttl == null) {
      throw new InvalidValueException("ttl", null, "must not be null");
    }
    return remember(new PostgresLease(config, name, holder, ttl, ttl.dividedBy(3), System::nanoTime));
  }

  /**
   * Read-only facts for status displays (lease holder, row counts).
   *
   * @return the facts
   */
  public PostgresFacts facts() {
    return new PostgresFacts(dataSource);
  }

  /**
   * The schema version Flyway reports after opening, e.g. {@code "1"}.
   *
   * @return the version
   */
  public String schemaVersion() {
    return schemaVersion;
  }

  /**
   * The configuration this store connected with.
   *
   * @return the configuration
   */
  public PostgresConfig config() {
    return config;
  }

  /** The pool, for this package's collaborators (the lease's fence, tests). */
  HikariDataSource dataSource() {
    return dataSource;
  }

  private synchronized <T extends AutoCloseable> T remember(T resource) {
    opened.add(resource);
    return resource;
  }

  /** Closes the journals handed out (writing what they queued), then the pool. Idempotent. */
  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (this) {
      toClose = List.copyOf(opened);
      opened.clear();
    }
    for (AutoCloseable resource : toClose) {
      try {
        resource.close();
      } catch (Exception e) {
        // Closing the rest matters more; the journal logs its own failures.
      }
    }
    dataSource.close();
  }

  @Override
  public String toString() {
    return "PostgresStore[" + config + ", schema " + schemaVersion + "]";
  }
}
