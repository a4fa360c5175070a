package dev.stockbridge.benchmarks;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.client.error.ConcurrentModificationException;
import com.commercetools.api.models.channel.ChannelDraft;
import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.channel.ChannelRoleEnum;
import com.commercetools.api.models.inventory.InventoryEntry;
import com.commercetools.api.models.inventory.InventoryEntryChangeQuantityAction;
import com.commercetools.api.models.inventory.InventoryEntryDraft;
import com.commercetools.api.models.inventory.InventoryEntryRemoveQuantityAction;
import com.commercetools.api.models.inventory.InventoryEntryUpdate;
import com.commercetools.api.models.inventory.InventoryEntryUpdateAction;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.commercetools.CommercetoolsConfig;
import dev.stockbridge.commercetools.CommercetoolsConnector;
import dev.stockbridge.testkit.CommercetoolsMock;
import dev.stockbridge.commercetools.LocationChannels;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.spi.VersionConflictException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A flash sale against the commercetools mock: 10,000 order lines over 20 hot SKUs from 16
 * concurrent producers, written by three writers in turn, each on its own fresh SKUs:
 *
 * <ul>
 *   <li>{@code stockbridge}: the engine with the commercetools adapter (relative updates, coalesced
 *       per key, compare-and-set; a 409 retried with the version it names) and the in-memory
 *       journal;
 *   <li>{@code sb-file}: the same with the durable {@link FileJournal} the runner uses, in a fresh
 *       temporary directory;
 *   <li>{@code naive}: one {@code removeQuantity} per order line with the version just read, re-read
 *       and retried on 409;
 *   <li>{@code absolute}: in the style of commercetools-sync-java: the new absolute quantity is
 *       computed from a read, then written with {@code changeQuantity} and a version fetched
 *       separately just before the write, no retry on 409.
 * </ul>
 *
 * <p>Prints API writes per order line, conflicts, wall time, throughput and final drift (sum over
 * SKUs of |actual − expected|). Not a JMH benchmark: one run of a fixed workload against a real
 * HTTP server is the measurement. Run from the repository root (it starts the mock from {@code
 * testkit/commercetools-mock}).
 */
public final class FlashSaleBenchmark {

  static final int LINES = 10_000;
  static final int SKUS = 20;
  static final int PRODUCERS = 16;
  static final long INITIAL = 100_000;
  static final Location LOCATION = Location.of("bench-dc");

  private FlashSaleBenchmark() {}

  /** One order line of the workload. */
  record Line(int sku, long quantity) {}

  /** What one writer achieved. */
  record Result(String writer, long writes, long conflicts, Duration wall, long drift) {
    String row() {
      double seconds = wall.toNanos() / 1e9;
      return String.format(Locale.ROOT, "%-12s %10d %12.3f %10d %10.2f %14.0f %8d", writer, writes, writes / (double) LINES, conflicts, seconds, LINES / seconds, drift);
    }
  }

  /**
   * Runs the three writers and prints the table.
   *
   * @param args ignored
   * @throws Exception if the mock or a writer fails
   */
  public static void main(String[] args) throws Exception {
    List<Line> lines = workload(new Random(20261127L));
    try (CommercetoolsMock mock = CommercetoolsMock.start();
        CommercetoolsConnector connector = CommercetoolsConnector.connect(
            CommercetoolsConfig.builder()
                .projectKey(CommercetoolsMock.PROJECT_KEY)
                .credentials(CommercetoolsMock.CLIENT_ID, CommercetoolsMock.CLIENT_SECRET)
                .urls(mock.apiUrl(), mock.tokenUrl())
                .maxConcurrentRequests(32)
                .build())) {
      connector.api().channels().post(ChannelDraft.builder().key(LOCATION.key()).roles(ChannelRoleEnum.INVENTORY_SUPPLY).build()).executeBlocking();
      List<Result> results = new ArrayList<>();
      results.add(stockbridge(connector, lines, "stockbridge", null));
      Path directory = Files.createTempDirectory("flash-sale-journal");
      results.add(stockbridge(connector, lines, "sb-file", directory));
      results.add(naive(connector, lines));
      results.add(absolute(connector, lines));
      System.out.printf(Locale.ROOT, "%d order lines over %d hot SKUs, %d producers, commercetools-mock 4.4.0 on 127.0.0.1%n", LINES, SKUS, PRODUCERS);
      System.out.printf(Locale.ROOT, "%-12s %10s %12s %10s %10s %14s %8s%n", "writer", "writes", "writes/line", "conflicts", "wall s", "lines/s", "drift");
      results.forEach(r -> System.out.println(r.row()));
    }
  }

  static List<Line> workload(Random random) {
    List<Line> lines = new ArrayList<>(LINES);
    for (int i = 0; i < LINES; i++) {
      lines.add(new Line(random.nextInt(SKUS), 1 + random.nextInt(3)));
    }
    return lines;
  }

  private static List<String> createSkus(CommercetoolsConnector connector, String writer) {
    String channelId = connector.channels().id(LOCATION.key());
    List<String> skus = new ArrayList<>();
    for (int i = 0; i < SKUS; i++) {
      String sku = "FS-" + writer + "-" + i;
      connector.api().inventory()
          .post(InventoryEntryDraft.builder().sku(sku).quantityOnStock(INITIAL).supplyChannel(ChannelResourceIdentifier.builder().id(channelId).build()).build())
          .executeBlocking();
      skus.add(sku);
    }
    return skus;
  }

