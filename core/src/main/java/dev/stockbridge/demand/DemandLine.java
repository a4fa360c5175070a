package dev.stockbridge.demand;

import dev.stockbridge.Channel;
import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One line of demand with everything a planner forecasts from: what sold (the SKU as sold, a
 * bundle stays a bundle here), where it was fulfilled from, through which channel and store, to
 * which country, at what price and under which promotions. Demand lines are kept in full on our
 * side (the demand store) so that planner feeds can be regenerated without re-reading the
 * storefront. Quantities are positive; the kind says whether units were sold, cancelled or
 * returned.
 *
 * @param id deterministic id of this row, unique across kinds, e.g. {@code order/o-1/l-2}
 * @param kind sale, cancellation or return
 * @param orderId the storefront's order id
 * @param orderNumber the human order number, if any
 * @param lineId the line item id
 * @param sku the SKU as sold
 * @param quantity units, positive
 * @param unitPrice the undiscounted unit price
 * @param discount the total discount on the line (promotion value), zero if none
 * @param currency the ISO 4217 currency code
 * @param promotions discount codes and cart discounts applied, empty if none
 * @param location the stock pool the line was fulfilled from
 * @param salesChannel the sales (distribution) channel, if known
 * @param store the store key, if any
 * @param country the shipping country (ISO 3166-1 alpha-2), if known
 * @param customer a customer reference (id or group, never personal data), if any
 * @param createdAt when the order (or return, or cancellation) happened
 * @param updatedAt when this row last changed
 * @param attributes chosen custom fields, by name
 */
public record DemandLine(
    String id,
    DemandKind kind,
    String orderId,
    Optional<String> orderNumber,
    String lineId,
    Sku sku,
    long quantity,
    BigDecimal unitPrice,
    BigDecimal discount,
    String currency,
    List<String> promotions,
    Location location,
    Optional<Channel> salesChannel,
    Optional<String> store,
    Optional<String> country,
    Optional<String> customer,
    Instant createdAt,
    Instant updatedAt,
    Map<String, String> attributes) {

  /**
   * Validates and copies.
   *
   * @throws InvalidValueException if a required field is missing, the quantity is not positive, a
   *     price is negative or the currency is not three letters
   */
  public DemandLine {
    Checks.token("id", id, 1024);
    Checks.notNull("kind", kind);
    Checks.token("orderId", orderId, 256);
    Checks.notNull("orderNumber", orderNumber);
    Checks.token("lineId", lineId, 256);
    Checks.notNull("sku", sku);
    if (quantity <= 0) {
      throw new InvalidValueException("quantity", quantity, "must be positive (demand " + id + ")");
    }
    Checks.quantity("quantity", quantity);
    if (Checks.notNull("unitPrice", unitPrice).signum() < 0) {
      throw new InvalidValueException("unitPrice", unitPrice, "must not be negative (demand " + id + ")");
    }
    if (Checks.notNull("discount", discount).signum() < 0) {
      throw new InvalidValueException("discount", discount, "must not be negative (demand " + id + ")");
    }
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new InvalidValueException("currency", currency, "must be an ISO 4217 code such as EUR (demand " + id + ")");
    }
    promotions = List.copyOf(Checks.notNull("promotions", promotions));
    Checks.notNull("location", location);
    Checks.notNull("salesChannel", salesChannel);
    Checks.notNull("store", store);
    Checks.notNull("country", country);
    Checks.notNull("customer", customer);
    Checks.notNull("createdAt", createdAt);
    Checks.notNull("updatedAt", updatedAt);
    attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(Checks.notNull("attributes", attributes)));
  }

  /**
   * The signed quantity as a planner counts it: sales positive, cancellations and returns
   * negative.
   *
   * @return the signed quantity
   */
  public long signedQuantity() {
    return kind == DemandKind.SALE ? quantity : -quantity;
  }
}
