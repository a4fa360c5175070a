package dev.stockbridge.testkit;

import dev.stockbridge.StockKey;
import dev.stockbridge.storefront.InMemoryStorefront;
import dev.stockbridge.spi.StorefrontStock;

class InMemoryStorefrontTest extends StorefrontStockContract {

  private final InMemoryStorefront storefront = new InMemoryStorefront();

  @Override
  protected StorefrontStock storefront() {
    return storefront;
  }

  @Override
  protected void createEntry(StockKey key, long quantity) {
    storefront.create(key, quantity);
  }

  @Override
  protected void sellOnPlatform(StockKey key, long quantity) {
    storefront.sell(key, quantity);
  }
}