  private static long drift(CommercetoolsConnector connector, List<String> skus, List<Line> lines) {
    long[] expected = new long[SKUS];
    java.util.Arrays.fill(expected, INITIAL);
    lines.forEach(l -> expected[l.sku()] -= l.quantity());
    String channelId = connector.channels().id(LOCATION.key());
    long drift = 0;
    for (int i = 0; i < SKUS; i++) {
      drift += Math.abs(entry(connector.api(), skus.get(i), channelId).getQuantityOnStock() - expected[i]);
    }
    return drift;
  }

  /** Runs the producers, each taking every PRODUCERS-th line, and returns the wall time. */
  private static Duration produce(List<Line> lines, LineWriter writer) throws Exception {
    ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
    long start = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        int producer = p;
        done.add(
            producers.submit(
                () -> {
                  for (int i = producer; i < lines.size(); i += PRODUCERS) {
                    writer.write(i, lines.get(i));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      producers.shutdownNow();
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @FunctionalInterface
  private interface LineWriter {
    void write(int index, Line line) throws Exception;
  }

  static Result stockbridge(CommercetoolsConnector connector, List<Line> lines, String writer, Path journalDirectory)
      throws Exception {
    List<String> skus = createSkus(connector, writer);
    Counting storefront = new Counting(connector.storefrontStock(LocationChannels.sameKeys()));
    MovementJournal journal = journalDirectory == null ? new InMemoryJournal() : FileJournal.open(journalDirectory);
    StockEngine engine = StockEngine.builder().storefront(storefront).journal(journal).bundles(BundleCatalogue.empty()).parallelism(PRODUCERS).build();
    engine.start();
    long start = System.nanoTime();
    try {
      produce(lines, (i, line) -> engine.submit(new OrderEvent.Placed("o" + i, List.of(OrderLine.of("l1", Sku.of(skus.get(line.sku())), line.quantity(), LOCATION)))));
      if (!engine.drain(Duration.ofMinutes(5))) {
        throw new IllegalStateException("engine did not drain");
      }
    } finally {
      engine.stop();
      journal.close();
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    return new Result(writer, storefront.writes.get(), storefront.conflicts.get(), wall, drift(connector, skus, lines));
  }

  static Result naive(CommercetoolsConnector connector, List<Line> lines) throws Exception {
    List<String> skus = createSkus(connector, "naive");
    String channelId = connector.channels().id(LOCATION.key());
    ProjectApiRoot api = connector.api();
    AtomicLong writes = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    Duration wall =
        produce(
            lines,
            (i, line) -> {
              while (true) {
                InventoryEntry entry = entry(api, skus.get(line.sku()), channelId);
                writes.incrementAndGet();
                if (post(api, entry, entry.getVersion(), InventoryEntryRemoveQuantityAction.builder().quantity(line.quantity()).build())) {
                  return;
                }
                conflicts.incrementAndGet();
              }
            });
    return new Result("naive", writes.get(), conflicts.get(), wall, drift(connector, skus, lines));
  }

  static Result absolute(CommercetoolsConnector connector, List<Line> lines) throws Exception {
    List<String> skus = createSkus(connector, "absolute");
    String channelId = connector.channels().id(LOCATION.key());
    ProjectApiRoot api = connector.api();
    AtomicLong writes = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    Duration wall =
        produce(
            lines,
            (i, line) -> {
              long target = entry(api, skus.get(line.sku()), channelId).getQuantityOnStock() - line.quantity();
              InventoryEntry current = entry(api, skus.get(line.sku()), channelId); // version fetched for the write
              writes.incrementAndGet();
              if (!post(api, current, current.getVersion(), InventoryEntryChangeQuantityAction.builder().quantity(target).build())) {
                conflicts.incrementAndGet(); // sync-java reports the error and moves on
              }
            });
    return new Result("absolute", writes.get(), conflicts.get(), wall, drift(connector, skus, lines));
  }

  private static InventoryEntry entry(ProjectApiRoot api, String sku, String channelId) {
    return api.inventory().get()
        .withWhere("sku = :sku and supplyChannel(id = :channel)")
        .withPredicateVar("sku", sku)
        .withPredicateVar("channel", channelId)
        .executeBlocking()
        .getBody()
        .getResults()
        .get(0);
  }

  /** Sends one update; false on 409. */
  private static boolean post(ProjectApiRoot api, InventoryEntry entry, long version, InventoryEntryUpdateAction action) {
    try {
      api.inventory().withId(entry.getId()).post(InventoryEntryUpdate.builder().version(version).actions(action).build()).execute().join();
      return true;
    } catch (CompletionException e) {
      if (e.getCause() instanceof ConcurrentModificationException) {
        return false;
      }
      throw e;
    }
  }

  /** Counts the adapter's update calls and conflicts. */
  private static final class Counting implements StorefrontStock {
    private final StorefrontStock delegate;
    final AtomicLong writes = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();

    Counting(StorefrontStock delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<StockKey, StockEntry> read(Collection<StockKey> keys) {
      return new HashMap<>(delegate.read(keys));
    }

    @Override
    public StockEntry update(StockEntry read, EntryUpdate update) {
      writes.incrementAndGet();
      try {
        return delegate.update(read, update);
      } catch (VersionConflictException e) {
        conflicts.incrementAndGet();
        throw e;
      }
    }
  }
}
