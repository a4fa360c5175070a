package dev.stockbridge.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockbridge.InvalidValueException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads Inventory Planner's REST API for one account: variants with their per-warehouse planning
 * figures, warehouses, purchase orders and vendors. Listings are lazy streams fetched a page at a
 * time, so a large catalogue is never held in memory. Every request passes the account's throttle
 * (one client per account, shared by every caller). Thread-safe.
 *
 * <pre>{@code
 * PlannerClient planner = PlannerClient.create(PlannerConfig.builder(apiKey, "a3060").build());
 * try (Stream<PurchaseOrder> orders = planner.purchaseOrders(Query.all())) {
 *   orders.filter(PurchaseOrder::open).forEach(...);
 * }
 * }</pre>
 */
public final class PlannerClient {

  private static final String API = "/api/v1/";

  private final Transport transport;
  private final int pageSize;

  private PlannerClient(PlannerConfig config) {
    this.transport =
        new Transport(
            config.baseUri(),
            config.apiKey(),
            config.accountId(),
            config.userAgent(),
            config.connectTimeout(),
            config.requestTimeout(),
            new Throttle(config.requestsPerSecond(), config.ticker()),
            config.maxRetries(),
            config.initialBackoff(),
            config.maxBackoff());
    this.pageSize = config.pageSize();
  }

  /**
   * Creates a client.
   *
   * @param config the account and settings
   * @return the client
   */
  public static PlannerClient create(PlannerConfig config) {
    return new PlannerClient(Objects.requireNonNull(config, "config"));
  }

  /**
   * Lists variants with their per-warehouse blocks, lazily.
   *
   * @param query fields, filters and sort; select nested values as {@code warehouse.lead_time}
   * @return the variants, fetched page by page as the stream is consumed
   * @throws PlannerApiException from the stream, if the API answers with an error
   * @throws PlannerException from the stream, if a page cannot be read
   */
  public Stream<PlannerVariant> variants(Query query) {
    return list("variants", Wire.VARIANTS, query).map(Wire::variant);
  }

  /**
   * Finds the variants whose SKU equals the given one exactly. The API's case-insensitive {@code
   * sku_eqi} filter has also returned partial matches ({@code ABC} finding {@code ABCK}), so every
   * answer is checked again here, case and all.
   *
   * @param sku the SKU
   * @return the variants with exactly this SKU, usually one; several when connections share it
   * @throws InvalidValueException if the SKU is blank
   * @throws PlannerException if the API cannot be read
   */
  public List<PlannerVariant> variantsWithSku(String sku) {
    if (sku == null || sku.isBlank()) {
      throw new InvalidValueException("sku", sku, "must not be blank");
    }
    try (Stream<PlannerVariant> found = variants(Query.all().filter("sku", Query.Op.EQI, sku))) {
      return found.filter(variant -> variant.sku().equals(sku)).toList();
    }
  }

  /**
   * Lists the warehouses.
   *
   * @return the warehouses
   * @throws PlannerException if the API cannot be read
   */
  public List<PlannerWarehouse> warehouses() {
    try (Stream<JsonNode> rows = list("warehouses", Wire.WAREHOUSES, Query.all())) {
      return rows.map(Wire::warehouse).toList();
    }
  }

  /**
   * Lists purchase orders (and transfers, assemblies) with their items, lazily.
   *
   * @param query filters and sort, e.g. {@code Query.all().sortBy("last_modified", false)}
   * @return the orders, fetched page by page as the stream is consumed
   * @throws PlannerException from the stream, if a page cannot be read
   */
  public Stream<PurchaseOrder> purchaseOrders(Query query) {
    return list("purchase-orders", Wire.PURCHASE_ORDERS, query).map(Wire::purchaseOrder);
  }

  /**
   * Reads one purchase order with its items.
   *
   * @param id the order id
   * @return the order
   * @throws PlannerApiException if the API answers with an error, e.g. 404
   * @throws PlannerException if the answer cannot be read
   */
  public PurchaseOrder purchaseOrder(String id) {
    String path = API + "purchase-orders/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    JsonNode order = transport.send("GET", path, null).path(Wire.PURCHASE_ORDER);
    if (!order.isObject()) {
      throw new PlannerException("GET " + path, "answer has no \"" + Wire.PURCHASE_ORDER + "\" object", null);
    }
    return Wire.purchaseOrder(order);
  }

  /**
   * Lists vendors, lazily.
   *
   * @param query fields, filters and sort
   * @return the vendors, fetched page by page as the stream is consumed
   * @throws PlannerException from the stream, if a page cannot be read
   */
  public Stream<Vendor> vendors(Query query) {
    return list("vendors", Wire.VENDORS, query).map(Wire::vendor);
  }

  /**
   * Subscribes an address to {@code purchase-orders/connection-save}. Not retried on 5xx or
   * timeouts (a retry could subscribe twice). The address carries the receiver's secret, so it is
   * sent in the body only and never logged.
   *
   * @param address the receiver's public URL, secret included
   * @param fields the purchase order fields to deliver, e.g. {@code id, status, items}
   * @throws PlannerApiException if the API refuses the subscription
   * @throws PlannerException if the request cannot be sent
   */
  public void subscribePurchaseOrderSaves(URI address, List<String> fields) {
    JsonNode body = Wire.webhookSubscription(transport.json(), Objects.requireNonNull(address, "address"), fields);
    transport.send("POST", API + "webhooks", body);
  }

  private Stream<JsonNode> list(String resource, String listKey, Query query) {
    return Pages.stream(transport, API + resource, listKey, Objects.requireNonNull(query, "query"), pageSize);
  }
}
