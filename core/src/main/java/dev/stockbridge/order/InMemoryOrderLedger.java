package dev.stockbridge.order;

import dev.stockbridge.Checks;
import dev.stockbridge.spi.OrderLedgerStore;
import dev.stockbridge.spi.OrderRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An order ledger in memory: for tests and hosts that keep no state. Thread-safe. */
public final class InMemoryOrderLedger implements OrderLedgerStore {

  private final Map<String, OrderRecord> records = new ConcurrentHashMap<>();

  /** Creates an empty ledger. */
  public InMemoryOrderLedger() {}

  @Override
  public Optional<OrderRecord> find(String orderId) {
    return Optional.ofNullable(records.get(Checks.notNull("orderId", orderId)));
  }

  @Override
  public void put(List<OrderRecord> records) {
    Checks.notNull("records", records).forEach(record -> this.records.put(Checks.notNull("record", record).orderId(), record));
  }

  @Override
  public void remove(Collection<String> orderIds) {
    Checks.notNull("orderIds", orderIds).forEach(records::remove);
  }

  @Override
  public List<OrderRecord> parked() {
    return records.values().stream().filter(record -> !record.parked().isEmpty()).toList();
  }

  @Override
  public List<String> idleSince(Instant before) {
    Checks.notNull("before", before);
    return records.values().stream().filter(record -> record.lastActivity().isBefore(before)).map(OrderRecord::orderId).toList();
  }

  /**
   * How many orders it holds.
   *
   * @return the count
   */
  public int size() {
    return records.size();
  }

  /** Nothing to release. */
  @Override
  public void close() {}
}
