package dev.stockbridge.demand;

/** What a demand line records. */
public enum DemandKind {
  /** Units sold. */
  SALE,
  /** Units of a sale cancelled before shipping. */
  CANCELLATION,
  /** Units returned by the customer. */
  RETURN
}
