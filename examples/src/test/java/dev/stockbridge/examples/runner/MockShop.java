package dev.stockbridge.examples.runner;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.channel.ChannelDraft;
import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.channel.ChannelRoleEnum;
import com.commercetools.api.models.inventory.InventoryEntry;
import com.commercetools.api.models.inventory.InventoryEntryDraft;
import com.commercetools.api.models.order.OrderImportDraft;
import com.commercetools.api.models.product.ProductDraft;
import com.commercetools.api.models.product_type.ProductTypeDraft;
import com.commercetools.api.models.store.StoreDraft;
import io.vrap.rmf.base.client.utils.json.JsonUtils;
import java.time.Instant;
import java.util.UUID;

/** What a merchant does in the commercetools mock for a runner test: one SKU at one supply channel. */
record MockShop(ProjectApiRoot api, String sku, String channel) {

  /** Creates the product, the channel and an entry of the SKU at it; returns the channel's id. */
  String productWithStock(long quantity) {
    product(productType(), "Mug", "{\"sku\":\"" + sku + "\"}");
    return entry(sku, quantity);
  }

  String productType() {
    return api.productTypes().post(JsonUtils.fromJsonString("{\"key\":\"rt-" + UUID.randomUUID() + "\",\"name\":\"rt\",\"description\":\"rt\"}", ProductTypeDraft.class))
        .executeBlocking().getBody().getId();
  }

  /** Creates a published product; returns its creation time. */
  Instant product(String typeId, String name, String masterVariantJson) {
    return api.products().post(JsonUtils.fromJsonString("{\"productType\":{\"typeId\":\"product-type\",\"id\":\"" + typeId + "\"},\"name\":{\"en\":\"" + name + "\"},"
        + "\"slug\":{\"en\":\"rt-" + UUID.randomUUID() + "\"},\"masterVariant\":" + masterVariantJson + ",\"publish\":true}", ProductDraft.class)).executeBlocking().getBody().getCreatedAt().toInstant();
  }

  /** Creates the channel and an entry at it; returns the channel's id. */
  String entry(String entrySku, long quantity) {
    String channelId = api.channels().post(ChannelDraft.builder().key(channel).roles(ChannelRoleEnum.INVENTORY_SUPPLY).build()).executeBlocking().getBody().getId();
    api.inventory().post(InventoryEntryDraft.builder().sku(entrySku).supplyChannel(ChannelResourceIdentifier.builder().id(channelId).build()).quantityOnStock(quantity).build()).executeBlocking();
    return channelId;
  }

  /** Imports an order of the SKU; with a null channel id the line has no supply channel. */
  String order(String channelId, long quantity) {
    return order(channelId, quantity, null);
  }

  /** Creates a store; returns its key. */
  String store(String key) {
    api.stores().post(JsonUtils.fromJsonString("{\"key\":\"" + key + "\",\"name\":{\"en\":\"" + key + "\"}}", StoreDraft.class)).executeBlocking();
    return key;
  }

  /** Imports an order of the SKU, in a store unless null; with a null channel id the line has no supply channel. */
  String order(String channelId, long quantity, String storeKey) {
    String supply = channelId == null ? "" : "\"supplyChannel\":{\"typeId\":\"channel\",\"id\":\"" + channelId + "\"},";
    String store = storeKey == null ? "" : "\"store\":{\"typeId\":\"store\",\"key\":\"" + storeKey + "\"},";
    return api.orders().importOrder().post(JsonUtils.fromJsonString(
        "{\"orderNumber\":\"RT-" + UUID.randomUUID() + "\",\"country\":\"GB\",\"inventoryMode\":\"None\"," + store
            + "\"totalPrice\":{\"currencyCode\":\"GBP\",\"centAmount\":" + 1250 * quantity + "},"
            + "\"lineItems\":[{\"name\":{\"en\":\"Mug\"},\"variant\":{\"sku\":\"" + sku + "\"},\"quantity\":" + quantity + ","
            + "\"price\":{\"value\":{\"currencyCode\":\"GBP\",\"centAmount\":1250}}," + supply + "\"inventoryMode\":\"None\"}]}",
        OrderImportDraft.class)).executeBlocking().getBody().getId();
  }

  /** The SKU's entry at a channel, or the one without a channel for null. */
  InventoryEntry entryAt(String channelId) {
    String where = channelId == null ? "sku = :sku and supplyChannel is not defined" : "sku = :sku and supplyChannel(id = \"" + channelId + "\")";
    return api.inventory().get().withWhere(where).withPredicateVar("sku", sku).executeBlocking().getBody().getResults().get(0);
  }
}
