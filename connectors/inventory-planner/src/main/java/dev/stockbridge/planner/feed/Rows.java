package dev.stockbridge.planner.feed;

import java.util.function.Consumer;

/**
 * A source of rows that a feed streams through, in order, without holding them all. A feed may
 * stream through it more than once (the sales writers read demand twice, cancellations first),
 * so every call must hand over the same rows in the same order. {@code
 * store::forEach} of a {@link dev.stockbridge.demand.DemandStore}, {@code list::forEach} of any
 * {@link Iterable} and a lambda over a database cursor all fit.
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface Rows<T> {

  /**
   * Hands every row to an action, in order.
   *
   * @param action receives each row
   */
  void forEach(Consumer<T> action);
}
