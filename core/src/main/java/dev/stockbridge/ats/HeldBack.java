package dev.stockbridge.ats;

import dev.stockbridge.Channel;
import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one storefront entry holds back from its sellable stock, and why: the figure the entry
 * shows is {@code sellable − held}, which is {@code max(0, sellable − holdbacks)} whenever sellable
 * stock is not negative. Reconciliation uses it to explain the gap between physical stock and the
 * storefront. Immutable.
 *
 * @param key the SKU and location of the entry
 * @param channel the channel whose controls applied
 * @param sellable the sellable stock the figure was computed from; negative when oversold
 * @param held the units held back, between 0 and {@code max(0, sellable)}
 * @param breakdown the available-to-sell steps that produced it
 */
public record HeldBack(StockKey key, Channel channel, long sellable, long held, AtsBreakdown breakdown) {

  /**
   * Validates the figure.
   *
   * @throws InvalidValueException if a field is null or {@code held} lies outside
   *     0 to {@code max(0, sellable)}
   */
  public HeldBack {
    Checks.notNull("key", key);
    Checks.notNull("channel", channel);
    Checks.notNull("breakdown", breakdown);
    Checks.nonNegative("held", held);
    if (held > Math.max(0, sellable)) {
      throw new InvalidValueException("held", held, "exceeds the sellable stock " + sellable + " (" + key + ")");
    }
  }

  /**
   * What the entry shows: sellable stock less what is held back.
   *
   * @return {@code sellable − held}; negative only when sellable stock is
   */
  public long shown() {
    return sellable - held;
  }

  /**
   * The units held back by reason, in the order the policy applies them: {@code latency} (the
   * adaptive latency buffer, see {@link LatencyBuffer}), {@code safety} (the planner's minimum
   * stock and other safety stock), {@code excluded}, {@code buffer}, {@code cap}, {@code floor}.
   * Reasons that hold nothing are left out; the values add up to {@link #held()}.
   *
   * @return the reasons, in order
   */
  public Map<String, Long> reasons() {
    Map<String, Long> reasons = new LinkedHashMap<>();
    long stock = Math.max(0, sellable);
    // the base takes the latency buffer (as in-flight commitments) first, then the safety stock
    long latency = Math.min(stock, breakdown.inFlightCommitments());
    put(reasons, "latency", latency);
    put(reasons, "safety", stock - breakdown.base() - latency);
    put(reasons, "excluded", breakdown.base() - breakdown.afterExclusion());
    put(reasons, "buffer", breakdown.heldBack());
    put(reasons, "cap", breakdown.afterBuffer() - breakdown.afterCap());
    put(reasons, "floor", breakdown.afterCap() - breakdown.availableToSell());
    return reasons;
  }

  private static void put(Map<String, Long> reasons, String reason, long units) {
    if (units > 0) {
      reasons.put(reason, units);
    }
  }

  /**
   * One line for reports, e.g. {@code "SKU-1@web: sellable 20, held 12 (safety 10, buffer 2), shown 8"}.
   *
   * @return the explanation
   */
  @Override
  public String toString() {
    StringBuilder why = new StringBuilder();
    reasons().forEach((reason, units) -> why.append(why.length() == 0 ? "" : ", ").append(reason).append(' ').append(units));
    return key + ": sellable " + sellable + ", held " + held + (why.length() == 0 ? "" : " (" + why + ")") + ", shown " + shown();
  }
}
