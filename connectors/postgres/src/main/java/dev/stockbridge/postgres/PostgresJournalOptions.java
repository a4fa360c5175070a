package dev.stockbridge.postgres;

import dev.stockbridge.InvalidValueException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link PostgresJournal} stamps and compacts its records: the clock that dates accepted
 * movements and decides which are past the retention, the retention itself, and when compaction
 * runs on the journal's own thread. Immutable; start from {@link #defaults()}.
 *
 * <p>The default retention is <em>keep for ever</em>, unlike the file journal's 90 days: a database
 * written by an earlier version holds its whole history in {@code journal_record}, and deleting
 * history an operator may query is something to choose, not something an upgrade should do. With
 * no retention compaction still folds the applied marks (half the rows of a busy journal) and
 * deletes no movement; set a retention (the file journal's is {@link
 * dev.stockbridge.journal.FileJournal#DEFAULT_RETENTION}) to bound the table and the engine's memory.
 *
 * @param clock stamps accepted movements ({@code written_at}) and gives "now" to compaction
 * @param retention how long an applied movement is kept, and the engine its idempotency key; empty
 *     to keep every movement for ever
 * @param compactEvery how often the journal compacts on its own thread (the first time one interval
 *     after it is opened, so short-lived commands never compact)
 * @param compactAfterRows after how many rows appended by this journal it compacts without waiting
 *     for the interval; {@link Long#MAX_VALUE} for never
 */
public record PostgresJournalOptions(Clock clock, Optional<Duration> retention, Duration compactEvery, long compactAfterRows) {

  /** The default interval between automatic compactions. */
  public static final Duration DEFAULT_COMPACT_EVERY = Duration.ofHours(1);
  /** The default number of appended rows that triggers a compaction before the interval ends. */
  public static final long DEFAULT_COMPACT_AFTER_ROWS = 200_000;

  /**
   * Validates.
   *
   * @throws InvalidValueException if a field is null, the retention or the interval not positive,
   *     or the row count below 1
   */
  public PostgresJournalOptions {
    if (clock == null) {
      throw new InvalidValueException("clock", null, "must not be null");
    }
    if (retention == null) {
      throw new InvalidValueException("retention", null, "must not be null (use Optional.empty() to keep for ever)");
    }
    retention.ifPresent(r -> {
      if (r.isNegative() || r.isZero()) {
        throw new InvalidValueException("retention", r, "must be positive");
      }
    });
    if (compactEvery == null || compactEvery.toMillis() < 1) {
      throw new InvalidValueException("compactEvery", compactEvery, "must be at least a millisecond");
    }
    if (compactAfterRows < 1) {
      throw new InvalidValueException("compactAfterRows", compactAfterRows, "must be at least 1");
    }
  }

  /**
   * The defaults: the system clock, movements kept for ever (see the class description), a
   * compaction every {@link #DEFAULT_COMPACT_EVERY} and after {@link #DEFAULT_COMPACT_AFTER_ROWS}
   * appended rows.
   *
   * @return the options
   */
  public static PostgresJournalOptions defaults() {
    return new PostgresJournalOptions(Clock.systemUTC(), Optional.empty(), DEFAULT_COMPACT_EVERY, DEFAULT_COMPACT_AFTER_ROWS);
  }

  /**
   * These options with another clock.
   *
   * @param another the clock
   * @return the new options
   */
  public PostgresJournalOptions withClock(Clock another) {
    return new PostgresJournalOptions(another, retention, compactEvery, compactAfterRows);
  }

  /**
   * These options with a retention: applied movements accepted longer ago are folded into their
   * key's summary by compaction, and the engine forgets their idempotency keys as long after.
   *
   * @param duration a positive duration
   * @return the new options
   * @throws InvalidValueException if the duration is null or not positive
   */
  public PostgresJournalOptions withRetention(Duration duration) {
    if (duration == null) {
      throw new InvalidValueException("retention", null, "must not be null (use keepForever())");
    }
    return new PostgresJournalOptions(clock, Optional.of(duration), compactEvery, compactAfterRows);
  }

  /**
   * These options keeping every movement for ever (compaction then folds applied marks only).
   *
   * @return the new options
   */
  public PostgresJournalOptions keepForever() {
    return new PostgresJournalOptions(clock, Optional.empty(), compactEvery, compactAfterRows);
  }

  /**
   * These options with another schedule of automatic compaction.
   *
   * @param every the interval, positive
   * @param afterRows rows appended that trigger one sooner, at least 1; {@link Long#MAX_VALUE} for never
   * @return the new options
   * @throws InvalidValueException if a value is out of range
   */
  public PostgresJournalOptions withCompaction(Duration every, long afterRows) {
    return new PostgresJournalOptions(clock, retention, every, afterRows);
  }
}
