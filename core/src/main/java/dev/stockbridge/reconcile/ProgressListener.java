package dev.stockbridge.reconcile;

/**
 * Hears how far a long diff has come. Called on the diffing thread; keep it quick. The default
 * methods do nothing.
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * Reports progress, every {@code progressEvery} keys.
   *
   * @param keysCompared keys compared so far
   * @param discrepancies discrepancies found so far
   */
  void progress(long keysCompared, long discrepancies);

  /**
   * Reports the end of a diff.
   *
   * @param stats the totals
   */
  default void finished(DiffStats stats) {}

  /**
   * A listener that ignores everything.
   *
   * @return the no-op listener
   */
  static ProgressListener none() {
    return (keys, found) -> {};
  }
}
