package dev.stockbridge.reconcile.report;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How fresh one data flow is against its target, e.g. "orders → storefront" within 10 s, "planner
 * stock → differ" within 26 h.
 *
 * @param flow the flow's name
 * @param lastSuccess when it last completed, empty if never
 * @param target the oldest acceptable age
 */
public record FlowFreshness(String flow, Optional<Instant> lastSuccess, Duration target) {

  /** A daily flow's target: a day and two hours of slack for a late run. */
  public static final Duration DAILY = Duration.ofHours(26);

  /**
   * Validates the flow.
   *
   * @throws InvalidValueException if a part is null or blank, or the target is not positive
   */
  public FlowFreshness {
    Checks.token("flow", flow, 256);
    Checks.notNull("lastSuccess", lastSuccess);
    if (Checks.notNull("target", target).isNegative() || target.isZero()) {
      throw new InvalidValueException("target", target, "must be positive");
    }
  }

  /**
   * The flow's age at an instant.
   *
   * @param now the instant
   * @return the time since the last success, empty if never
   */
  public Optional<Duration> age(Instant now) {
    return lastSuccess.map(last -> Duration.between(last, now));
  }

  /**
   * Whether the flow meets its target at an instant.
   *
   * @param now the instant
   * @return {@code true} if it succeeded within the target
   */
  public boolean fresh(Instant now) {
    return age(now).map(age -> age.compareTo(target) <= 0).orElse(false);
  }
}
