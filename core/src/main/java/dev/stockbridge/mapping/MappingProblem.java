package dev.stockbridge.mapping;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;

/**
 * One thing wrong with a mapping, located where it was found.
 *
 * @param kind what is wrong
 * @param source where the entry came from: the file name or path, {@code "code"} for builder calls,
 *     {@code "storefront"} for a storefront SKU the mapping lacks
 * @param line the 1-based physical line in the file (for JSON, where the parser found the value);
 *     for builder calls, the 1-based position of the call; {@link #NO_LINE} when there is none
 * @param field the column or field, e.g. {@code "planner_variant_id"}; empty for the whole source
 * @param value the offending value as text; empty when there is none
 * @param message a sentence naming the line, the value and, for duplicates, the line seen first
 */
public record MappingProblem(
    Kind kind, String source, int line, String field, String value, String message) {

  /** The line of a problem that has none. */
  public static final int NO_LINE = 0;

  /** What is wrong. */
  public enum Kind {
    /** One SKU mapped twice. */
    DUPLICATE_SKU,
    /** One planner variant mapped from two SKUs. */
    DUPLICATE_VARIANT,
    /** One supply channel mapped twice. */
    DUPLICATE_CHANNEL,
    /** One location mapped to two planner warehouses. */
    DUPLICATE_LOCATION,
    /** One planner warehouse mapped from two locations. */
    DUPLICATE_WAREHOUSE,
    /** One store or distribution channel given two order defaults. */
    DUPLICATE_DEFAULT,
    /** A required value is empty, whitespace or missing. */
    BLANK_VALUE,
    /** A value is present but not acceptable, e.g. padded with spaces. */
    INVALID_VALUE,
    /**
     * An entry with nothing at the other end: a supply channel whose location has no planner
     * warehouse, a warehouse whose location no channel uses, an order default whose location has
     * no planner warehouse, or a mapped SKU or variant missing from its catalogue.
     */
    ORPHAN,
    /** A storefront SKU with no mapping. */
    UNMAPPED,
    /** The file is not valid CSV or JSON, or not of the expected shape. */
    MALFORMED,
    /** The file could not be read. */
    UNREADABLE
  }

  /**
   * Validates the problem.
   *
   * @throws InvalidValueException if a part is null or the line is negative
   */
  public MappingProblem {
    Checks.notNull("kind", kind);
    Checks.notNull("source", source);
    Checks.notNull("field", field);
    Checks.notNull("value", value);
    Checks.notNull("message", message);
    if (line < NO_LINE) {
      throw new InvalidValueException("line", line, "must not be negative");
    }
  }

  @Override
  public String toString() {
    return source + ": " + message + " [" + kind + "]";
  }
}
