package dev.stockbridge.planner.feed;

import dev.stockbridge.demand.DemandLine;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * What an {@link AdvancedSync} sends: the rows of each Advanced file type updated at or after an
 * instant ({@link Instant#EPOCH} for the initial sync's full set). A source that ignores the
 * instant and hands over everything is correct, only slower: the sync drops rows older than asked
 * for. Rows of one call must come in a stable order when called twice (the sales-order file reads
 * demand twice). Called on the syncing thread.
 */
public interface AdvancedSource {

  /**
   * The warehouses.
   *
   * @param since the lower bound of {@code updatedAt}, inclusive
   * @param rows receives each row
   */
  void warehouses(Instant since, Consumer<FeedWarehouse> rows);

  /**
   * The vendors; the planner needs at least one.
   *
   * @param since the lower bound of {@code updatedAt}, inclusive
   * @param rows receives each row
   */
  void vendors(Instant since, Consumer<FeedVendor> rows);

  /**
   * The variants.
   *
   * @param since the lower bound of {@code updatedAt}, inclusive
   * @param rows receives each row
   */
  void variants(Instant since, Consumer<FeedVariant> rows);

  /**
   * The links between variants and their vendors; none by default.
   *
   * @param since the lower bound of {@code updatedAt}, inclusive
   * @param rows receives each row
   */
  default void variantVendors(Instant since, Consumer<VariantVendor> rows) {}

  /**
   * The stock per variant and warehouse.
   *
   * @param since the lower bound of {@code updatedAt}, inclusive
   * @param rows receives each row
   */
  void stock(Instant since, Consumer<VariantStock> rows);

  /**
   * The demand lines, e.g. {@code store.forEachUpdatedSince(since, rows)}.
   *
   * @param since the lower bound of {@code updatedAt}, inclusive
   * @param rows receives each row
   */
  void demand(Instant since, Consumer<DemandLine> rows);
}
