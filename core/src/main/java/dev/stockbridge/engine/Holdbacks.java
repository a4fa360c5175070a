package dev.stockbridge.engine;

import dev.stockbridge.Checks;
import dev.stockbridge.Quantities;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.HeldBack;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.Supply;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine holds back from each storefront entry: the storefront policy in force, the
 * planner's minimum stock per key, and the last figure written for each key (what is held back and
 * why, for reconciliation and status). The minimum stock of a key this process was not told (after
 * a restart, before the planner's next read) is taken up from the entry, which records it with the
 * held-back units in every update that changes it: a restart never releases what was held back. The writer asks it for each key's target as it writes, from
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
  /** Each key's adaptive latency buffer, where it holds one (see {@code LatencyBuffers}). */
  private final Map<StockKey, Long> latency = new ConcurrentHashMap<>();
  /** The inputs of each key's latency buffer at its last change, for {@link #why}. */
  private final Map<StockKey, String> latencyInputs = new ConcurrentHashMap<>();

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

  /** Sets a key's minimum stock; returns the previous value, empty if this process knew none. */
  OptionalLong setMinimumStock(StockKey key, long units) {
    Checks.quantity("minimumStock", Checks.nonNegative("minimumStock", units));
    Long previous = minimumStock.put(key, units);
    return previous == null ? OptionalLong.empty() : OptionalLong.of(previous);
  }

  /**
   * Takes up the minimum stock an entry records, unless this process was told the key's own:
   * called by the key's writer with every entry it writes from.
   */
  void adopt(StockEntry entry) {
    minimumStock.putIfAbsent(entry.key(), entry.minimumStock());
  }

  long latency(StockKey key) {
    return latency.getOrDefault(key, 0L);
  }

  /** The inputs of a key's latency buffer at its last change, or null if it holds none. */
  String latencyInputs(StockKey key) {
    return latencyInputs.get(key);
  }

  /**
   * Sets a key's latency buffer and the inputs it came from (null when unknown, as for a buffer
   * taken back to before this process knew it); returns the previous value.
   */
  long setLatency(StockKey key, long units, String inputs) {
    Long previous = units == 0 ? latency.remove(key) : latency.put(key, units);
    if (units == 0 || inputs == null) {
      latencyInputs.remove(key);
    } else {
      latencyInputs.put(key, inputs);
    }
    return previous == null ? 0 : previous;
  }

  /**
   * Why a figure holds back what it does, in words for the entry and reports: each reason and its
   * units, the latency buffer with the inputs it came from.
   *
   * @return e.g. {@code "latency 3 (40 order units in 60 s × 900 ms of lag and p99), safety 25"};
   *     empty when nothing is held
   */
  String why(HeldBack figure) {
    StringBuilder why = new StringBuilder();
    figure.reasons().forEach((reason, units) -> {
      why.append(why.length() == 0 ? "" : ", ").append(reason).append(' ').append(units);
      String inputs = "latency".equals(reason) ? latencyInputs.get(figure.key()) : null;
      if (inputs != null) {
        why.append(" (").append(inputs).append(')');
      }
    });
    return why.toString();
  }

  /** The keys holding a latency buffer now. */
  Map<StockKey, Long> latencies() {
    return Map.copyOf(latency);
  }

  /** The figure a key should show for the sellable stock it stands for, under the policy now. */
  HeldBack target(StockKey key, long sellable) {
    return target(policy, key, sellable);
  }

  HeldBack target(StorefrontPolicy under, StockKey key, long sellable) {
    long clamped = Math.max(-Quantities.MAX, Math.min(Quantities.MAX, sellable));
    return under.explain(key, clamped, minimumStock(key), latency(key));
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
    return (last != null && last.held() > 0) || minimumStock(key) > 0 || latency.containsKey(key);
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
