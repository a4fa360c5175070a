package dev.stockbridge.reconcile;

import dev.stockbridge.StockKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Port: where the storefront's open reservations come from for reconciliation (the commercetools
 * connector reads them from active carts). Optional: without one, a gap between an entry's {@code
 * quantityOnStock} and {@code availableQuantity} is taken for active reservations.
 */
@FunctionalInterface
public interface ReservationSource {

  /**
   * The reservations still holding stock (commercetools: {@code Created} or {@code Updated}) on
   * some keys, whatever their deadline.
   *
   * @param keys the keys
   * @return the open reservations per key; a key without any may be left out
   * @throws dev.stockbridge.StockbridgeException if the storefront cannot be read
   */
  Map<StockKey, List<Reservation>> open(Collection<StockKey> keys);

  /**
   * The source of a storefront that does not tell its reservations.
   *
   * @return a source whose {@link #known()} is false
   */
  static ReservationSource none() {
    return None.INSTANCE;
  }

  /**
   * Whether this source reads reservations at all.
   *
   * @return {@code true} unless it is {@link #none()}
   */
  default boolean known() {
    return true;
  }

  /** The source that knows nothing. */
  enum None implements ReservationSource {
    /** The one instance. */
    INSTANCE;

    @Override
    public Map<StockKey, List<Reservation>> open(Collection<StockKey> keys) {
      return Map.of();
    }

    @Override
    public boolean known() {
      return false;
    }
  }
}
