package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.StockKey;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which discrepancies Stockbridge corrects by itself: only quantity discrepancies of one
 * key, only when the cause is one of the trusted causes, and only when the residual is within the
 * correction limit. Everything else goes to a person.
 *
 * @param maxUnits the largest residual corrected automatically, in units
 * @param causes the causes trusted enough to correct
 */
public record CorrectionPolicy(long maxUnits, Set<Cause> causes) {

  /**
   * Validates and copies.
   *
   * @throws InvalidValueException if units is negative or causes is null
   */
  public CorrectionPolicy {
    Checks.quantity("maxUnits", Checks.nonNegative("maxUnits", maxUnits));
    Checks.notNull("causes", causes);
    causes = causes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(causes));
    if (causes.contains(Cause.UNKNOWN) || causes.contains(Cause.STALE_FEED)) {
      throw new InvalidValueException("causes", causes, "must not trust an unknown cause or stale data");
    }
  }

  /**
   * A policy that never corrects: every discrepancy goes to a person.
   *
   * @return the policy
   */
  public static CorrectionPolicy never() {
    return new CorrectionPolicy(0, Set.of());
  }

  /**
   * The correction for a discrepancy, if the policy allows one.
   *
   * @param d the discrepancy
   * @param runId the run, part of the correction's idempotency key
   * @return a CORRECTION movement that removes the residual, or empty for a person to handle
   */
  public Optional<Movement> correction(Discrepancy d, String runId) {
    boolean quantity = d.kind() == DiscrepancyKind.QUANTITY_MISMATCH
        || d.kind() == DiscrepancyKind.STATE_NOT_SELLABLE;
    if (!quantity || d.key().isEmpty() || d.residual() == 0 || d.drift() > maxUnits
        || !causes.contains(d.cause())) {
      return Optional.empty();
    }
    StockKey key = d.key().get();
    return Optional.of(Movement.of(
        MovementKind.CORRECTION, key.sku(), key.location(), -d.residual(),
        "reconciliation " + runId + ": " + d.cause().description(),
        IdempotencyKeys.of(MovementKind.CORRECTION, runId + "/" + key)));
  }
}
