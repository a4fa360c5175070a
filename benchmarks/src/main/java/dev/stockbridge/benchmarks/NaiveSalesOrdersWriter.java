package dev.stockbridge.benchmarks;

import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.WarehouseId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The baselines: the Starter and Advanced sales-orders files as one would first write them,
 * building each row as a {@code String} (escape each cell with {@code replace}, join the cells,
 * append a newline) and writing it through an {@link OutputStreamWriter}. They apply the same
 * rules as the library, so both produce the same rows: quoting, formula escaping, the warehouse
 * filter, prices in the currency's decimals, and cancellations folded into their sale (a first
 * pass collects the cancelled units per order line in a {@code HashMap} keyed by a joined string).
 * The workload never has a cancellation without its sale, so they do not handle one.
 */
final class NaiveSalesOrdersWriter {

  private final CatalogueMapping mapping;
  private final WarehouseId warehouse;

  NaiveSalesOrdersWriter(CatalogueMapping mapping, WarehouseId warehouse) {
    this.mapping = mapping;
    this.warehouse = warehouse;
  }

  /** Writes the Starter file and returns the rows written. */
  long write(Consumer<Consumer<DemandLine>> demand, OutputStream out) {
    return write(demand, out, "order_number,product_id,sku,date,price,quantity,currency,canceled\n", (line, id, quantity, cancelled) -> {
      if (!mapping.warehouse(line.location()).orElseThrow().equals(warehouse)) {
        return null;
      }
      return String.join(",",
          cell(line.orderNumber().orElse(line.orderId())),
          cell(line.sku().value()),
          cell(line.sku().value()),
          line.createdAt().toString(),
          money(line.unitPrice(), line.currency()).toPlainString(),
          Long.toString(quantity),
          cell(line.currency()),
          Boolean.toString(cancelled)) + "\n";
    });
  }

  /** Writes the Advanced file (15 columns) and returns the rows written. */
  long writeAdvanced(Consumer<Consumer<DemandLine>> demand, OutputStream out) {
    return write(demand, out, "ORDER_ID,ID,VARIANT_ID,WAREHOUSE,CURRENCY,QUANTITY,PRICE,CREATED_AT,REMOVED,UPDATED_AT,"
        + "REFERENCE,REFERENCE2,CUSTOMER,DISCOUNT,CANCELLED\n", (line, id, quantity, cancelled) -> {
          BigDecimal discount = line.discount().multiply(BigDecimal.valueOf(Long.signum(quantity)));
          return String.join(",",
              cell(id),
              cell(line.orderId()),
              cell(mapping.variant(line.sku()).orElseThrow().value()),
              cell(mapping.warehouse(line.location()).orElseThrow().value()),
              cell(line.currency()),
              Long.toString(quantity),
              money(line.unitPrice(), line.currency()).toPlainString(),
              line.createdAt().toString(),
              "false",
              line.updatedAt().toString(),
              cell(line.orderNumber().orElse("")),
              cell(line.salesChannel().map(channel -> channel.key()).or(line::store).orElse("")),
              cell(line.customer().orElse("")),
              money(discount, line.currency()).toPlainString(),
              Boolean.toString(cancelled)) + "\n";
        });
  }

  /** One row as text, or null to skip it. */
  private interface RowText {
    String row(DemandLine line, String id, long quantity, boolean cancelled);
  }

  private static long write(Consumer<Consumer<DemandLine>> demand, OutputStream out, String header, RowText text) {
    Map<String, Long> cancelled = new HashMap<>();
    demand.accept(line -> {
      if (line.kind() == DemandKind.CANCELLATION) {
        cancelled.merge(line.orderId() + "/" + line.lineId(), line.quantity(), Long::sum);
      }
    });
    long[] rows = {0};
    try {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      writer.write(header);
      demand.accept(line -> {
        String id = line.orderId() + "/" + line.lineId();
        String[] lines;
        switch (line.kind()) {
          case RETURN -> lines = new String[] {text.row(line, line.id(), -line.quantity(), false)};
          case CANCELLATION -> lines = new String[0]; // folded into its sale
          default -> {
            long units = cancelled.getOrDefault(id, 0L);
            if (units == 0) {
              lines = new String[] {text.row(line, id, line.quantity(), false)};
            } else if (units >= line.quantity()) {
              lines = new String[] {text.row(line, id, line.quantity(), true)};
            } else {
              lines = new String[] {text.row(line, id, line.quantity() - units, false), text.row(line, id + "/cancelled", units, true)};
            }
          }
        }
        try {
          for (String row : lines) {
            if (row != null) {
              writer.write(row);
              rows[0]++;
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows[0];
  }

  private static BigDecimal money(BigDecimal amount, String currency) {
    return amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
  }

  private static String cell(String value) {
    String text = value;
    if (!text.isEmpty() && "=+-@\t\r'".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      text = "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
