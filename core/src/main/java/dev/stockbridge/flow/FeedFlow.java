package dev.stockbridge.flow;

import dev.stockbridge.Checks;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.demand.DemandStore;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Feed generation and publishing: the storefront's priced catalogue, each variant with its
 * available stock at the publisher's locations (read in batches of {@value #PAGE} variants, never
 * one call per key), and the demand store, handed to a {@link FeedPublisher}. Unpriced variants are
 * left out and named in the result. Holds nothing between runs (a publisher keeps its own
 * checkpoint, e.g. the Advanced sync's watermark). Not thread-safe: one thread runs it.
 */
public final class FeedFlow {

  /** How many variants' stock is read at once. */
  static final int PAGE = 500;

  private final CatalogueSource catalogue;
  private final StorefrontStock stock;
  private final DemandStore demand;
  private final FeedPublisher publisher;
  private final Clock clock;

  /**
   * Creates the flow.
   *
   * @param catalogue the storefront's catalogue
   * @param stock the storefront's stock, read for each page of variants
   * @param demand the demand store
   * @param publisher where the feeds go
   * @param clock stamps each run
   * @throws dev.stockbridge.InvalidValueException if an argument is null
   */
  public FeedFlow(CatalogueSource catalogue, StorefrontStock stock, DemandStore demand, FeedPublisher publisher, Clock clock) {
    this.catalogue = Checks.notNull("catalogue", catalogue);
    this.stock = Checks.notNull("stock", stock);
    this.demand = Checks.notNull("demand", demand);
    this.publisher = Checks.notNull("publisher", publisher);
    this.clock = Checks.notNull("clock", clock);
  }

  /**
   * Runs once: the publisher reads what it needs and publishes.
   *
   * @return what the run did
   * @throws dev.stockbridge.StockbridgeException if the catalogue, the stock, the demand store or
   *     the publisher fails
   */
  public FeedCycle runOnce() {
    Run run = new Run(clock.instant(), List.copyOf(publisher.locations()));
    FeedPublication publication = publisher.publish(run);
    return new FeedCycle(run.at, run.products, List.copyOf(run.unpriced), publication);
  }

  /** One run's input; counts the products of a pass and collects the unpriced variants. */
  private final class Run implements FeedInput {

    private final Instant at;
    private final List<Location> locations;
    private final Set<Sku> unpriced = new LinkedHashSet<>();
    private long products;

    Run(Instant at, List<Location> locations) {
      this.at = at;
      this.locations = locations;
    }

    @Override
    public Instant at() {
      return at;
    }

    @Override
    public void products(Consumer<FeedProduct> rows) {
      Checks.notNull("rows", rows);
      List<CatalogueItem> page = new ArrayList<>(PAGE);
      long[] pass = {0};
      catalogue.variants(item -> {
        if (item.price().isEmpty()) {
          unpriced.add(item.sku());
          return;
        }
        page.add(item);
        if (page.size() == PAGE) {
          pass[0] += flush(page, rows);
        }
      });
      pass[0] += flush(page, rows);
      products = pass[0];
    }

    /** Reads the page's stock in one call and hands on its products. */
    private int flush(List<CatalogueItem> page, Consumer<FeedProduct> rows) {
      List<StockKey> keys = new ArrayList<>(page.size() * locations.size());
      page.forEach(item -> locations.forEach(location -> keys.add(new StockKey(item.sku(), location))));
      Map<StockKey, StockEntry> entries = keys.isEmpty() ? Map.of() : stock.read(keys);
      for (CatalogueItem item : page) {
        Map<Location, Long> available = new HashMap<>();
        for (Location location : locations) {
          StockEntry entry = entries.get(new StockKey(item.sku(), location));
          available.put(location, entry == null ? 0L : entry.availableQuantity());
        }
        rows.accept(new FeedProduct(item.sku(), item.title(), item.price().orElseThrow(), item.currency().orElseThrow(), item.createdAt(), available));
      }
      int count = page.size();
      page.clear();
      return count;
    }

    @Override
    public void demand(Consumer<DemandLine> rows) {
      demand.forEach(Checks.notNull("rows", rows));
    }

    @Override
    public void demandUpdatedSince(Instant since, Consumer<DemandLine> rows) {
      demand.forEachUpdatedSince(Checks.notNull("since", since), Checks.notNull("rows", rows));
    }
  }
}
