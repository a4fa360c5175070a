package dev.stockbridge.examples.runner;

import dev.stockbridge.demand.DemandStore;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.flow.Checkpoints;
import dev.stockbridge.flow.OrderQuarantine;
import dev.stockbridge.flow.ReceiptLedger;
import dev.stockbridge.postgres.PostgresConfig;
import dev.stockbridge.postgres.PostgresFacts;
import dev.stockbridge.postgres.PostgresJournalOptions;
import dev.stockbridge.postgres.PostgresLease;
import dev.stockbridge.postgres.PostgresStore;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.runtime.Stockbridge;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.OrderLedgerStore;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Every store in one PostgreSQL database, shared by every command and process on it; {@code sync}
 * competes for the lease {@value #SYNC_LEASE}, so a second {@code sync} stands by and takes over
 * when the first stops renewing. Not thread-safe.
 */
final class PostgresStores implements Stores {

  /** The lease every {@code sync} on a database competes for. */
  static final String SYNC_LEASE = "sync";

  private final PostgresStore store;
  private final Duration leaseTtl;
  private final PostgresJournalOptions journalOptions;
  private MovementJournal journal;

  private PostgresStores(PostgresStore store, Duration leaseTtl, PostgresJournalOptions journalOptions) {
    this.store = store;
    this.leaseTtl = leaseTtl;
    this.journalOptions = journalOptions;
  }

  /**
   * Connects and migrates.
   *
   * @param settings the {@code store} section, kind postgres
   * @param secrets for the password
   * @return the stores
   */
  static PostgresStores open(Settings.Store settings, Secrets secrets) {
    PostgresConfig config = PostgresConfig.fromEnvironment(settings.url(), settings.user())
        .withPassword(secrets.optional(Secrets.PG_PASSWORD).orElse(null))
        .withProperties(settings.properties());
    if (settings.poolSize() != null) {
      config = config.withPoolSize(settings.poolSize());
    }
    // No retentionDays: movements kept for ever, as before compaction existed (see PostgresJournalOptions).
    PostgresJournalOptions journal = settings.retentionDays() == null ? PostgresJournalOptions.defaults()
        : PostgresJournalOptions.defaults().withRetention(Duration.ofDays(settings.retentionDays()));
    return new PostgresStores(PostgresStore.open(config), Duration.ofSeconds(settings.leaseSeconds()), journal);
  }

  @Override
  public MovementJournal journal() {
    if (journal == null) {
      journal = store.journal(journalOptions);
    }
    return journal;
  }

  @Override
  public boolean journalEmpty() {
    return store.facts().journalEmpty(); // compaction may have left summaries only
  }

  @Override
  public Stockbridge.Builder engines(Stockbridge.Builder runtime, Function<MovementJournal, StockEngine> engine) {
    PostgresLease lease = store.lease(SYNC_LEASE, Holders.thisProcess(), leaseTtl);
    // Each holding gets a journal fenced by its token: a deposed holder's appends commit nothing.
    // The previous holding's journal is closed first (its engine stopped when the lease was lost),
    // so a deposed journal's group-commit and compaction threads do not linger.
    java.util.concurrent.atomic.AtomicReference<MovementJournal> previous = new java.util.concurrent.atomic.AtomicReference<>();
    return runtime.lease(lease, () -> {
      MovementJournal journal = store.journal(lease, journalOptions);
      MovementJournal before = previous.getAndSet(journal);
      if (before != null) {
        before.close();
      }
      return engine.apply(journal);
    });
  }

  @Override
  public OrderLedgerStore orderLedger() {
    return store.orderLedger();
  }

  @Override
  public DemandStore demand() {
    return store.demand();
  }

  @Override
  public long demandLines() {
    return store.facts().demandLines();
  }

  @Override
  public ExceptionTracker exceptions() {
    return store.exceptions(Clock.systemUTC());
  }

  @Override
  public boolean receiptsNew() {
    return store.facts().receiptsEmpty();
  }

  @Override
  public ReceiptLedger receipts() {
    return store.receipts();
  }

  @Override
  public OrderQuarantine quarantine() {
    return store.quarantine();
  }

  @Override
  public Checkpoints checkpoints() {
    return store.checkpoints();
  }

  @Override
  public Map<String, String> facts() {
    String lease = store.facts().lease(SYNC_LEASE)
        .map(PostgresStores::describe)
        .orElse("never taken (no sync has run on this database)");
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("store", "postgres " + store.config().url() + " as " + store.config().user() + ", schema version " + store.schemaVersion());
    facts.put("lease", SYNC_LEASE + " " + lease);
    return facts;
  }

  private static String describe(PostgresFacts.Holding holding) {
    return holding.live()
        ? "held by " + holding.holder() + " (fencing token " + holding.token() + ", renewed until " + holding.expiresAt() + ")"
        : "free: " + holding.holder() + " (fencing token " + holding.token() + ") let it expire at " + holding.expiresAt();
  }

  @Override
  public String exceptionsPlace() {
    return "the table tracked_exception of " + store.config().url();
  }

  @Override
  public void close() {
    store.close();
  }
}
