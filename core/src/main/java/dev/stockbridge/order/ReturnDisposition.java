package dev.stockbridge.order;

/** What the warehouse decided about returned units. */
public enum ReturnDisposition {
  /** Received, awaiting a quality check: nothing sellable changes yet. */
  IN_INSPECTION,
  /** Passed inspection: sellable again. */
  RESELLABLE,
  /** Failed inspection: never sellable. */
  DAMAGED
}
