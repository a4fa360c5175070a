package dev.stockbridge.ats;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Quantities;

/**
 * How one available-to-sell figure was reached: the inputs, the controls that applied and where
 * they came from, and the value after each step, so a reconciliation report can explain the number
 * a channel shows. Each step is derived from the inputs and controls, so a breakdown is always
 * consistent. Immutable. The steps, in order, are those of {@link AtsPolicy}.
 *
 * @param scope where the controls came from
 * @param controls the controls applied
 * @param sellable stock in sellable states; negative when oversold
 * @param inFlightCommitments units committed to orders not yet reflected in {@code sellable}
 * @param safetyStock units never offered for sale
 */
public record AtsBreakdown(
    AtsScope scope,
    AtsControls controls,
    long sellable,
    long inFlightCommitments,
    long safetyStock) {

  /**
   * Validates the inputs.
   *
   * @throws InvalidValueException if the scope or controls are null, sellable lies outside
   *     ±{@link Quantities#MAX}, or in-flight commitments or safety stock are negative or above
   *     {@link Quantities#MAX}
   */
  public AtsBreakdown {
    Checks.notNull("scope", scope);
    Checks.notNull("controls", controls);
    Checks.quantity("sellable", sellable);
    Checks.quantity(
        "inFlightCommitments", Checks.nonNegative("inFlightCommitments", inFlightCommitments));
    Checks.quantity("safetyStock", Checks.nonNegative("safetyStock", safetyStock));
  }

  /**
   * Step 1: {@code max(0, sellable − in-flight commitments − safety stock)}.
   *
   * @return the stock the controls start from
   */
  public long base() {
    // each input lies within ±Quantities.MAX, so the difference cannot overflow
    return Math.max(0, sellable - inFlightCommitments - safetyStock);
  }

  /**
   * Step 2: 0 if the channel is excluded, otherwise the base.
   *
   * @return the stock after the exclusion
   */
  public long afterExclusion() {
    return controls.excluded() ? 0 : base();
  }

  /**
   * The units the buffer holds back from the stock after the exclusion.
   *
   * @return the units held back
   */
  public long heldBack() {
    return controls.buffer().heldBack(afterExclusion());
  }

  /**
   * Step 3: the stock after the exclusion less the buffer.
   *
   * @return the stock after the buffer, never negative
   */
  public long afterBuffer() {
    return afterExclusion() - heldBack();
  }

  /**
   * Step 4: at most the cap.
   *
   * @return the stock after the cap
   */
  public long afterCap() {
    return Math.min(afterBuffer(), controls.cap());
  }

  /**
   * Step 5, the result: 0 if the capped stock is below the floor, otherwise the capped stock.
   *
   * @return the available-to-sell the channel shows, never negative
   */
  public long availableToSell() {
    long capped = afterCap();
    return capped < controls.floor() ? 0 : capped;
  }

  /**
   * The steps as one line, e.g. {@code "max(0, 120 − 5 − 15) = 100; not excluded; buffer 10% holds
   * 10 → 90; cap 50 → 50; floor 3 → 50 (scope CHANNEL)"}.
   *
   * @return the explanation
   */
  @Override
  public String toString() {
    return "max(0, " + sellable + " − " + inFlightCommitments + " − " + safetyStock + ")"
        + " = " + base()
        + (controls.excluded() ? "; excluded → 0" : "; not excluded")
        + "; buffer " + controls.buffer() + " holds " + heldBack() + " → " + afterBuffer()
        + "; cap " + (controls.cap() == AtsControls.NO_CAP ? "none" : controls.cap())
        + " → " + afterCap()
        + "; floor " + controls.floor() + " → " + availableToSell()
        + " (scope " + scope + ")";
  }
}
