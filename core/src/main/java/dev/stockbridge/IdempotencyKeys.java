package dev.stockbridge;

/**
 * Derives idempotency keys from the causes of movements. The same cause always yields the same
 * key, so an order line delivered twice (incremental reads overlap; subscriptions deliver at least
 * once) is applied once.
 */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  /**
   * The key of an order line's decrement: {@code order/<orderId>/<lineId>}.
   *
   * @param orderId the order id
   * @param lineId the line item id
   * @return the key
   * @throws InvalidValueException if either id is blank
   */
  public static String orderLine(String orderId, String lineId) {
    return "order/" + Checks.token("orderId", orderId, 256) + "/" + Checks.token("lineId", lineId, 256);
  }

  /**
   * The key of one bundle component's decrement: {@code order/<orderId>/<lineId>/<componentSku>}.
   *
   * @param orderId the order id
   * @param lineId the line item id
   * @param component the component SKU
   * @return the key
   * @throws InvalidValueException if an id is blank or the component is null
   */
  public static String orderLineComponent(String orderId, String lineId, Sku component) {
    return orderLine(orderId, lineId) + "/" + Checks.notNull("component", component).value();
  }

  /**
   * The key of any other cause: {@code <kind>/<causeId>}, e.g. {@code receipt/PO-17/line-3}.
   *
   * @param kind the movement kind
   * @param causeId the cause's id, unique within the kind
   * @return the key
   * @throws InvalidValueException if the id is blank
   */
  public static String of(MovementKind kind, String causeId) {
    return Checks.notNull("kind", kind).name().toLowerCase(java.util.Locale.ROOT)
        + "/"
        + Checks.token("causeId", causeId, 512);
  }
}
