package dev.stockbridge;

/**
 * A value handed to Stockbridge is invalid: a blank SKU, an impossible negative quantity, a
 * quantity that would overflow. Names the field and the rejected value.
 */
public final class InvalidValueException extends StockbridgeException {

  private final String field;
  private final String value;

  /**
   * Creates the exception.
   *
   * @param field the field that was rejected, e.g. {@code "sku"}
   * @param value the rejected value as text ({@code "null"} for null)
   * @param reason why it was rejected, e.g. {@code "must not be blank"}
   */
  public InvalidValueException(String field, Object value, String reason) {
    super(field + " " + reason + " (was " + quoted(value) + ")");
    this.field = field;
    this.value = String.valueOf(value);
  }

  /** The field that was rejected. @return the field name */
  public String field() {
    return field;
  }

  /** The rejected value as text. @return the value, {@code "null"} for null */
  public String value() {
    return value;
  }

  private static String quoted(Object value) {
    return value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
  }
}
