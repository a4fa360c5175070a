package dev.stockbridge.benchmarks;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.planner.feed.AdvancedFeeds;
import dev.stockbridge.planner.feed.BundleMode;
import dev.stockbridge.planner.feed.FeedReport;
import dev.stockbridge.planner.feed.FeedVariant;
import dev.stockbridge.planner.feed.FeedVendor;
import dev.stockbridge.planner.feed.FeedWarehouse;
import dev.stockbridge.planner.feed.VariantStock;
import dev.stockbridge.planner.feed.VariantVendor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rows per second through each Advanced file type's writer other than sales orders (which
 * {@link SalesOrdersFeedBenchmark} races against its naive baseline): {@value #ROWS} rows per
 * invocation, cycled from pools of 4,096 rows over 2,000 mapped SKUs, to a byte-counting sink, in
 * a 64 MB heap. The variant-component file is written from a catalogue of {@value #BUNDLES}
 * bundles of 4 components, {@value #REPEATS} times per invocation, so one operation there too is
 * one row.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m", "-Xms64m"})
@OperationsPerInvocation(AdvancedFilesBenchmark.ROWS)
public class AdvancedFilesBenchmark {

  /** Rows per invocation. */
  static final int ROWS = 1_000_000;
  /** Bundles in the catalogue, 4 components each. */
  static final int BUNDLES = 10_000;
  /** Component files per invocation: {@code ROWS} rows in all. */
  static final int REPEATS = ROWS / (BUNDLES * 4);

  private static final int POOL = 4_096;
  private static final int SKUS = 2_000;
  private static final Instant T0 = Instant.parse("2024-03-01T10:15:30Z");

  /** The pools and the feeds. */
  @State(Scope.Thread)
  public static class Files {

    AdvancedFeeds feeds;
    AdvancedFeeds bundled;
    FeedWarehouse[] warehouses = new FeedWarehouse[POOL];
    FeedVendor[] vendors = new FeedVendor[POOL];
    FeedVariant[] variants = new FeedVariant[POOL];
    VariantVendor[] links = new VariantVendor[POOL];
    VariantStock[] stock = new VariantStock[POOL];

    /** Builds the pools, the mapping and a catalogue of bundles; not measured. */
    @Setup(Level.Trial)
    public void setUp() {
      CatalogueMapping.Builder mapping = CatalogueMapping.builder();
      Location[] locations = new Location[8];
      for (int i = 0; i < locations.length; i++) {
        locations[i] = Location.of("dc-" + i);
        mapping.channel(SupplyChannel.of("ch-" + i), locations[i]).warehouse(locations[i], WarehouseId.of("c955_wh" + i));
      }
      BundleCatalogue.Builder bundles = BundleCatalogue.builder();
      for (int i = 0; i < SKUS; i++) {
        mapping.sku(sku(i), VariantId.of("c955_" + (100_000 + i)));
      }
      for (int b = 0; b < BUNDLES; b++) {
        Sku bundle = Sku.of("KIT-" + b);
        mapping.sku(bundle, VariantId.of("c955_k" + b));
        for (int c = 0; c < 4; c++) {
          bundles.component(bundle, sku((b * 4 + c) % SKUS), 1 + c);
        }
      }
      CatalogueMapping built = mapping.build();
      feeds = AdvancedFeeds.builder(built).build();
      bundled = AdvancedFeeds.builder(built).bundles(bundles.build(), BundleMode.BUNDLES).build();
      for (int i = 0; i < POOL; i++) {
        Sku sku = sku(i % SKUS);
        Instant at = T0.plusSeconds(i * 37L);
        Location location = locations[i % locations.length];
        warehouses[i] = new FeedWarehouse(location, "Warehouse, \"" + i + "\"", Optional.of("GBP"), false, at);
        vendors[i] = new FeedVendor("vendor-" + i, i % 20 == 0 ? "=Acme " + i : "Acme " + i, "GBP", false, at);
        variants[i] = new FeedVariant(sku, "Mug, blue \"" + i + "\"", Optional.of("400638133" + i), "p-" + i,
            BigDecimal.valueOf(100 + i, 2), "GBP", at, at.plusSeconds(60), false);
        links[i] = new VariantVendor(sku, "vendor-" + (i % 50), Optional.of(BigDecimal.valueOf(50 + i, 2)), "GBP",
            Optional.of("REF-" + i), OptionalLong.of(6), false, at);
        stock[i] = new VariantStock(sku, location, i % 97 - 10, false, at, OptionalLong.of(i % 5), OptionalLong.empty());
      }
    }

    static Sku sku(int i) {
      return Sku.of(i % 50 == 0 ? "-SKU-" + i : "SKU-" + i);
    }

    static <T> void cycle(T[] pool, Consumer<T> action) {
      for (int i = 0, next = 0; i < ROWS; i++) {
        action.accept(pool[next]);
        next = next + 1 == pool.length ? 0 : next + 1;
      }
    }
  }

  private static long bytes(DemandWorkload.CountingSink sink, FeedReport report) {
    return sink.bytes + report.rowsWritten();
  }

  /** @param files the pools @return bytes written */
  @Benchmark
  public long warehouses(Files files) {
    DemandWorkload.CountingSink sink = new DemandWorkload.CountingSink();
    return bytes(sink, files.feeds.writeWarehouses(action -> Files.cycle(files.warehouses, action), sink));
  }

  /** @param files the pools @return bytes written */
  @Benchmark
  public long vendors(Files files) {
    DemandWorkload.CountingSink sink = new DemandWorkload.CountingSink();
    return bytes(sink, files.feeds.writeVendors(action -> Files.cycle(files.vendors, action), sink));
  }

  /** @param files the pools @return bytes written */
  @Benchmark
  public long variants(Files files) {
    DemandWorkload.CountingSink sink = new DemandWorkload.CountingSink();
    return bytes(sink, files.feeds.writeVariants(action -> Files.cycle(files.variants, action), sink));
  }

  /** @param files the catalogue @return bytes written */
  @Benchmark
  public long variantComponents(Files files) {
    DemandWorkload.CountingSink sink = new DemandWorkload.CountingSink();
    long rows = 0;
    for (int i = 0; i < REPEATS; i++) {
      rows += files.bundled.writeVariantComponents(T0, sink).rowsWritten();
    }
    return sink.bytes + rows;
  }

  /** @param files the pools @return bytes written */
  @Benchmark
  public long variantVendors(Files files) {
    DemandWorkload.CountingSink sink = new DemandWorkload.CountingSink();
    return bytes(sink, files.feeds.writeVariantVendors(action -> Files.cycle(files.links, action), sink));
  }

  /** @param files the pools @return bytes written */
  @Benchmark
  public long variantWarehouses(Files files) {
    DemandWorkload.CountingSink sink = new DemandWorkload.CountingSink();
    return bytes(sink, files.feeds.writeVariantWarehouses(action -> Files.cycle(files.stock, action), sink));
  }
}
