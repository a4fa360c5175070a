package dev.stockbridge.mapping;

import dev.stockbridge.StockbridgeException;

/**
 * A value had no mapping where one was required, e.g. a stock update for a SKU the mapping does not
 * know. Such updates are refused and surfaced, never dropped silently.
 */
public final class UnmappedException extends StockbridgeException {

  private final Lookup.Reason reason;
  private final Object key;

  UnmappedException(Lookup.Reason reason, Object key) {
    super("unmapped: " + reason.describe(key) + "; add it to the mapping");
    this.reason = reason;
    this.key = key;
  }

  /** Which kind of value was unknown. @return the reason */
  public Lookup.Reason reason() {
    return reason;
  }

  /**
   * The value looked up, typed as {@link Lookup.Unmapped#key()} describes.
   *
   * @return the value
   */
  public Object key() {
    return key;
  }
}
