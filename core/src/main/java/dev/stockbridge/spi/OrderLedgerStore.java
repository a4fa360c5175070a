package dev.stockbridge.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: where the order ledger keeps what each order line decremented and what was restocked since
 * ({@link OrderRecord}), so cancellations and returns are checked against what was sold. The engine
 * writes a record only after the movements it stands for are journaled. Implementations are
 * thread-safe; the engine never writes one order from two threads at once.
 */
public interface OrderLedgerStore extends AutoCloseable {

  /**
   * What the ledger holds of an order.
   *
   * @param orderId the order's id
   * @return the record, empty if the order is unknown (never seen, or pruned)
   */
  Optional<OrderRecord> find(String orderId);

  /**
   * Stores records, each replacing the order's earlier one. Durable when it returns.
   *
   * @param records the records
   * @throws dev.stockbridge.StockbridgeException if they could not be stored
   */
  void put(List<OrderRecord> records);

  /**
   * Forgets orders (retention passed).
   *
   * @param orderIds the orders' ids; unknown ones are ignored
   */
  void remove(Collection<String> orderIds);

  /**
   * The records holding parked events, for the wait to be checked.
   *
   * @return those records
   */
  List<OrderRecord> parked();

  /**
   * The orders last active before an instant, for pruning.
   *
   * @param before the instant
   * @return their ids
   */
  List<String> idleSince(Instant before);

  /**
   * The copies of damaged records the store set aside when it was opened: the orders in them are
   * unknown to it.
   *
   * @return the files holding the damaged bytes, empty if none (or if the store cannot tell)
   */
  default List<java.nio.file.Path> damaged() {
    return List.of();
  }

  /** Releases the store's resources. */
  @Override
  void close();
}
