package dev.stockbridge;

/**
 * What caused a {@link Movement}, which fixes the sign its quantity may take.
 */
public enum MovementKind {
  /** A sale: stock leaves. Always negative. */
  ORDER(Sign.NEGATIVE),
  /** An order line cancelled before it shipped: stock comes back. Always positive. */
  CANCELLATION(Sign.POSITIVE),
  /** A returned item that passed inspection and is sellable again. Always positive. */
  RETURN_RESTOCK(Sign.POSITIVE),
  /** Goods received against a purchase order. Always positive. */
  RECEIPT(Sign.POSITIVE),
  /** A stock count or manual adjustment. Either sign. */
  ADJUSTMENT(Sign.ANY),
  /** Stock moved between locations or states. Either sign. */
  TRANSFER(Sign.ANY),
  /** A reconciliation residual, explained and approved by policy. Either sign. */
  CORRECTION(Sign.ANY),
  /**
   * A change of what a key holds back from the storefront (the planner's minimum stock, a
   * channel's buffer, a cap): no physical unit moves, but what the storefront shows does. The
   * quantity is the change of the units held back, positive when more is held back. Either sign.
   */
  HOLDBACK(Sign.ANY);

  private final Sign sign;

  MovementKind(Sign sign) {
    this.sign = sign;
  }

  /**
   * Tells whether a quantity has a sign this kind allows.
   *
   * @param quantity the signed quantity, never zero
   * @return whether this kind of movement may carry it
   */
  public boolean allows(long quantity) {
    return sign == Sign.ANY || (sign == Sign.POSITIVE ? quantity > 0 : quantity < 0);
  }

  private enum Sign {
    POSITIVE,
    NEGATIVE,
    ANY
  }
}
