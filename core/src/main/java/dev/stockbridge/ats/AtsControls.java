package dev.stockbridge.ats;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;

/**
 * The controls one channel applies to available-to-sell after commitments and safety stock, in
 * this order: exclusion, buffer, cap, floor (see {@link AtsPolicy}). Immutable; start from {@link
 * #none()} and change one control at a time.
 *
 * @param excluded whether the channel shows 0 whatever the stock
 * @param buffer the stock held back from the channel
 * @param cap the most the channel shows, not negative; {@link #NO_CAP} for none
 * @param floor below this the channel shows 0, not negative and not above the cap; 0 for none
 */
public record AtsControls(boolean excluded, Buffer buffer, long cap, long floor) {

  /** The cap that never limits. */
  public static final long NO_CAP = Long.MAX_VALUE;

  private static final AtsControls NONE = new AtsControls(false, Buffer.none(), NO_CAP, 0);

  /**
   * Validates the controls.
   *
   * @throws InvalidValueException if the buffer is null, the cap or floor is negative, or the
   *     floor exceeds the cap (the channel would always show 0; exclude it instead)
   */
  public AtsControls {
    Checks.notNull("buffer", buffer);
    Checks.nonNegative("cap", cap);
    Checks.nonNegative("floor", floor);
    if (floor > cap) {
      throw new InvalidValueException(
          "floor", floor, "must not exceed the cap " + cap + "; to show 0 always, exclude instead");
    }
  }

  /**
   * Controls that change nothing: not excluded, no buffer, no cap, no floor.
   *
   * @return the neutral controls
   */
  public static AtsControls none() {
    return NONE;
  }

  /**
   * These controls with the exclusion set.
   *
   * @param excluded whether the channel shows 0 whatever the stock
   * @return the new controls
   */
  public AtsControls withExcluded(boolean excluded) {
    return new AtsControls(excluded, buffer, cap, floor);
  }

  /**
   * These controls with another buffer.
   *
   * @param buffer the stock held back
   * @return the new controls
   * @throws InvalidValueException if the buffer is null
   */
  public AtsControls withBuffer(Buffer buffer) {
    return new AtsControls(excluded, buffer, cap, floor);
  }

  /**
   * These controls with another cap.
   *
   * @param cap the most the channel shows, or {@link #NO_CAP}
   * @return the new controls
   * @throws InvalidValueException if the cap is negative or below the floor
   */
  public AtsControls withCap(long cap) {
    return new AtsControls(excluded, buffer, cap, floor);
  }

  /**
   * These controls with another floor.
   *
   * @param floor below this the channel shows 0; 0 for none
   * @return the new controls
   * @throws InvalidValueException if the floor is negative or above the cap
   */
  public AtsControls withFloor(long floor) {
    return new AtsControls(excluded, buffer, cap, floor);
  }
}
