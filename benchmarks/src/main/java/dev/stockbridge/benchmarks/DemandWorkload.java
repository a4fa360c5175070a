package dev.stockbridge.benchmarks;

import dev.stockbridge.Channel;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Demand for the feed benchmark: a pool of distinct order lines, replayed as many times as a feed
 * needs, so that generating them costs next to nothing and holds no more than the pool.
 */
final class DemandWorkload {

  /** The one location, mapped to {@link #WAREHOUSE}. */
  static final Location LOCATION = Location.of("london-dc");
  /** The planner warehouse of the Starter connection. */
  static final WarehouseId WAREHOUSE = WarehouseId.of("c955_330498075");

  private final DemandLine[] pool;
  private final CatalogueMapping mapping;

  /**
   * Generates the pool: 92 % sales, 5 % returns, 3 % cancellations, over {@code skus} SKUs; one
   * order number in 20 holds a comma or quotes, one SKU in 50 starts with a formula character. A
   * cancellation cancels the line just before it (all of it or some units), as the demand store
   * holds them: a row of its own with the sale's order and line ids.
   */
  DemandWorkload(int poolSize, int skus, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    CatalogueMapping.Builder mapping = CatalogueMapping.builder()
        .channel(SupplyChannel.of("web-uk"), LOCATION)
        .warehouse(LOCATION, WAREHOUSE);
    for (int i = 0; i < skus; i++) {
      mapping.sku(sku(i), VariantId.of("c955_" + (100_000 + i)));
    }
    this.mapping = mapping.build();
    pool = new DemandLine[poolSize];
    Instant start = Instant.parse("2023-01-01T00:00:00Z");
    for (int i = 0; i < poolSize; i++) {
      int draw = random.nextInt(100);
      DemandKind kind = draw < 92 ? DemandKind.SALE : draw < 97 ? DemandKind.RETURN : DemandKind.CANCELLATION;
      Instant created = start.plusSeconds(i * 37L);
      DemandLine before = i == 0 ? null : pool[i - 1];
      if (kind == DemandKind.CANCELLATION && before != null && before.kind() == DemandKind.SALE) {
        pool[i] = new DemandLine("cancel/" + before.orderId() + "/" + before.lineId(), kind, before.orderId(),
            before.orderNumber(), before.lineId(), before.sku(), 1 + random.nextInt((int) before.quantity()),
            before.unitPrice(), BigDecimal.ZERO, "GBP", List.of(), LOCATION, before.salesChannel(), before.store(),
            before.country(), Optional.empty(), created, created.plusSeconds(60), Map.of());
        continue;
      }
      kind = kind == DemandKind.CANCELLATION ? DemandKind.SALE : kind;
      String order = Integer.toString(1_000_000 + i / 3);
      String number = i % 20 == 0 ? "WEB-" + order + ", \"gift\"" : "WEB-" + order;
      pool[i] = new DemandLine("order/" + order + "/" + i, kind, order, Optional.of(number),
          "line-" + i, sku(random.nextInt(skus)), 1 + random.nextInt(3),
          BigDecimal.valueOf(100 + random.nextInt(9_900), 2), BigDecimal.ZERO, "GBP",
          List.of(), LOCATION, Optional.of(Channel.of("web-uk")), Optional.of("uk"),
          Optional.of("GB"), Optional.empty(), created, created.plusSeconds(60), Map.of());
    }
  }

  private static Sku sku(int i) {
    return Sku.of(i % 50 == 0 ? "-SKU-" + i : "SKU-" + i);
  }

  CatalogueMapping mapping() {
    return mapping;
  }

  /** Hands {@code lines} lines to an action, cycling through the pool. */
  void forEach(long lines, Consumer<DemandLine> action) {
    int next = 0;
    for (long i = 0; i < lines; i++) {
      action.accept(pool[next]);
      next = next + 1 == pool.length ? 0 : next + 1;
    }
  }

  /** Counts the bytes a feed writes and throws them away. */
  static final class CountingSink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
