package dev.stockbridge.mapping;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;

/**
 * An Inventory Planner warehouse id. Opaque: compared as text, never parsed.
 *
 * @param value the id
 */
public record WarehouseId(String value) {

  /**
   * Validates the id.
   *
   * @throws InvalidValueException if the value is null, blank, padded or longer than 256 characters
   */
  public WarehouseId {
    value = Checks.token("planner_warehouse", value, 256);
  }

  /**
   * Creates a warehouse id.
   *
   * @param value the id
   * @return the warehouse id
   * @throws InvalidValueException if the value is null, blank, padded or longer than 256 characters
   */
  public static WarehouseId of(String value) {
    return new WarehouseId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
