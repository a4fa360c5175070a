package dev.stockbridge.reconcile;

import dev.stockbridge.StockKey;
import dev.stockbridge.ats.StorefrontPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * What the differ checks on a storefront entry on its own, whatever the source says: that its
 * available quantity follows its quantity on stock and open reservations (none stuck past their
 * deadline), and that it takes no backorders the policy does not allow. Immutable and thread-safe.
 */
final class EntryChecks {

  private final StorefrontPolicy policy;
  private final Duration reservationGrace;
  private final Tolerance tolerance;

  EntryChecks(StorefrontPolicy policy, Duration reservationGrace, Tolerance tolerance) {
    this.policy = policy;
    this.reservationGrace = reservationGrace;
    this.tolerance = tolerance;
  }

  /** Emits what is wrong with the entry itself. */
  void check(ShownStock w, Instant now, Consumer<Discrepancy> out) {
    StockKey key = w.key();
    if (w.restockableInDays().isPresent() && !policy.allowsBackorders(key)) {
      out.accept(new Discrepancy(
          DiscrepancyKind.BACKORDERS_WITHOUT_POLICY, key.toString(), Optional.of(key), OptionalLong.empty(),
          OptionalLong.of(w.quantity()), 0, List.of(), Cause.STRAY_BACKORDER_SWITCH, Owner.ECOMMERCE,
          "the entry " + key + " has restockableInDays " + w.restockableInDays().getAsInt()
              + " but the policy allows no backorders there: ReserveOnOrder orders pass without stock"));
    }
    reservations(w, now, out);
  }

  private void reservations(ShownStock w, Instant now, Consumer<Discrepancy> out) {
    StockKey key = w.key();
    long reserved = w.reserved();
    Instant stuckBefore = now.minus(reservationGrace);
    long stuck = w.reservations().unitsExpiredBefore(stuckBefore);
    if (stuck > 0) {
      out.accept(new Discrepancy(
          DiscrepancyKind.RESERVATION_STUCK, key.toString(), Optional.of(key), OptionalLong.of(w.quantity()),
          OptionalLong.of(w.available()), -stuck, List.of(), Cause.RESERVATION_NOT_RELEASED, Owner.ECOMMERCE,
          stuck + " of " + key + " are held by reservations open past their deadline (the oldest expired "
              + w.reservations().oldestExpiredBefore(stuckBefore).orElseThrow() + "): available "
              + w.available() + " of " + w.quantity() + " on stock"));
    }
    // Open reservations, stuck or not, are what lowers available below on stock.
    long explained = w.reservations().open().isPresent() ? w.reservations().units() : Math.max(0, reserved);
    long residual = explained - reserved; // positive when available shows more than it should
    if (!tolerance.allows(residual, w.quantity())) {
      String held = w.reservations().open().isPresent()
          ? "open reservations hold " + explained
          : "reservations cannot take more than is on stock";
      out.accept(new Discrepancy(
          DiscrepancyKind.AVAILABLE_MISMATCH, key.toString(), Optional.of(key), OptionalLong.of(w.quantity() - explained),
          OptionalLong.of(w.available()), residual, List.of(), Cause.AVAILABLE_OUT_OF_STEP, Owner.ECOMMERCE,
          "the entry " + key + " shows available " + w.available() + " of " + w.quantity() + " on stock, but "
              + held + ": residual " + (residual > 0 ? "+" : "") + residual));
    }
  }
}
