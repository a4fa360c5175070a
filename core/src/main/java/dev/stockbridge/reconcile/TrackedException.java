package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.Movement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One exception as the tracker holds it: a de-duplicated problem with its owner, status and when
 * it was first and last seen. Immutable; each change yields a new record.
 *
 * @param id the de-duplication key, e.g. {@code "QUANTITY_MISMATCH|MUG@london"}
 * @param code the discrepancy kind's name, or the engine's failure code
 * @param subject what it is about, e.g. {@code "MUG@london"}
 * @param owner who should act
 * @param status where it is in its lifecycle
 * @param firstSeen when it was first raised (or reopened)
 * @param lastSeen when it was last seen
 * @param occurrences how many times it has been seen since first raised
 * @param message the latest description
 * @param discrepancy the latest discrepancy, when a reconciliation run raised it
 * @param actor who last acknowledged or resolved it, {@code "reconciliation"} for auto-resolution
 * @param movements the movements not applied because of it, across every occurrence (engine
 *     failures; empty for discrepancies): resubmit them once the cause is fixed
 */
public record TrackedException(
    String id,
    String code,
    String subject,
    Owner owner,
    ExceptionStatus status,
    Instant firstSeen,
    Instant lastSeen,
    long occurrences,
    String message,
    Optional<Discrepancy> discrepancy,
    Optional<String> actor,
    List<Movement> movements) {

  /**
   * Validates the record.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null or blank, or occurrences is
   *     not positive
   */
  public TrackedException {
    Checks.token("id", id, 2048);
    Checks.token("code", code, 256);
    Checks.token("subject", subject, 1024);
    Checks.notNull("owner", owner);
    Checks.notNull("status", status);
    Checks.notNull("firstSeen", firstSeen);
    Checks.notNull("lastSeen", lastSeen);
    if (occurrences <= 0) {
      throw new dev.stockbridge.InvalidValueException("occurrences", occurrences, "must be positive");
    }
    Checks.notNull("message", message);
    Checks.notNull("discrepancy", discrepancy);
    Checks.notNull("actor", actor);
    movements = List.copyOf(Checks.notNull("movements", movements));
  }

  /**
   * Whether a reconciliation run raised it, so a later run may auto-resolve it; engine failures
   * are closed by people only.
   *
   * @return {@code true} if it carries a discrepancy
   */
  public boolean fromReconciliation() {
    return discrepancy.isPresent();
  }
}
