package dev.stockbridge.flow;

import java.util.function.Consumer;

/**
 * Port: the storefront's published catalogue, for the feeds (the commercetools connector
 * implements it). Streams, so a large catalogue is never held at once.
 */
@FunctionalInterface
public interface CatalogueSource {

  /**
   * Hands every published variant, priced or not, to an action, in a stable order.
   *
   * @param action receives each variant
   * @throws dev.stockbridge.StockbridgeException if the catalogue cannot be read
   */
  void variants(Consumer<CatalogueItem> action);
}
