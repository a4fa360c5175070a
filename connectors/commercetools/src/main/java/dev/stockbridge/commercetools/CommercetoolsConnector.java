package dev.stockbridge.commercetools;

import com.commercetools.api.client.ProjectApiRoot;
import dev.stockbridge.spi.StorefrontStock;

/**
 * The entry point to one commercetools project: builds the SDK client from a {@link
 * CommercetoolsConfig} and hands out the adapters that share it. Thread-safe; close it to release
 * the HTTP client.
 *
 * <pre>{@code
 * try (CommercetoolsConnector ct = CommercetoolsConnector.connect(config)) {
 *   StorefrontStock stock = ct.storefrontStock(LocationChannels.sameKeys());
 *   StockEngine engine = StockEngine.builder().storefront(stock)...build();
 * }
 * }</pre>
 */
public final class CommercetoolsConnector implements AutoCloseable {

  private final ProjectApiRoot api;
  private final ChannelResolver channels;

  private CommercetoolsConnector(ProjectApiRoot api) {
    this.api = api;
    this.channels = new ChannelResolver(api);
  }

  /**
   * Builds the client: OAuth client credentials, retries of 429/502/503/504 and timeouts (429
   * honouring {@code Retry-After}), a timeout per attempt and a bounded request queue.
   *
   * @param config the project and limits
   * @return the connector
   */
  public static CommercetoolsConnector connect(CommercetoolsConfig config) {
    return new CommercetoolsConnector(Clients.build(config));
  }

  /**
   * The storefront stock adapter over inventory entries, for the engine.
   *
   * @param locations which supply channel holds each location's entries
   * @return the adapter, thread-safe
   */
  public StorefrontStock storefrontStock(LocationChannels locations) {
    return new CommercetoolsStorefront(api, channels, locations, CommercetoolsStorefront.MAX_PAGE);
  }

  /**
   * Starts configuring an incremental order feed over this project.
   *
   * @return the feed's builder
   */
  public OrderFeed.Builder orderFeed() {
    return new OrderFeed.Builder(api, channels);
  }

  /**
   * The reader of the published catalogue's SKUs.
   *
   * @return the reader
   */
  public CatalogueReader catalogue() {
    return new CatalogueReader(api, 500);
  }

  /**
   * The cached resolver of supply channel keys and ids this connector's adapters share.
   *
   * @return the resolver
   */
  public ChannelResolver channels() {
    return channels;
  }

  /**
   * The SDK client, for calls this connector does not wrap.
   *
   * @return the project's API root
   */
  public ProjectApiRoot api() {
    return api;
  }

  /** Closes the HTTP client. */
  @Override
  public void close() {
    api.close();
  }
}
