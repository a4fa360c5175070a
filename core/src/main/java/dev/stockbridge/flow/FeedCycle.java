package dev.stockbridge.flow;

import dev.stockbridge.Checks;
import dev.stockbridge.Sku;
import java.time.Instant;
import java.util.List;

/**
 * What one run of {@link FeedFlow} did. Immutable.
 *
 * @param at when the run started
 * @param products priced variants handed to the publisher (in one pass over the catalogue)
 * @param unpriced variants left out for want of a price, in catalogue order
 * @param publication what the publisher wrote
 */
public record FeedCycle(Instant at, long products, List<Sku> unpriced, FeedPublication publication) {

  /** Copies. */
  public FeedCycle {
    Checks.notNull("at", at);
    unpriced = List.copyOf(Checks.notNull("unpriced", unpriced));
    Checks.notNull("publication", publication);
  }
}
