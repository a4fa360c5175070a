package dev.stockbridge.planner.feed;

import dev.stockbridge.mapping.Lookup;

/**
 * Hears of every feed row held back because a value in it has no mapping, one call per row, on the
 * writing thread. Every feed holds such rows back and lists them in its {@link FeedReport}; this
 * is the seam for a durable held set that sends them once the mapping knows them (the flows'
 * held rows), which the feeds themselves do not keep. Must not throw.
 */
@FunctionalInterface
public interface HeldRows {

  /**
   * Handles one held-back row.
   *
   * @param feed the file it belongs to, e.g. {@code sales-orders} or {@code products.csv}
   * @param rowId the id of the source row: a demand line id, a SKU, {@code SKU@location}…
   * @param unmapped the value the mapping did not know
   */
  void held(String feed, String rowId, Lookup.Unmapped<?> unmapped);

  /**
   * Keeps nothing beyond the report: the default.
   *
   * @return a listener that does nothing
   */
  static HeldRows reportOnly() {
    return (feed, rowId, unmapped) -> { };
  }
}
