package dev.stockbridge.flow;

import dev.stockbridge.demand.DemandLine;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * What {@link FeedFlow} hands a {@link FeedPublisher} for one run: the priced catalogue with its
 * stock, and the demand store. Each method streams and may be called more than once (every call
 * hands over the same rows in the same order, read again). Valid only during {@link
 * FeedPublisher#publish(FeedInput)}; used from the calling thread.
 */
public interface FeedInput {

  /**
   * When this run started; feeds use it as their snapshot time.
   *
   * @return the instant
   */
  Instant at();

  /**
   * The priced catalogue variants with their available stock, read a page at a time. Unpriced
   * variants are left out (a planner needs a price) and reported in the run's {@link FeedCycle}.
   *
   * @param rows receives each product
   */
  void products(Consumer<FeedProduct> rows);

  /**
   * Every demand line the store holds, in the store's order.
   *
   * @param rows receives each line
   */
  void demand(Consumer<DemandLine> rows);

  /**
   * The demand lines updated at or after an instant.
   *
   * @param since the lower bound, inclusive
   * @param rows receives each line
   */
  void demandUpdatedSince(Instant since, Consumer<DemandLine> rows);
}
