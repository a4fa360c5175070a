package dev.stockbridge.demand;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Keeps the full demand record, so that full-history planner feeds can be regenerated without
 * re-reading the storefront. Rows are keyed by {@link DemandLine#id()}: storing a row again
 * replaces it (an updated order), never duplicates it. Implementations are thread-safe.
 */
public interface DemandStore {

  /**
   * Stores rows, replacing any earlier row with the same id.
   *
   * @param lines the rows
   */
  void put(Iterable<DemandLine> lines);

  /**
   * Streams every row, ordered by {@link DemandLine#createdAt()} then id.
   *
   * @param consumer receives each row
   */
  void forEach(Consumer<DemandLine> consumer);

  /**
   * Streams the rows updated at or after an instant, for incremental feeds.
   *
   * @param since the lower bound, inclusive
   * @param consumer receives each row
   */
  void forEachUpdatedSince(Instant since, Consumer<DemandLine> consumer);
}
