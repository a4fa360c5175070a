package dev.stockbridge.flow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Orders held back because they could not be processed: kept until a read maps them (after the
 * cause is fixed, e.g. a mapping row added), then released. Durable in its file form, so a restart
 * forgets none. Implementations are thread-safe.
 */
public interface OrderQuarantine {

  /**
   * Holds an order, or notes another failed attempt of one already held.
   *
   * @param order the rejected order and its problem
   * @param at when the read rejected it
   */
  void hold(RejectedOrder order, Instant at);

  /**
   * Releases an order once it has been processed.
   *
   * @param orderId the order's id; nothing happens if it is not held
   */
  void release(String orderId);

  /**
   * The orders held now, oldest first.
   *
   * @return the held orders
   */
  List<QuarantinedOrder> held();

  /**
   * A quarantine kept in memory, for tests and hosts that keep their own records.
   *
   * @return an empty quarantine
   */
  static OrderQuarantine inMemory() {
    return new InMemoryOrderQuarantine();
  }

  /**
   * A quarantine kept in a JSON file, shared safely by several processes.
   *
   * @param file the file, created on the first hold
   * @return the quarantine
   */
  static OrderQuarantine file(Path file) {
    return new FileOrderQuarantine(file);
  }
}
