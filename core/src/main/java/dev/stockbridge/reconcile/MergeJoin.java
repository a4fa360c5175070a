package dev.stockbridge.reconcile;

import dev.stockbridge.StockKey;
import java.util.Iterator;
import java.util.function.BiConsumer;

/**
 * The streaming merge of two sides sorted by key, in constant memory: each key is handed on once,
 * with the row of each side that has it (null for a side that lacks it). Checks the order as it
 * reads. Stateless.
 */
final class MergeJoin {

  private MergeJoin() {}

  static void join(Iterator<? extends SourceStock> a, Iterator<? extends ShownStock> b, BiConsumer<SourceStock, ShownStock> run) {
    SourceStock s = a.hasNext() ? a.next() : null;
    ShownStock w = b.hasNext() ? b.next() : null;
    // After a match, the storefront side's order check is deferred: if its next key equals the
    // source side's next key, which is checked, it is after the matched key too. Saves a compare.
    StockKey unchecked = null;
    while (s != null || w != null) {
      int order = s == null ? 1 : w == null ? -1 : s.key().compareTo(w.key());
      if (unchecked != null && order != 0 && w != null && w.key().compareTo(unchecked) <= 0) {
        throw new UnsortedInputException("storefront", unchecked, w.key());
      }
      unchecked = null;
      if (order == 0) {
        run.accept(s, w);
        unchecked = w.key();
        s = advance(a, s, "source");
        w = b.hasNext() ? b.next() : null;
      } else if (order < 0) {
        run.accept(s, null);
        s = advance(a, s, "source");
      } else {
        run.accept(null, w);
        w = advance(b, w, "storefront");
      }
    }
  }

  private static <T extends Keyed> T advance(Iterator<? extends T> rows, T previous, String side) {
    if (!rows.hasNext()) {
      return null;
    }
    T next = rows.next();
    if (next.key().compareTo(previous.key()) <= 0) {
      throw new UnsortedInputException(side, previous.key(), next.key());
    }
    return next;
  }
}
