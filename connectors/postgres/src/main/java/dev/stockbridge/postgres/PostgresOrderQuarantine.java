package dev.stockbridge.postgres;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.flow.OrderQuarantine;
import dev.stockbridge.flow.QuarantinedOrder;
import dev.stockbridge.flow.RejectedOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The order flow's quarantine as the table {@code quarantined_order}. Holding is one upsert: a new
 * row, or the existing one with its attempts raised and the latest problem, computed from the row
 * under its lock within the statement, so concurrent holds of one order from two processes each
 * count (no lost update at READ COMMITTED). Thread-safe.
 */
final class PostgresOrderQuarantine implements OrderQuarantine {

  private final DataSource dataSource;

  PostgresOrderQuarantine(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void hold(RejectedOrder order, Instant at) {
    if (order == null) {
      throw new InvalidValueException("order", null, "must not be null");
    }
    if (at == null) {
      throw new InvalidValueException("at", null, "must not be null");
    }
    Sql.transaction(dataSource, "hold order " + order.orderId(), c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO quarantined_order (order_id, problem, first_held, first_held_nanos,"
              + " last_tried, last_tried_nanos, attempts) VALUES (?, ?, ?, ?, ?, ?, 1)"
              + " ON CONFLICT (order_id) DO UPDATE SET problem = EXCLUDED.problem,"
              + " last_tried = EXCLUDED.last_tried, last_tried_nanos = EXCLUDED.last_tried_nanos,"
              + " attempts = quarantined_order.attempts + 1")) {
        s.setString(1, order.orderId());
        s.setString(2, order.problem());
        Sql.setInstant(s, 3, at);
        Sql.setInstant(s, 5, at);
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void release(String orderId) {
    if (orderId == null) {
      throw new InvalidValueException("orderId", null, "must not be null");
    }
    Sql.transaction(dataSource, "release order " + orderId, c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM quarantined_order WHERE order_id = ?")) {
        s.setString(1, orderId);
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<QuarantinedOrder> held() {
    return Sql.transaction(dataSource, "list held orders", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT * FROM quarantined_order ORDER BY first_held, first_held_nanos, order_id");
          ResultSet row = s.executeQuery()) {
        List<QuarantinedOrder> held = new ArrayList<>();
        while (row.next()) {
          held.add(new QuarantinedOrder(row.getString("order_id"), row.getString("problem"),
              Sql.instant(row, "first_held"), Sql.instant(row, "last_tried"), row.getInt("attempts")));
        }
        return List.copyOf(held);
      }
    });
  }
}
