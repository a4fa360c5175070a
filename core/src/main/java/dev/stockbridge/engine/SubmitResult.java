package dev.stockbridge.engine;

/**
 * What became of a submission.
 *
 * @param accepted movements accepted and journaled
 * @param duplicates movements ignored because their idempotency key was already accepted with the
 *     same content
 * @param conflicts movements not applied because their idempotency key was accepted before with
 *     other content; each is raised to the exception store with both versions
 */
public record SubmitResult(int accepted, int duplicates, int conflicts) {

  /**
   * A result without conflicts.
   *
   * @param accepted movements accepted
   * @param duplicates movements ignored as duplicates
   */
  public SubmitResult(int accepted, int duplicates) {
    this(accepted, duplicates, 0);
  }
}
