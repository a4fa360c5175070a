package dev.stockbridge.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockbridge.Channel;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.demand.DemandStore;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The demand store as the table {@code demand_line}, one row per line id, a column per field so
 * the demand record can be queried with SQL. {@link #put} is one READ COMMITTED transaction of
 * upserts ({@code INSERT ... ON CONFLICT (id) DO UPDATE}): concurrent writers of one id serialise
 * on its row lock and the last commit wins, which is the SPI's "storing again replaces". Streams
 * use a cursor in a transaction of their own, so they see one snapshot, hold no row locks and let
 * the consumer store rows meanwhile. Thread-safe.
 */
final class PostgresDemandStore implements DemandStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};
  private static final String UPSERT =
      "INSERT INTO demand_line (id, kind, order_id, order_number, line_id, sku, quantity, unit_price,"
          + " discount, currency, promotions, location, sales_channel, store, country, customer,"
          + " created_at, created_at_nanos, updated_at, updated_at_nanos, attributes)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
          + " ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, order_id = EXCLUDED.order_id,"
          + " order_number = EXCLUDED.order_number, line_id = EXCLUDED.line_id, sku = EXCLUDED.sku,"
          + " quantity = EXCLUDED.quantity, unit_price = EXCLUDED.unit_price,"
          + " discount = EXCLUDED.discount, currency = EXCLUDED.currency,"
          + " promotions = EXCLUDED.promotions, location = EXCLUDED.location,"
          + " sales_channel = EXCLUDED.sales_channel, store = EXCLUDED.store,"
          + " country = EXCLUDED.country, customer = EXCLUDED.customer,"
          + " created_at = EXCLUDED.created_at, created_at_nanos = EXCLUDED.created_at_nanos,"
          + " updated_at = EXCLUDED.updated_at, updated_at_nanos = EXCLUDED.updated_at_nanos,"
          + " attributes = EXCLUDED.attributes";
  private static final String ORDER = " ORDER BY created_at, created_at_nanos, id";

  private final DataSource dataSource;

  PostgresDemandStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * {@inheritDoc} All rows in one transaction.
   *
   * @throws InvalidValueException if the iterable or a row is null; then no row is stored
   * @throws PostgresStoreException if the database fails; then no row is stored
   */
  @Override
  public void put(Iterable<DemandLine> lines) {
    if (lines == null) {
      throw new InvalidValueException("lines", null, "must not be null");
    }
    // The last row of an id wins; ids in sorted order, so two concurrent puts lock rows in the
    // same order and never deadlock.
    Map<String, DemandLine> byId = new TreeMap<>();
    for (DemandLine line : lines) {
      if (line == null) {
        throw new InvalidValueException("line", null, "must not be null");
      }
      byId.put(line.id(), line);
    }
    List<DemandLine> rows = new ArrayList<>(byId.values());
    if (rows.isEmpty()) {
      return;
    }
    Sql.transaction(dataSource, "store " + rows.size() + " demand rows", connection -> {
      try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
        for (DemandLine line : rows) {
          bind(upsert, line, connection.createArrayOf("text", line.promotions().toArray()));
          upsert.addBatch();
        }
        upsert.executeBatch();
      }
      return null;
    });
  }

  @Override
  public void forEach(Consumer<DemandLine> consumer) {
    stream("SELECT * FROM demand_line" + ORDER, null, consumer);
  }

  @Override
  public void forEachUpdatedSince(Instant since, Consumer<DemandLine> consumer) {
    if (since == null) {
      throw new InvalidValueException("since", null, "must not be null");
    }
    // Row comparison on (microsecond timestamp, nano-of-second) is exact to the nanosecond.
    stream("SELECT * FROM demand_line WHERE (updated_at, updated_at_nanos) >= (?, ?)" + ORDER, since, consumer);
  }

  private void stream(String query, Instant since, Consumer<DemandLine> consumer) {
    if (consumer == null) {
      throw new InvalidValueException("consumer", null, "must not be null");
    }
    Sql.transaction(dataSource, "read demand rows", connection -> {
      try (PreparedStatement select = connection.prepareStatement(query)) {
        if (since != null) {
          Sql.setInstant(select, 1, since);
        }
        select.setFetchSize(500);
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            consumer.accept(line(row));
          }
        }
      }
      return null;
    });
  }

  private static void bind(PreparedStatement s, DemandLine line, Array promotions) throws SQLException {
    s.setString(1, line.id());
    s.setString(2, line.kind().name());
    s.setString(3, line.orderId());
    s.setString(4, line.orderNumber().orElse(null));
    s.setString(5, line.lineId());
    s.setString(6, line.sku().value());
    s.setLong(7, line.quantity());
    s.setBigDecimal(8, line.unitPrice());
    s.setBigDecimal(9, line.discount());
    s.setString(10, line.currency());
    s.setArray(11, promotions);
    s.setString(12, line.location().key());
    s.setString(13, line.salesChannel().map(Channel::key).orElse(null));
    s.setString(14, line.store().orElse(null));
    s.setString(15, line.country().orElse(null));
    s.setString(16, line.customer().orElse(null));
    Sql.setInstant(s, 17, line.createdAt());
    Sql.setInstant(s, 19, line.updatedAt());
    try {
      s.setString(21, JSON.writeValueAsString(line.attributes()));
    } catch (JsonProcessingException e) {
      throw new InvalidValueException("attributes", line.attributes(), "cannot be written as JSON");
    }
  }

  private static DemandLine line(ResultSet row) throws SQLException {
    Map<String, String> attributes;
    try {
      attributes = JSON.readValue(row.getString("attributes"), ATTRIBUTES);
    } catch (JsonProcessingException e) {
      throw new PostgresStoreException("demand row " + row.getString("id") + " has damaged attributes", e);
    }
    return new DemandLine(row.getString("id"), DemandKind.valueOf(row.getString("kind")),
        row.getString("order_id"), Optional.ofNullable(row.getString("order_number")),
        row.getString("line_id"), Sku.of(row.getString("sku")), row.getLong("quantity"),
        row.getBigDecimal("unit_price"), row.getBigDecimal("discount"), row.getString("currency"),
        Arrays.asList((String[]) row.getArray("promotions").getArray()),
        Location.of(row.getString("location")),
        Optional.ofNullable(row.getString("sales_channel")).map(Channel::of),
        Optional.ofNullable(row.getString("store")), Optional.ofNullable(row.getString("country")),
        Optional.ofNullable(row.getString("customer")), Sql.instant(row, "created_at"),
        Sql.instant(row, "updated_at"), attributes);
  }
}
