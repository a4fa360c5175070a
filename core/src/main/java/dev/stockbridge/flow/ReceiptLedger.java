package dev.stockbridge.flow;

import dev.stockbridge.mapping.VariantId;
import java.nio.file.Path;

/**
 * Remembers, per purchase order line, the cumulative received quantity already turned into
 * movements, so only the quantity received since is moved next time. Keep it durable: the receipt
 * movements' idempotency keys (order, line, cumulative) make re-reading safe, but a lost ledger
 * would move earlier receipts again under a new cumulative. Must be thread-safe. Close a durable
 * ledger when done; closing the in-memory one does nothing.
 */
public interface ReceiptLedger extends AutoCloseable {

  /**
   * The cumulative quantity already moved for a line.
   *
   * @param orderId the purchase order id
   * @param variant the line's variant
   * @return the quantity, 0 when never seen
   */
  long received(String orderId, VariantId variant);

  /**
   * Records the cumulative quantity moved for a line, once its movements are accepted.
   *
   * @param orderId the purchase order id
   * @param variant the line's variant
   * @param cumulative the cumulative received quantity
   */
  void record(String orderId, VariantId variant, long cumulative);

  /** Releases the ledger's file, if it has one; the default does nothing. */
  @Override
  default void close() {}

  /**
   * A ledger held in memory, lost on restart: for tests and demos.
   *
   * @return a new, empty ledger
   */
  static ReceiptLedger inMemory() {
    return new InMemoryReceiptLedger();
  }

  /**
   * A ledger in a file, for production: a record log ({@link dev.stockbridge.store.RecordLog}) of
   * one checksummed record per recorded value, replayed when opened (the last value of a line
   * wins) and forced to disk on every record. A last record cut short by a crash is dropped with a
   * WARN (its receipt is moved again under the same idempotency key, so the engine ignores it); a
   * damaged record before it is set aside beside the file and the later ones kept. A text ledger of
   * before is converted on open. Creates the file if it does not exist. One ledger per file: the
   * file is locked until {@link #close()}.
   *
   * @param file the ledger's file, e.g. {@code data/receipts.ledger}; its directory must exist
   * @return the ledger, replayed
   * @throws dev.stockbridge.InvalidValueException if the path is null
   * @throws ReceiptLedgerException if the file cannot be read or written, is open already, or is a
   *     text ledger of before with a line other than the last damaged (the exception names the line)
   */
  static ReceiptLedger file(Path file) {
    return FileReceiptLedger.open(file);
  }
}
