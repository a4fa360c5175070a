package dev.stockbridge.order;

import dev.stockbridge.Channel;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of an order, as the engine needs it.
 *
 * @param lineId the line item id, stable for the life of the order
 * @param sku the SKU sold, possibly a bundle
 * @param quantity units sold, positive
 * @param location the stock pool the line draws on (its supply channel, mapped)
 * @param channel the sales channel (distribution channel or store), if known
 * @param mode how the storefront treats the line's stock
 */
public record OrderLine(
    String lineId, Sku sku, long quantity, Location location, Optional<Channel> channel, InventoryMode mode) {

  /**
   * Validates the line.
   *
   * @throws InvalidValueException if a field is missing or the quantity is not positive
   */
  public OrderLine {
    if (lineId == null || lineId.isBlank()) {
      throw new InvalidValueException("lineId", lineId, "must not be blank");
    }
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(mode, "mode");
    if (quantity <= 0) {
      throw new InvalidValueException("quantity", quantity, "must be positive (line " + lineId + ", sku " + sku + ")");
    }
  }

  /**
   * A line the storefront does not decrement itself, without a sales channel.
   *
   * @param lineId the line item id
   * @param sku the SKU
   * @param quantity units sold
   * @param location the stock pool
   * @return the line
   */
  public static OrderLine of(String lineId, Sku sku, long quantity, Location location) {
    return new OrderLine(lineId, sku, quantity, location, Optional.empty(), InventoryMode.NONE);
  }
}
