package dev.stockbridge.reconcile;

/**
 * Who last changed a storefront entry, as far as the storefront adapter can tell (commercetools
 * records the API client of the last modification). Lets the differ tell a manual edit from a
 * missed event.
 */
public enum LastWriter {
  /** Stockbridge's own API client. */
  STOCKBRIDGE,
  /** Any other client or a person in the merchant centre. */
  OTHER,
  /** The adapter cannot tell. */
  UNKNOWN
}
