package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import java.util.Iterator;

/**
 * One side of a stock view: an iterator of rows, either sorted by key (the differ then merges in
 * constant memory) or in any order (the differ then hash-joins). Each row is read once.
 *
 * @param <T> the row type
 * @param rows the rows, at most one per key
 * @param sorted whether the rows arrive in ascending {@link dev.stockbridge.StockKey} order
 */
public record StockRows<T extends Keyed>(Iterator<? extends T> rows, boolean sorted) {

  /**
   * Validates the rows.
   *
   * @throws dev.stockbridge.InvalidValueException if the iterator is null
   */
  public StockRows {
    Checks.notNull("rows", rows);
  }

  /**
   * Rows that arrive in ascending key order; the differ checks the order as it reads.
   *
   * @param <T> the row type
   * @param rows the rows
   * @return the view side
   */
  public static <T extends Keyed> StockRows<T> sorted(Iterator<? extends T> rows) {
    return new StockRows<>(rows, true);
  }

  /**
   * Rows in any order.
   *
   * @param <T> the row type
   * @param rows the rows
   * @return the view side
   */
  public static <T extends Keyed> StockRows<T> unsorted(Iterator<? extends T> rows) {
    return new StockRows<>(rows, false);
  }
}
