package dev.stockbridge.planner.feed;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.stockbridge.Channel;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Demand lines, mappings and a real CSV parser for the feed tests. */
final class FeedFixtures {

  static final Instant T0 = Instant.parse("2024-03-01T10:15:30Z");
  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

  private FeedFixtures() {}

  static DemandLine line(String id, DemandKind kind, String sku, String location, long quantity, String price, String discount) {
    return new DemandLine(id, kind, "order-" + id, Optional.of("#" + id), "line-" + id, Sku.of(sku),
        quantity, new BigDecimal(price), new BigDecimal(discount), "EUR", List.of("SPRING"),
        Location.of(location), Optional.of(Channel.of("web")), Optional.of("store-uk"),
        Optional.of("GB"), Optional.of("cust-1"), T0, T0.plusSeconds(60), Map.of());
  }

  /** A demand row of an order line: sales and cancellations of one line share the order and line ids. */
  static DemandLine orderLine(String id, DemandKind kind, String order, String lineItem, String sku, long quantity, String price, String discount) {
    return new DemandLine(id, kind, order, Optional.of("#" + order), lineItem, Sku.of(sku),
        quantity, new BigDecimal(price), new BigDecimal(discount), "EUR", List.of(),
        Location.of("london-dc"), Optional.of(Channel.of("web")), Optional.empty(),
        Optional.of("GB"), Optional.of("cust-1"), T0, T0.plusSeconds(60), Map.of());
  }

  /** A mapping with each SKU to a variant and each location (drawn on by a channel of the same key) to a warehouse. */
  static CatalogueMapping mapping(Map<String, String> skus, Map<String, String> locations) {
    CatalogueMapping.Builder builder = CatalogueMapping.builder();
    skus.forEach((sku, variant) -> builder.sku(Sku.of(sku), VariantId.of(variant)));
    locations.forEach((location, warehouse) -> builder
        .channel(SupplyChannel.of(location), Location.of(location))
        .warehouse(Location.of(location), WarehouseId.of(warehouse)));
    return builder.build();
  }

  /** Writes a file into memory. */
  static byte[] write(Function<ByteArrayOutputStream, FeedReport> writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.apply(out);
    return out.toByteArray();
  }

  /** Parses a CSV file with Jackson's CSV parser: every row, header first, as cell lists. */
  static List<List<String>> parse(byte[] csv) {
    try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(csv)) {
      return rows.readAll().stream().map(Arrays::asList).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Feed content that writes fixed text and reports the given row count.
   *
   * @param text the file's text
   * @param rows the rows it reports written
   * @return the content
   */
  static FeedContent content(String text, long rows) {
    return out -> {
      try {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new FeedReport(rows, rows, List.of());
    };
  }

  /** Undoes the formula-injection escape of a text cell. */
  static String text(String cell) {
    return cell.startsWith("'") ? cell.substring(1) : cell;
  }
}
