package dev.stockbridge.state;

import dev.stockbridge.Sku;
import dev.stockbridge.StockbridgeException;

/**
 * An external system reported a stock status that no {@link StatusMapping} rule covers. Such stock
 * is never treated as sellable: the update is refused and surfaced.
 */
public final class UnknownStatusException extends StockbridgeException {

  private final String status;
  private final Sku sku;

  UnknownStatusException(String status, Sku sku) {
    super(
        "unknown stock status \""
            + status
            + "\" for sku "
            + sku
            + "; map it to a state in the status mapping before this stock can be counted");
    this.status = status;
    this.sku = sku;
  }

  /** The unmapped external status, as received. @return the status */
  public String status() {
    return status;
  }

  /** The SKU the status was reported for. @return the SKU */
  public Sku sku() {
    return sku;
  }
}
