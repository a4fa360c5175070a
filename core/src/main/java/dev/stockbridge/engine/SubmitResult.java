package dev.stockbridge.engine;

/**
 * What became of a submission.
 *
 * @param accepted movements accepted and journaled
 * @param duplicates movements ignored because their idempotency key was already accepted
 */
public record SubmitResult(int accepted, int duplicates) {}
