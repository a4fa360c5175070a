package dev.stockbridge.postgres;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.flow.ReceiptLedger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;

/**
 * The planner's receipt ledger as the table {@code receipt_line}. A record is one upsert that keeps
 * the greater cumulative ({@code GREATEST} in {@code ON CONFLICT DO UPDATE}): the comparison and
 * the write happen under the row's lock inside one statement, so at READ COMMITTED two processes
 * recording one line concurrently end at the higher value, never the later one. Thread-safe.
 */
final class PostgresReceiptLedger implements ReceiptLedger {

  private final DataSource dataSource;

  PostgresReceiptLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public long received(String orderId, VariantId variant) {
    check(orderId, variant);
    return Sql.transaction(dataSource, "read receipt " + orderId + "/" + variant.value(), c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT cumulative FROM receipt_line WHERE order_id = ? AND variant = ?")) {
        s.setString(1, orderId);
        s.setString(2, variant.value());
        try (ResultSet row = s.executeQuery()) {
          return row.next() ? row.getLong(1) : 0L;
        }
      }
    });
  }

  @Override
  public void record(String orderId, VariantId variant, long cumulative) {
    check(orderId, variant);
    if (cumulative < 0) {
      throw new InvalidValueException("cumulative", cumulative, "must not be negative");
    }
    Sql.transaction(dataSource, "record receipt " + orderId + "/" + variant.value(), c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO receipt_line (order_id, variant, cumulative) VALUES (?, ?, ?)"
              + " ON CONFLICT (order_id, variant)"
              + " DO UPDATE SET cumulative = GREATEST(receipt_line.cumulative, EXCLUDED.cumulative)")) {
        s.setString(1, orderId);
        s.setString(2, variant.value());
        s.setLong(3, cumulative);
        s.executeUpdate();
      }
      return null;
    });
  }

  private static void check(String orderId, VariantId variant) {
    if (orderId == null || orderId.isBlank()) {
      throw new InvalidValueException("orderId", orderId, "must not be blank");
    }
    if (variant == null) {
      throw new InvalidValueException("variant", null, "must not be null");
    }
  }
}
