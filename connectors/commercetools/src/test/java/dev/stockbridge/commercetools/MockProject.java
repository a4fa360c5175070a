package dev.stockbridge.commercetools;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.client.error.ConcurrentModificationException;
import com.commercetools.api.models.channel.ChannelDraft;
import com.commercetools.api.models.channel.ChannelRoleEnum;
import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.inventory.InventoryEntry;
import com.commercetools.api.models.inventory.InventoryEntryDraft;
import com.commercetools.api.models.inventory.InventoryEntryRemoveQuantityAction;
import com.commercetools.api.models.inventory.InventoryEntryUpdate;
import com.commercetools.api.models.order.Order;
import com.commercetools.api.models.order.OrderImportDraft;
import com.commercetools.api.models.order.OrderUpdate;
import com.commercetools.api.models.product.Product;
import com.commercetools.api.models.product.ProductDraft;
import com.commercetools.api.models.product_type.ProductTypeDraft;
import dev.stockbridge.StockKey;
import io.vrap.rmf.base.client.utils.json.JsonUtils;
import java.util.List;
import java.util.concurrent.CompletionException;

/** The platform side of the tests: what a merchant or the storefront itself does, through the API. */
final class MockProject {

  private final CommercetoolsConnector connector;
  private final ProjectApiRoot api;

  MockProject(CommercetoolsConnector connector) {
    this.connector = connector;
    this.api = connector.api();
  }

  /** Creates supply channels that do not exist yet. */
  synchronized void ensureChannels(String... keys) {
    for (String key : keys) {
      boolean exists = !api.channels().get().withWhere("key = :key").withPredicateVar("key", key).executeBlocking().getBody().getResults().isEmpty();
      if (!exists) {
        api.channels().post(ChannelDraft.builder().key(key).roles(ChannelRoleEnum.INVENTORY_SUPPLY).build()).executeBlocking();
      }
    }
  }

  /** Creates an entry with the channel of the key's location (same keys). */
  InventoryEntry createEntry(StockKey key, long quantity) {
    String channelId = connector.channels().id(key.location().key());
    return api.inventory()
        .post(
            InventoryEntryDraft.builder()
                .sku(key.sku().value())
                .supplyChannel(ChannelResourceIdentifier.builder().id(channelId).build())
                .quantityOnStock(quantity)
                .build())
        .executeBlocking()
        .getBody();
  }

  /** The platform's own decrement (a TrackOnly order): removeQuantity on the current version, retried on 409. */
  void sell(StockKey key, long quantity) {
    String channelId = connector.channels().id(key.location().key());
    while (true) {
      InventoryEntry entry = entry(key.sku().value(), channelId);
      try {
        api.inventory()
            .withId(entry.getId())
            .post(InventoryEntryUpdate.builder().version(entry.getVersion()).actions(InventoryEntryRemoveQuantityAction.builder().quantity(quantity).build()).build())
            .execute()
            .join();
        return;
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof ConcurrentModificationException)) {
          throw e;
        }
      }
    }
  }

  /** Creates one published product per SKU (a product type is created on first use). */
  List<Product> createProducts(List<String> skus) {
    String typeId = productType();
    List<Product> created = new java.util.ArrayList<>();
    for (String sku : skus) {
      String json =
          "{\"productType\":{\"typeId\":\"product-type\",\"id\":\"" + typeId + "\"},"
              + "\"name\":{\"en\":\"" + sku + "\"},\"slug\":{\"en\":\"" + sku.toLowerCase(java.util.Locale.ROOT) + "\"},"
              + "\"masterVariant\":{\"sku\":\"" + sku + "\"},\"publish\":true}";
      created.add(api.products().post(JsonUtils.fromJsonString(json, ProductDraft.class)).executeBlocking().getBody());
    }
    return created;
  }

  /** Creates one published product from the JSON of its name and of its variants, the first being the master. */
  Product createProduct(String nameJson, String... variantsJson) {
    String json =
        "{\"productType\":{\"typeId\":\"product-type\",\"id\":\"" + productType() + "\"},"
            + "\"name\":" + nameJson + ",\"slug\":{\"en\":\"p-" + java.util.UUID.randomUUID() + "\"},"
            + "\"masterVariant\":" + variantsJson[0] + ","
            + "\"variants\":[" + String.join(",", List.of(variantsJson).subList(1, variantsJson.length)) + "],\"publish\":true}";
    return api.products().post(JsonUtils.fromJsonString(json, ProductDraft.class)).executeBlocking().getBody();
  }

  private synchronized String productType() {
    var found = api.productTypes().get().withWhere("key = :key").withPredicateVar("key", "stockbridge-test").executeBlocking().getBody().getResults();
    if (!found.isEmpty()) {
      return found.get(0).getId();
    }
    return api.productTypes()
        .post(JsonUtils.fromJsonString("{\"key\":\"stockbridge-test\",\"name\":\"test\",\"description\":\"test\"}", ProductTypeDraft.class))
        .executeBlocking()
        .getBody()
        .getId();
  }

  /** Imports an order (the launcher keeps supply and distribution channels and inventory modes). */
  Order importOrder(String json) {
    return api.orders().importOrder().post(JsonUtils.fromJsonString(json, OrderImportDraft.class)).executeBlocking().getBody();
  }

  /** Applies order update actions given as JSON, on the order's current version. */
  Order updateOrder(String orderId, String actionsJson) {
    Order order = api.orders().withId(orderId).get().executeBlocking().getBody();
    String update = "{\"version\":" + order.getVersion() + ",\"actions\":" + actionsJson + "}";
    return api.orders().withId(orderId).post(JsonUtils.fromJsonString(update, OrderUpdate.class)).executeBlocking().getBody();
  }

  InventoryEntry entry(String sku, String channelId) {
    List<InventoryEntry> found =
        api.inventory().get()
            .withWhere("sku = :sku and supplyChannel(id = :channel)")
            .withPredicateVar("sku", sku)
            .withPredicateVar("channel", channelId)
            .executeBlocking()
            .getBody()
            .getResults();
    if (found.size() != 1) {
      throw new IllegalStateException(found.size() + " entries for " + sku);
    }
    return found.get(0);
  }
}
