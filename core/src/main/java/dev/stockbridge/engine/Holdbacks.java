package dev.stockbridge.engine;

import dev.stockbridge.Checks;
import dev.stockbridge.Quantities;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.HeldBack;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.spi.Supply;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine holds back from each storefront entry: the storefront policy in force, the
 * planner's minimum stock per key, and the last figure written for each key (what is held back and
 * why, for reconciliation and status). The writer asks it for each key's target as it writes, from
 * the sellable stock the entry stands for, so a change of policy reaches the entry as a relative
 * change in the same compare-and-set update as the key's movements.
 *
 * <p>Thread-safe: the policy is one volatile reference swapped whole; the maps are concurrent, and
 * only a key's own writer (one at a time, see {@code Lanes}) records that key's written figure.
 */
final class Holdbacks {

  private volatile StorefrontPolicy policy;
  private final Map<StockKey, Long> minimumStock = new ConcurrentHashMap<>();
  private final Map<StockKey, HeldBack> written = new ConcurrentHashMap<>();

  Holdbacks(StorefrontPolicy policy, Map<StockKey, Long> minimumStock) {
    this.policy = Checks.notNull("policy", policy);
    minimumStock.forEach(this::setMinimumStock);
  }

  StorefrontPolicy policy() {
    return policy;
  }

  /** Puts a new policy in force; the previous one is returned. */
  StorefrontPolicy swap(StorefrontPolicy next) {
    StorefrontPolicy previous = policy;
    policy = Checks.notNull("policy", next);
    return previous;
  }

  long minimumStock(StockKey key) {
    return minimumStock.getOrDefault(key, 0L);
  }

  /** Sets a key's minimum stock; returns the previous value. */
  long setMinimumStock(StockKey key, long units) {
    Checks.quantity("minimumStock", Checks.nonNegative("minimumStock", units));
    Long previous = units == 0 ? minimumStock.remove(key) : minimumStock.put(key, units);
    return previous == null ? 0 : previous;
  }

  /** The figure a key should show for the sellable stock it stands for, under the policy now. */
  HeldBack target(StockKey key, long sellable) {
    return target(policy, key, sellable);
  }

  HeldBack target(StorefrontPolicy under, StockKey key, long sellable) {
    long clamped = Math.max(-Quantities.MAX, Math.min(Quantities.MAX, sellable));
    return under.explain(key, clamped, minimumStock(key));
  }

  /** Records what a key's writer last wrote (or found already shown). */
  void written(HeldBack figure) {
    // one small record per key written: what a later change of policy is measured against
    written.put(figure.key(), figure);
  }

  /** What a key showed and held back when last written, if it was. */
  Optional<HeldBack> last(StockKey key) {
    return Optional.ofNullable(written.get(key));
  }

  /** Whether a key may hold something back, so that a sale the storefront took must be re-checked. */
  boolean mayHold(StockKey key) {
    HeldBack last = written.get(key);
    return (last != null && last.held() > 0) || minimumStock.containsKey(key);
  }

  /**
   * The supply fields an entry may carry: {@code restockableInDays} is a backorder switch in
   * commercetools, so it is dropped wherever the policy allows no backorders.
   */
  Supply allowed(StockKey key, Supply supply) {
    if (supply.restockableInDays().isEmpty() || policy.allowsBackorders(key)) {
      return supply;
    }
    return new Supply(supply.expectedDelivery(), OptionalInt.empty(), supply.safetyStock());
  }
}
