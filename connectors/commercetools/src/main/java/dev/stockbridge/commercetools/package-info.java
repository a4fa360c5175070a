/**
 * The commercetools connector, on commercetools-sdk-java-v2. Entry point: {@link
 * dev.stockbridge.commercetools.CommercetoolsConnector#connect(CommercetoolsConfig)}, which builds
 * the SDK client (retries of 429/502/503/504 and timeouts, {@code Retry-After} honoured, bounded
 * concurrency) and hands out the adapters sharing it:
 *
 * <ul>
 *   <li>{@link dev.stockbridge.commercetools.CommercetoolsConnector#storefrontStock(LocationChannels)}:
 *       the engine's {@link dev.stockbridge.spi.StorefrontStock} over inventory entries, relative
 *       {@code addQuantity}/{@code removeQuantity} with compare-and-set on the entry version and the
 *       exactly-once marker as a custom field set in the same update;
 *   <li>{@link dev.stockbridge.commercetools.OrderFeed}: incremental order reads by watermark with
 *       overlap, and pushed {@code OrderCreated} messages, as order events and demand lines;
 *   <li>{@link dev.stockbridge.commercetools.CatalogueReader}: the published SKUs, and the variants
 *       with name, price and creation time as {@link dev.stockbridge.flow.CatalogueItem},
 *       paged by id;
 *   <li>{@link dev.stockbridge.commercetools.ChannelResolver}: supply channel keys and ids, cached.
 * </ul>
 */
package dev.stockbridge.commercetools;
