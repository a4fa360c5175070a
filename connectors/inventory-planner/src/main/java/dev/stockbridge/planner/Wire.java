package dev.stockbridge.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Inventory Planner's JSON, read into the connector's records. Every name and shape the reference
 * marks <b>unverified</b> is a constant or method in the "unverified" section below, so a
 * correction is a one-line change here.
 */
final class Wire {

  // --- verified: entity wrappers and list keys ------------------------------------------------
  /** List key and single-record key of variants. */
  public static final String VARIANTS = "variants";
  /** List key of purchase orders. */
  public static final String PURCHASE_ORDERS = "purchase-orders";
  /** Single-record key of a purchase order, also the webhook payload's wrapper (unverified there). */
  public static final String PURCHASE_ORDER = "purchase-order";
  /** List key of vendors. */
  public static final String VENDORS = "vendors";

  // --- unverified --------------------------------------------------------------------------------
  /** List key of {@code GET /api/v1/warehouses}. Unverified. */
  public static final String WAREHOUSES = "warehouses";
  /** A warehouse's id field: the examples carry it as {@code name}. Unverified. */
  static final String WAREHOUSE_ID = "name";
  /** A vendor's display name. Unverified. */
  static final String VENDOR_NAME = "name";
  /** A purchase order item's cumulative received quantity. Unverified. */
  static final String ITEM_RECEIVED = "received";
  /** The webhook topic that fires when a purchase order is saved. */
  public static final String WEBHOOK_TOPIC = "purchase-orders/connection-save";

  private Wire() {}

  /**
   * The body that subscribes an address to {@value #WEBHOOK_TOPIC}: {@code {"webhook": {"address",
   * "fields", "topic"}}}. The wrapper and the comma-separated fields follow the API's other
   * resources. Unverified.
   *
   * @param json the mapper
   * @param address the receiver's URL
   * @param fields the fields to deliver
   * @return the body
   */
  public static JsonNode webhookSubscription(ObjectMapper json, URI address, List<String> fields) {
    ObjectNode webhook = json.createObjectNode();
    webhook.put("address", address.toString());
    webhook.put("fields", String.join(",", fields));
    webhook.put("topic", WEBHOOK_TOPIC);
    ObjectNode body = json.createObjectNode();
    body.set("webhook", webhook);
    return body;
  }

  /**
   * Reads a variant.
   *
   * @param node the variant object
   * @return the variant
   */
  public static PlannerVariant variant(JsonNode node) {
    List<WarehouseStock> blocks = new ArrayList<>();
    for (JsonNode block : node.path("warehouse")) {
      if (block.hasNonNull("warehouse")) {
        blocks.add(warehouseStock(block));
      }
    }
    return new PlannerVariant(
        VariantId.of(node.path("id").asText()),
        node.path("sku").asText(""),
        node.path("title").asText(""),
        node.path("removed").asBoolean(false),
        blocks,
        node.hasNonNull("cost_price") && node.get("cost_price").isNumber()
            ? Optional.of(node.get("cost_price").decimalValue())
            : Optional.empty());
  }

  private static WarehouseStock warehouseStock(JsonNode block) {
    return new WarehouseStock(
        WarehouseId.of(block.path("warehouse").asText()),
        units(block, "in_stock"),
        units(block, "purchase_orders_qty"),
        units(block, "replenishment"),
        units(block, "to_order"),
        units(block, "minimum_stock"),
        days(block, "lead_time"),
        days(block, "review_period"),
        days(block, "oos"),
        decimal(block.path("forecast_description"), "sales_velocity1"),
        date(block.get("replenish_date")));
  }

  /**
   * Reads a warehouse from the warehouses list (shape unverified).
   *
   * @param node the warehouse object
   * @return the warehouse
   */
  public static PlannerWarehouse warehouse(JsonNode node) {
    String id = node.hasNonNull(WAREHOUSE_ID) ? node.get(WAREHOUSE_ID).asText() : node.path("id").asText();
    return new PlannerWarehouse(
        WarehouseId.of(id), node.path("display_name").asText(id), node.path("disabled").asBoolean(false));
  }

  /**
   * Reads a vendor.
   *
   * @param node the vendor object
   * @return the vendor
   */
  public static Vendor vendor(JsonNode node) {
    String id = node.path("id").asText();
    return new Vendor(id, node.path(VENDOR_NAME).asText(id));
  }

  /**
   * Reads a purchase order with its items.
   *
   * @param node the purchase order object
   * @return the purchase order
   */
  public static PurchaseOrder purchaseOrder(JsonNode node) {
    List<PurchaseOrderItem> items = new ArrayList<>();
    for (JsonNode item : node.path("items")) {
      items.add(item(item));
    }
    return new PurchaseOrder(
        node.path("id").asText(),
        node.path("reference").asText(""),
        node.path("status").asText(""),
        node.path("type").asText(""),
        WarehouseId.of(node.path("warehouse").asText()),
        date(node.get("expected_date")),
        timestamp(node.get("last_modified")),
        items);
  }

  /**
   * Reads a purchase order item. The received quantity is taken from {@value #ITEM_RECEIVED}
   * (unverified), else the sum of {@code received_history}, else ordered minus remaining.
   *
   * @param node the item object
   * @return the item
   */
  public static PurchaseOrderItem item(JsonNode node) {
    long ordered = Math.max(0, units(node, "replenishment").orElse(0));
    long remaining = Math.max(0, units(node, "remaining").orElse(ordered));
    long received;
    if (node.hasNonNull(ITEM_RECEIVED)) {
      received = units(node, ITEM_RECEIVED).orElse(0);
    } else if (node.path("received_history").isArray()) {
      received = 0;
      for (JsonNode entry : node.get("received_history")) {
        received += Math.round(entry.path("value").asDouble());
      }
    } else {
      received = ordered - remaining;
    }
    return new PurchaseOrderItem(
        VariantId.of(node.path("id").asText()), node.path("sku").asText(""), ordered, remaining, Math.max(0, received));
  }

  /**
   * Reads a date: {@code YYYY-MM-DD} as read dates come, the date part of an ISO-8601 timestamp, or
   * a Unix timestamp in seconds (an older note says {@code expected_date} was written as one;
   * unverified).
   *
   * @param node the value, or null
   * @return the date, empty when absent, blank or unreadable
   */
  public static Optional<LocalDate> date(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isNumber()) {
      return Optional.of(LocalDate.ofInstant(Instant.ofEpochSecond(node.asLong()), ZoneOffset.UTC));
    }
    String text = node.asText().strip();
    try {
      return text.length() < 10 ? Optional.empty() : Optional.of(LocalDate.parse(text.substring(0, 10)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<OffsetDateTime> timestamp(JsonNode node) {
    if (node == null || node.isNull() || node.asText().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(node.asText().strip()));
    } catch (DateTimeParseException e) {
      return date(node).map(day -> day.atStartOfDay().atOffset(ZoneOffset.UTC));
    }
  }

  private static OptionalLong units(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !(node.isNumber() || node.isTextual() && !node.asText().isBlank())) {
      return OptionalLong.empty();
    }
    double value = node.asDouble(Double.NaN);
    return Double.isNaN(value) ? OptionalLong.empty() : OptionalLong.of(Math.round(value));
  }

  private static OptionalInt days(JsonNode parent, String field) {
    OptionalLong value = units(parent, field);
    return value.isPresent() ? OptionalInt.of((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value.getAsLong()))) : OptionalInt.empty();
  }

  private static OptionalDouble decimal(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    return node == null || !node.isNumber() ? OptionalDouble.empty() : OptionalDouble.of(node.asDouble());
  }
}
