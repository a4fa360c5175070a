package dev.stockbridge.examples.runner;

import dev.stockbridge.demand.DemandStore;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.flow.Checkpoints;
import dev.stockbridge.flow.OrderQuarantine;
import dev.stockbridge.flow.ReceiptLedger;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.runtime.Stockbridge;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.OrderLedgerStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a command keeps its state, as {@code store} in the configuration says: files in the data
 * directory ({@link FileStores}) or one PostgreSQL database ({@link PostgresStores}). Each store is
 * opened at its first use and handed out again after; every one is closed with this object, so a
 * command opens one {@code Stores} and closes it last, and never closes a store itself.
 */
interface Stores extends AutoCloseable {

  /**
   * Opens the configured stores; with PostgreSQL that connects and migrates the schema.
   *
   * @param store the configuration's {@code store} section
   * @param data the data directory (the file store's home; reports and feeds go there either way)
   * @param secrets for {@code STOCKBRIDGE_PG_PASSWORD}
   * @return the stores
   */
  static Stores open(Settings.Store store, Path data, Secrets secrets) {
    return store.postgres() ? PostgresStores.open(store, secrets) : new FileStores(data, store.retentionDays());
  }

  /**
   * The movement journal for a command that writes alone (inspection) or only reads.
   *
   * @return the journal
   */
  MovementJournal journal();

  /**
   * Whether the journal holds nothing yet, cheaply (status, reconcile).
   *
   * @return true if no sync has written to it
   */
  boolean journalEmpty();

  /**
   * Sets how the runtime gets its engine: with the file store one engine on the journal; with
   * PostgreSQL the {@code sync} lease, a new engine on a journal fenced by it for each holding, so
   * that a second {@code sync} on the same database stands by.
   *
   * @param runtime the runtime being built
   * @param engine builds an engine on a journal
   * @return the runtime builder
   */
  Stockbridge.Builder engines(Stockbridge.Builder runtime, Function<MovementJournal, StockEngine> engine);

  /**
   * The order ledger the sync engine checks cancellations and returns against: a file beside the
   * journal, or a table.
   *
   * @return the store
   */
  OrderLedgerStore orderLedger();

  /**
   * The demand record.
   *
   * @return the store
   */
  DemandStore demand();

  /**
   * How many demand lines the record holds.
   *
   * @return the count
   */
  long demandLines();

  /**
   * The exceptions every command shares.
   *
   * @return the tracker
   */
  ExceptionTracker exceptions();

  /**
   * Whether the receipt ledger has never recorded anything, asked before {@link #receipts()}: the
   * first supply read then takes a baseline instead of booking receipts.
   *
   * @return true for a new ledger
   */
  boolean receiptsNew();

  /**
   * The planner receipts already booked.
   *
   * @return the ledger
   */
  ReceiptLedger receipts();

  /**
   * The orders held back.
   *
   * @return the quarantine
   */
  OrderQuarantine quarantine();

  /**
   * The flows' checkpoints.
   *
   * @return the checkpoints
   */
  Checkpoints checkpoints();

  /**
   * Where the state is ({@code "store"}), and for PostgreSQL the schema version and the {@code
   * sync} lease's holder ({@code "lease"}): what {@code status} prints, without secrets.
   *
   * @return label to fact, in display order
   */
  Map<String, String> facts();

  /**
   * Where a person looks for the exceptions, for messages.
   *
   * @return e.g. a file or a table
   */
  String exceptionsPlace();

  /** Closes every store handed out. */
  @Override
  void close();
}
