package dev.stockbridge.postgres;

import dev.stockbridge.Checks;
import dev.stockbridge.order.OrderRecordCodec;
import dev.stockbridge.spi.OrderLedgerStore;
import dev.stockbridge.spi.OrderRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The order ledger as the table {@code order_ledger}: one row per order, its record as JSON. A put
 * is one transaction of upserts, so a submission's records commit together. The engine writes one
 * order from one thread at a time, and one active writer holds the lease, so last-writer-wins
 * upserts at READ COMMITTED lose nothing. Thread-safe.
 */
final class PostgresOrderLedger implements OrderLedgerStore {

  private final DataSource dataSource;

  PostgresOrderLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<OrderRecord> find(String orderId) {
    Checks.notNull("orderId", orderId);
    return Sql.transaction(dataSource, "read order " + orderId, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT body FROM order_ledger WHERE order_id = ?")) {
        s.setString(1, orderId);
        try (ResultSet row = s.executeQuery()) {
          return row.next() ? Optional.of(OrderRecordCodec.decode(row.getString("body"))) : Optional.<OrderRecord>empty();
        }
      }
    });
  }

  @Override
  public void put(List<OrderRecord> records) {
    Checks.notNull("records", records).forEach(record -> Checks.notNull("record", record));
    if (records.isEmpty()) {
      return;
    }
    Sql.transaction(dataSource, "record " + records.size() + " orders", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO order_ledger (order_id, body, parked, last_activity, last_activity_nanos) VALUES (?, ?, ?, ?, ?)"
              + " ON CONFLICT (order_id) DO UPDATE SET body = EXCLUDED.body, parked = EXCLUDED.parked,"
              + " last_activity = EXCLUDED.last_activity, last_activity_nanos = EXCLUDED.last_activity_nanos")) {
        for (OrderRecord record : records) {
          s.setString(1, record.orderId());
          s.setString(2, OrderRecordCodec.encode(record));
          s.setBoolean(3, !record.parked().isEmpty());
          Sql.setInstant(s, 4, record.lastActivity()); // and its nanos, parameter 5
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  @Override
  public void remove(Collection<String> orderIds) {
    Checks.notNull("orderIds", orderIds);
    if (orderIds.isEmpty()) {
      return;
    }
    Sql.transaction(dataSource, "forget " + orderIds.size() + " orders", c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM order_ledger WHERE order_id = ANY (?)")) {
        s.setArray(1, c.createArrayOf("text", orderIds.toArray()));
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<OrderRecord> parked() {
    return Sql.transaction(dataSource, "list parked orders", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT body FROM order_ledger WHERE parked ORDER BY order_id");
          ResultSet row = s.executeQuery()) {
        List<OrderRecord> records = new ArrayList<>();
        while (row.next()) {
          records.add(OrderRecordCodec.decode(row.getString("body")));
        }
        return List.copyOf(records);
      }
    });
  }

  @Override
  public List<String> idleSince(Instant before) {
    Checks.notNull("before", before);
    return Sql.transaction(dataSource, "list idle orders", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT order_id FROM order_ledger WHERE last_activity < ? OR (last_activity = ? AND last_activity_nanos < ?)")) {
        // the column holds microseconds; the nanos column decides within the same microsecond
        java.time.OffsetDateTime micros = java.time.OffsetDateTime.ofInstant(before.truncatedTo(java.time.temporal.ChronoUnit.MICROS), java.time.ZoneOffset.UTC);
        s.setObject(1, micros);
        s.setObject(2, micros);
        s.setInt(3, before.getNano());
        try (ResultSet row = s.executeQuery()) {
          List<String> ids = new ArrayList<>();
          while (row.next()) {
            ids.add(row.getString("order_id"));
          }
          return List.copyOf(ids);
        }
      }
    });
  }

  /** The pool is the store's: nothing to release here. */
  @Override
  public void close() {}
}
