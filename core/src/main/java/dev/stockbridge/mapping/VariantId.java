package dev.stockbridge.mapping;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;

/**
 * An Inventory Planner variant id, such as {@code "12345"} or {@code "a3060_1234"}. Opaque:
 * compared as text, never parsed.
 *
 * @param value the id
 */
public record VariantId(String value) {

  /**
   * Validates the id.
   *
   * @throws InvalidValueException if the value is null, blank, padded or longer than 256 characters
   */
  public VariantId {
    value = Checks.token("planner_variant_id", value, 256);
  }

  /**
   * Creates a variant id.
   *
   * @param value the id
   * @return the variant id
   * @throws InvalidValueException if the value is null, blank, padded or longer than 256 characters
   */
  public static VariantId of(String value) {
    return new VariantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
