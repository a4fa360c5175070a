package dev.stockbridge.commercetools;

import com.commercetools.api.client.ProjectApiRoot;
import dev.stockbridge.reconcile.ReservationSource;
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
  private final Retries retries;

  private CommercetoolsConnector(ProjectApiRoot api, Retries retries) {
    this.api = api;
    this.retries = retries;
    this.channels = new ChannelResolver(api, retries);
  }

  /**
   * Builds the client: OAuth client credentials, a timeout per request and a bounded request
   * queue. The SDK retries nothing: the engine retries what it writes, and this connector retries
   * 429/502/503/504 and timeouts (429 honouring {@code Retry-After}) of the calls no engine makes
   * (order feed, catalogue, lookups, {@link #storefrontStockWithRetries}), up to the configured
   * retries.
   *
   * @param config the project and limits
   * @return the connector
   */
  public static CommercetoolsConnector connect(CommercetoolsConfig config) {
    return new CommercetoolsConnector(Clients.build(config), Retries.of(config));
  }

  /**
   * The storefront stock adapter over inventory entries, for the engine: every call is one HTTP
   * request per chunk and page, never retried here, so each request the engine pays a permit for
   * is one request on the wire. The engine retries, with backoff and {@code Retry-After}.
   *
   * @param locations which supply channel holds each location's entries
   * @return the adapter, thread-safe
   */
  public StorefrontStock storefrontStock(LocationChannels locations) {
    return new CommercetoolsStorefront(api, channels, locations, CommercetoolsStorefront.MAX_PAGE, Retries.NONE);
  }

  /**
   * The same adapter with this connector's retries, for callers that have no retry of their own
   * (a reconcile run reading the storefront, a report). Never hand it to the engine: its retry
   * would multiply with the engine's, and requests would go out that no permit paid for.
   *
   * @param locations which supply channel holds each location's entries
   * @return the adapter, thread-safe
   */
  public StorefrontStock storefrontStockWithRetries(LocationChannels locations) {
    return new CommercetoolsStorefront(api, channels, locations, CommercetoolsStorefront.MAX_PAGE, retries);
  }

  /**
   * The open {@code ReserveOnCart} reservations, read from the active carts, for reconciliation
   * ({@link dev.stockbridge.flow.ReconcileFlow.Builder#reservations}): with them, reservations
   * stuck past their deadline are a finding and active ones explain the gap between an entry's
   * {@code quantityOnStock} and {@code availableQuantity}. Retried with this connector's retries.
   *
   * @param locations which supply channel holds each location's entries
   * @return the source, thread-safe
   */
  public ReservationSource reservations(LocationChannels locations) {
    return new CartReservations(api, channels, locations, CommercetoolsStorefront.MAX_PAGE, retries);
  }

  /**
   * Starts configuring an incremental order feed over this project.
   *
   * @return the feed's builder
   */
  public OrderFeed.Builder orderFeed() {
    return new OrderFeed.Builder(api, channels, retries);
  }

  /**
   * The reader of the published catalogue's SKUs.
   *
   * @return the reader
   */
  public CatalogueReader catalogue() {
    return new CatalogueReader(api, 500, retries);
  }

  /**
   * The published catalogue as the feed flow's port: each variant with its name and embedded
   * price, as {@link CatalogueReader#variants(java.util.function.Consumer)} reads it.
   *
   * @return the catalogue source
   */
  public dev.stockbridge.flow.CatalogueSource catalogueSource() {
    return catalogue()::variants;
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
