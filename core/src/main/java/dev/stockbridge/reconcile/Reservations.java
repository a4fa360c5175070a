package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The open reservations of one storefront entry, or the fact that the storefront side does not
 * know them. With them, reconciliation tells reservations still inside their deadline (they explain
 * the gap between {@code quantityOnStock} and {@code availableQuantity}) from stuck ones (a
 * finding). Without them, any such gap is taken for active reservations. Immutable.
 */
public final class Reservations {

  private static final Reservations UNKNOWN = new Reservations(null);
  private static final Reservations NONE = new Reservations(List.of());

  private final List<Reservation> open;

  private Reservations(List<Reservation> open) {
    this.open = open;
  }

  /**
   * The storefront side did not read reservations.
   *
   * @return the shared unknown value
   */
  public static Reservations unknown() {
    return UNKNOWN;
  }

  /**
   * The entry's open reservations, as read.
   *
   * @param open the reservations still holding stock; empty when there are none
   * @return the value
   * @throws dev.stockbridge.InvalidValueException if the list or a reservation is null
   */
  public static Reservations of(List<Reservation> open) {
    Checks.notNull("open", open).forEach(r -> Checks.notNull("reservation", r));
    return open.isEmpty() ? NONE : new Reservations(List.copyOf(open));
  }

  /**
   * The open reservations, if they were read.
   *
   * @return the reservations, or empty when unknown
   */
  public Optional<List<Reservation>> open() {
    return Optional.ofNullable(open);
  }

  /**
   * The units all open reservations hold.
   *
   * @return the sum, 0 when unknown
   */
  public long units() {
    return open == null ? 0 : open.stream().mapToLong(Reservation::quantity).sum();
  }

  /**
   * The units held by reservations whose deadline passed before a moment.
   *
   * @param before the moment, e.g. now less the grace the platform takes to expire them
   * @return the sum, 0 when unknown
   */
  public long unitsExpiredBefore(Instant before) {
    return open == null ? 0 : open.stream().filter(r -> r.expiresAt().isBefore(before)).mapToLong(Reservation::quantity).sum();
  }

  /**
   * The earliest deadline among the reservations expired before a moment.
   *
   * @param before the moment
   * @return the deadline, empty if none expired before it
   */
  public Optional<Instant> oldestExpiredBefore(Instant before) {
    return open == null ? Optional.empty()
        : open.stream().map(Reservation::expiresAt).filter(at -> at.isBefore(before)).min(Instant::compareTo);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Reservations that && java.util.Objects.equals(open, that.open);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(open);
  }

  @Override
  public String toString() {
    return open == null ? "reservations unknown" : open.size() + " open reservations of " + units() + " units";
  }
}
