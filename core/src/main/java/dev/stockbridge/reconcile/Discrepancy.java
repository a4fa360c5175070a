package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One thing the differ found wrong, with what is needed to act on it: both sides' values, the
 * in-flight movements that explain part of the gap, the likely cause, the suggested action and the
 * owner.
 *
 * @param kind what is wrong
 * @param subject what it is about, as stable text: {@code "SKU@location"} for a stock key, the SKU
 *     for a catalogue problem, {@code "variant:ID"} for a planner variant without a SKU
 * @param key the stock key, when the discrepancy is about one (SKU, location)
 * @param expected the source or planner side's quantity, when there is one
 * @param shown the storefront side's quantity, when there is one: for a comparison with the source,
 *     what the entry shows plus what it holds back (the sellable stock it stands for); for an
 *     entry check, its available quantity
 * @param residual what remains of {@code shown - expected} after in-flight movements; positive when
 *     the storefront shows too much; a missing side counts as 0, so a SKU the planner holds at
 *     −3 and the storefront lacks has residual +3; 0 for catalogue problems without quantities
 * @param inFlight the movements not yet visible on the storefront that explain part of the gap
 * @param cause the likely cause
 * @param owner who should act
 * @param detail one sentence naming the values involved
 */
public record Discrepancy(
    DiscrepancyKind kind,
    String subject,
    Optional<StockKey> key,
    OptionalLong expected,
    OptionalLong shown,
    long residual,
    List<Movement> inFlight,
    Cause cause,
    Owner owner,
    String detail) {

  /**
   * Validates and copies.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null or the subject is blank
   */
  public Discrepancy {
    Checks.notNull("kind", kind);
    subject = Checks.token("subject", subject, 1024);
    Checks.notNull("key", key);
    Checks.notNull("expected", expected);
    Checks.notNull("shown", shown);
    inFlight = List.copyOf(Checks.notNull("inFlight", inFlight));
    Checks.notNull("cause", cause);
    Checks.notNull("owner", owner);
    Checks.notNull("detail", detail);
  }

  /**
   * A discrepancy about a catalogue subject, with no quantities.
   *
   * @param kind what is wrong
   * @param subject the SKU or variant text
   * @param cause the likely cause
   * @param owner who should act
   * @param detail one sentence naming the values
   * @return the discrepancy
   * @throws dev.stockbridge.InvalidValueException if a part is null or blank
   */
  public static Discrepancy catalogue(
      DiscrepancyKind kind, String subject, Cause cause, Owner owner, String detail) {
    return new Discrepancy(
        kind, subject, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), 0, List.of(),
        cause, owner, detail);
  }

  /**
   * The key two sightings of the same problem share, in every run: kind and subject.
   *
   * @return the de-duplication key, e.g. {@code "QUANTITY_MISMATCH|MUG@london"}
   */
  public String dedupeKey() {
    return kind + "|" + subject;
  }

  /**
   * The action that usually fixes this discrepancy.
   *
   * @return the suggested action
   */
  public String action() {
    return cause.action();
  }

  /**
   * How far apart the sides are, for ranking the worst drifts: the residual's magnitude.
   *
   * @return {@code |residual|}
   */
  public long drift() {
    return Math.abs(residual);
  }
}
