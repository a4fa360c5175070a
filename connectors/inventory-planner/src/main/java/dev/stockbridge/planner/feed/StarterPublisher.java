package dev.stockbridge.planner.feed;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.flow.FeedInput;
import dev.stockbridge.flow.FeedPublication;
import dev.stockbridge.flow.FeedPublisher;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.WarehouseId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Starter connection as a {@link FeedPublisher} for {@link dev.stockbridge.flow.FeedFlow}:
 * writes {@value StarterFeeds#PRODUCTS} (each priced variant with its available stock summed over
 * the feed warehouse's locations) and {@value StarterFeeds#SALES_ORDERS} (the demand store's full
 * history) into a {@link FeedDirectory}, each replaced whole or not at all, for {@link FeedServer}
 * to serve. Thread-safe if the feeds are.
 */
public final class StarterPublisher implements FeedPublisher {

  private final StarterFeeds feeds;
  private final FeedDirectory directory;
  private final Set<Location> locations;

  /**
   * Creates the publisher.
   *
   * @param feeds the Starter writers, built for the same mapping and warehouse
   * @param mapping which locations belong to the warehouse
   * @param warehouse the planner warehouse the connection feeds
   * @param directory where the files go
   * @throws InvalidValueException if an argument is null, or no location maps to the warehouse
   */
  public StarterPublisher(StarterFeeds feeds, CatalogueMapping mapping, WarehouseId warehouse, FeedDirectory directory) {
    this.feeds = Checks.notNull("feeds", feeds);
    this.directory = Checks.notNull("directory", directory);
    Checks.notNull("warehouse", warehouse);
    Set<Location> found = new LinkedHashSet<>();
    Checks.notNull("mapping", mapping).warehouses().forEach((location, mapped) -> {
      if (mapped.equals(warehouse)) {
        found.add(location);
      }
    });
    if (found.isEmpty()) {
      throw new InvalidValueException("warehouse", warehouse.value(), "has no location in the locations mapping");
    }
    this.locations = Set.copyOf(found);
  }

  @Override
  public Set<Location> locations() {
    return locations;
  }

  @Override
  public FeedPublication publish(FeedInput input) {
    FeedReport products = directory.publish(StarterFeeds.PRODUCTS, out -> feeds.writeProducts(rows -> input.products(product -> rows.accept(
        Product.of(product.sku(), product.title(), product.price(), product.createdAt(), product.available(locations)))), out));
    FeedReport sales = directory.publish(StarterFeeds.SALES_ORDERS, out -> feeds.writeSalesOrders(input::demand, out));
    return new FeedPublication(List.of(
        products.published(directory.path().resolve(StarterFeeds.PRODUCTS).toString()),
        sales.published(directory.path().resolve(StarterFeeds.SALES_ORDERS).toString())), "");
  }

  @Override
  public String toString() {
    return "StarterPublisher[" + directory + ", locations " + locations + "]";
  }
}
