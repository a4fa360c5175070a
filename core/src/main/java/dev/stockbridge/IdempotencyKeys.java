package dev.stockbridge;

import java.util.Locale;

/**
 * Derives idempotency keys from the causes of movements. The same cause always yields the same
 * key, so an order line delivered twice (incremental reads overlap; subscriptions deliver at least
 * once) is applied once.
 *
 * <p><b>Unambiguous.</b> Parts are joined with {@code /} and each part is escaped first: {@code %}
 * becomes {@code %25}, {@code /} becomes {@code %2F} and {@code @} (which separates a shared pool's
 * copies, see {@link SharedPools}) becomes {@code %40}. So order {@code a/b} line {@code c} and order
 * {@code a} line {@code b/c} have different keys, and a bundle line's component key never equals a
 * plain line's key. Ids without those three characters keep the key they always had, so journals
 * written before the escaping read the same; {@link #legacy(String)} gives the key an id with them
 * had then, which the engine consults (with the movement's content) so that a re-delivery after an
 * upgrade is still recognised.
 */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  /**
   * The key of an order line's decrement: {@code order/<orderId>/<lineId>}, parts escaped.
   *
   * @param orderId the order id
   * @param lineId the line item id
   * @return the key
   * @throws InvalidValueException if either id is blank or not valid UTF-16
   */
  public static String orderLine(String orderId, String lineId) {
    return "order/" + part(Checks.token("orderId", orderId, 256)) + "/" + part(Checks.token("lineId", lineId, 256));
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
    return component(orderLine(orderId, lineId), component);
  }

  /**
   * The key of a bundle component's share of a movement: the movement's key, {@code /}, the
   * component SKU escaped.
   *
   * @param key the bundle movement's key
   * @param component the component SKU
   * @return the key
   * @throws InvalidValueException if an argument is null
   */
  public static String component(String key, Sku component) {
    return Checks.notNull("key", key) + "/" + part(Checks.notNull("component", component).value());
  }

  /**
   * The key of any other cause: {@code <kind>/<causeId>}, e.g. {@code receipt/PO-17/line-3}. The
   * cause id is taken as it is (it must be unique within the kind as written); to join several ids,
   * use {@link #of(MovementKind, String, String...)}, which escapes them.
   *
   * @param kind the movement kind
   * @param causeId the cause's id, unique within the kind
   * @return the key
   * @throws InvalidValueException if the id is blank
   */
  public static String of(MovementKind kind, String causeId) {
    return Checks.notNull("kind", kind).name().toLowerCase(Locale.ROOT) + "/" + Checks.token("causeId", causeId, 512);
  }

  /**
   * The key of a cause named by several ids, each escaped: {@code <kind>/<id>/<id>...}.
   *
   * @param kind the movement kind
   * @param first the first id
   * @param more further ids
   * @return the key
   * @throws InvalidValueException if an id is blank or not valid UTF-16
   */
  public static String of(MovementKind kind, String first, String... more) {
    StringBuilder key = new StringBuilder(Checks.notNull("kind", kind).name().toLowerCase(Locale.ROOT));
    key.append('/').append(part(Checks.token("causeId", first, 512)));
    for (String id : Checks.notNull("more", more)) {
      key.append('/').append(part(Checks.token("causeId", id, 512)));
    }
    return key.toString();
  }

  /**
   * One id escaped so that it can be joined with {@code /} and suffixed with {@code @} without
   * ambiguity.
   *
   * @param id the id
   * @return the id with {@code %}, {@code /} and {@code @} escaped
   */
  public static String part(String id) {
    if (id.indexOf('%') < 0 && id.indexOf('/') < 0 && id.indexOf('@') < 0) {
      return id;
    }
    StringBuilder out = new StringBuilder(id.length() + 8);
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      switch (c) {
        case '%' -> out.append("%25");
        case '/' -> out.append("%2F");
        case '@' -> out.append("%40");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The key as it was written before ids were escaped: the escapes undone. Equal to the key when
   * no part needed escaping.
   *
   * @param key a key
   * @return the legacy form
   */
  public static String legacy(String key) {
    if (key.indexOf('%') < 0) {
      return key;
    }
    return key.replace("%2F", "/").replace("%40", "@").replace("%25", "%");
  }
}
