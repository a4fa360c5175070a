package dev.stockbridge.commercetools;

import dev.stockbridge.testkit.CommercetoolsMockExtension;
import dev.stockbridge.testkit.CommercetoolsMock;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.testkit.StorefrontStockContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The storefront contract, against the commercetools mock on loopback. */
@ExtendWith(CommercetoolsMockExtension.class)
class CommercetoolsStorefrontContractTest extends StorefrontStockContract {

  private static CommercetoolsConnector connector;
  private static MockProject project;
  private static StorefrontStock storefront;

  @BeforeAll
  static void connect(CommercetoolsMock mock) {
    connector = CommercetoolsConnector.connect(MockConfig.of(mock).build());
    project = new MockProject(connector);
    project.ensureChannels("dc-0", "dc-1", "dc-2");
    storefront = connector.storefrontStock(LocationChannels.sameKeys());
  }

  @AfterAll
  static void close() {
    connector.close();
  }

  @Override
  protected StorefrontStock storefront() {
    return storefront;
  }

  @Override
  protected void createEntry(StockKey key, long quantity) {
    project.createEntry(key, quantity);
  }

  @Override
  protected void sellOnPlatform(StockKey key, long quantity) {
    project.sell(key, quantity);
  }
}
