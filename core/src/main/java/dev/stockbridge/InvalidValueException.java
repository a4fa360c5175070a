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
    super(field + " " + reason + " (was " + shown(value) + ")");
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

  /** How many characters of a value a message shows before it cuts the rest. */
  private static final int SHOWN = 60;

  /**
   * A value as a message shows it: text in quotes, and anything longer than {@value #SHOWN}
   * characters cut with an ellipsis and its full length, so that a 10,000-character value never
   * floods a log line or a terminal.
   *
   * @param value the value, may be null
   * @return the text to put in a message
   */
  public static String shown(Object value) {
    String text = String.valueOf(value);
    if (text.length() > SHOWN) {
      text = text.substring(0, Character.isHighSurrogate(text.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN) + "… (" + text.length() + " characters)";
    }
    return value instanceof CharSequence ? "\"" + text + "\"" : text;
  }
}
