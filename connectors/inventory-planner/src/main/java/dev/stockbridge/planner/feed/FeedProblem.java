package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.mapping.Lookup;
import java.util.Objects;

/**
 * Demand rows a feed could not write because a value has no mapping, e.g. a SKU without a planner
 * variant. One problem per unmapped value, however many rows it held back, so a report stays small
 * whatever the feed's size.
 *
 * @param reason which kind of value was unmapped
 * @param key the unmapped value as text
 * @param rows how many feed rows were held back
 * @param firstRowId the id of the first demand line held back, to find it in the demand store
 */
public record FeedProblem(Lookup.Reason reason, String key, long rows, String firstRowId) {

  /**
   * Validates the problem.
   *
   * @throws InvalidValueException if a part is null or the row count is not positive
   */
  public FeedProblem {
    Objects.requireNonNull(reason, "reason");
    if (key == null || firstRowId == null || rows <= 0) {
      throw new InvalidValueException("problem", key, "needs a key, a first row id and a positive row count");
    }
  }
}
