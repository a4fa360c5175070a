package dev.stockbridge;


/**
 * One change to stock: a signed quantity of one SKU, in one state, at one location, with the cause
 * that produced it. Movements are the only way stock flows; an absolute level is never written over
 * a storefront.
 *
 * <p>The idempotency key derives deterministically from the cause (order id + line id, PO id,
 * return id, count id), so the same real-world event seen twice yields the same key and is applied
 * once. The sequence is assigned when the engine accepts the movement; {@link #UNSEQUENCED} before.
 *
 * @param kind what caused the movement; fixes the allowed sign
 * @param sku the SKU whose stock changes
 * @param location the stock pool whose stock changes
 * @param state the inventory state whose quantity changes, usually {@link InventoryState#AVAILABLE}
 * @param quantity the signed quantity, never zero, within ±{@link Quantities#MAX}
 * @param cause a human-readable cause, e.g. {@code "order 10023 line 2"}
 * @param idempotencyKey the deterministic key derived from the cause
 * @param sequence the per-(SKU, location) sequence, or {@link #UNSEQUENCED}
 */
public record Movement(
    MovementKind kind,
    Sku sku,
    Location location,
    InventoryState state,
    long quantity,
    String cause,
    String idempotencyKey,
    long sequence) {

  /** The sequence of a movement the engine has not accepted yet. */
  public static final long UNSEQUENCED = 0;

  /**
   * Validates the movement.
   *
   * @throws InvalidValueException if a field is null or blank, the quantity is zero, out of range
   *     or of a sign the kind forbids, or the sequence is negative
   */
  public Movement {
    Checks.notNull("kind", kind);
    Checks.notNull("sku", sku);
    Checks.notNull("location", location);
    Checks.notNull("state", state);
    Checks.quantity("quantity", quantity);
    if (quantity == 0) {
      throw new InvalidValueException("quantity", quantity, "must not be zero (sku " + sku + ")");
    }
    if (!kind.allows(quantity)) {
      throw new InvalidValueException(
          "quantity", quantity, "has the wrong sign for " + kind + " movements (sku " + sku + ")");
    }
    cause = Checks.token("cause", cause, 1024);
    idempotencyKey = Checks.token("idempotencyKey", idempotencyKey, 1024);
    if (sequence < 0) {
      throw new InvalidValueException("sequence", sequence, "must not be negative");
    }
  }

  /**
   * Creates an unsequenced movement of available stock.
   *
   * @param kind what caused it
   * @param sku the SKU
   * @param location the stock pool
   * @param quantity the signed quantity
   * @param cause the human-readable cause
   * @param idempotencyKey the deterministic key derived from the cause
   * @return the movement
   * @throws InvalidValueException if any value is invalid
   */
  public static Movement of(
      MovementKind kind,
      Sku sku,
      Location location,
      long quantity,
      String cause,
      String idempotencyKey) {
    return new Movement(
        kind, sku, location, InventoryState.AVAILABLE, quantity, cause, idempotencyKey, UNSEQUENCED);
  }

  /**
   * The key this movement applies to: one writer and one sequence per key.
   *
   * @return the (SKU, location) key
   */
  public StockKey key() {
    return new StockKey(sku, location);
  }

  /**
   * Whether this movement changes sellable stock and so its quantity adds to what the storefront
   * shows. A {@link MovementKind#HOLDBACK} moves no stock: it reaches the storefront through what
   * the key holds back, not through its quantity.
   *
   * @return {@code true} if its state is sellable and it moves stock
   */
  public boolean sellable() {
    return state.sellable() && kind != MovementKind.HOLDBACK;
  }

  /**
   * Whether this movement changes what the key holds back from the storefront.
   *
   * @return {@code true} for a {@link MovementKind#HOLDBACK}
   */
  public boolean holdback() {
    return kind == MovementKind.HOLDBACK;
  }

  /**
   * Returns this movement with a sequence assigned.
   *
   * @param sequence the sequence, at least 1
   * @return a copy carrying the sequence
   * @throws InvalidValueException if the sequence is not positive
   */
  public Movement withSequence(long sequence) {
    if (sequence <= 0) {
      throw new InvalidValueException("sequence", sequence, "must be positive once assigned");
    }
    return new Movement(kind, sku, location, state, quantity, cause, idempotencyKey, sequence);
  }
}
