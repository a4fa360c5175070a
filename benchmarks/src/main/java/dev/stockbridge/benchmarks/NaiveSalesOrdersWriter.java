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
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The baseline: the Starter sales-orders file as one would first write it, building each row as a
 * {@code String} (escape each cell with {@code replace}, join the cells, append a newline) and
 * writing it through an {@link OutputStreamWriter}. It applies the same quoting, formula escaping
 * and warehouse filter as the library, so both produce the same rows.
 */
final class NaiveSalesOrdersWriter {

  private final CatalogueMapping mapping;
  private final WarehouseId warehouse;

  NaiveSalesOrdersWriter(CatalogueMapping mapping, WarehouseId warehouse) {
    this.mapping = mapping;
    this.warehouse = warehouse;
  }

  /** Writes the file and returns the rows written. */
  long write(Consumer<Consumer<DemandLine>> demand, OutputStream out) {
    long[] rows = {0};
    try {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      writer.write("order_number,product_id,sku,date,price,quantity,currency,canceled\n");
      demand.accept(line -> {
        if (!mapping.warehouse(line.location()).orElseThrow().equals(warehouse)) {
          return;
        }
        String row = String.join(",",
            cell(line.orderNumber().orElse(line.orderId())),
            cell(line.sku().value()),
            cell(line.sku().value()),
            line.createdAt().toString(),
            line.unitPrice().toPlainString(),
            Long.toString(line.signedQuantity()),
            cell(line.currency()),
            Boolean.toString(line.kind() == DemandKind.CANCELLATION)) + "\n";
        try {
          writer.write(row);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        rows[0]++;
      });
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows[0];
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
