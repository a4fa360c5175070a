package dev.stockbridge.reconcile;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockKey;
import java.util.List;
import java.util.function.Consumer;

/**
 * The build side of the hash join: storefront rows in an open-addressing table sized once from the
 * row count, with each key's hash kept beside it so probes rarely touch a key. No node per row and
 * no resizing, unlike a {@code HashMap}. Not thread-safe; one per diff.
 */
final class ShownTable {

  private final ShownStock[] rows;
  private final int[] hashes;
  private final boolean[] matched;
  private final int mask;

  ShownTable(List<ShownStock> shown) {
    int capacity = Integer.highestOneBit(Math.max(4, shown.size() * 2 - 1)) << 1;
    rows = new ShownStock[capacity];
    hashes = new int[capacity];
    matched = new boolean[capacity];
    mask = capacity - 1;
    for (ShownStock w : shown) {
      int h = hash(w.key());
      int i = h & mask;
      while (rows[i] != null) {
        if (hashes[i] == h && rows[i].key().equals(w.key())) {
          throw new InvalidValueException("storefront rows", w.key(), "hold two rows for one key");
        }
        i = (i + 1) & mask;
      }
      rows[i] = w;
      hashes[i] = h;
    }
  }

  /** The row of a key, marked as matched; null if none or already matched. */
  ShownStock take(StockKey key) {
    int h = hash(key);
    for (int i = h & mask; rows[i] != null; i = (i + 1) & mask) {
      if (hashes[i] == h && rows[i].key().equals(key)) {
        if (matched[i]) {
          return null;
        }
        matched[i] = true;
        return rows[i];
      }
    }
    return null;
  }

  /** Hands every row no key took to an action. */
  void forEachUnmatched(Consumer<ShownStock> action) {
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] != null && !matched[i]) {
        action.accept(rows[i]);
      }
    }
  }

  private static int hash(StockKey key) {
    int h = key.hashCode();
    return h ^ (h >>> 16);
  }
}
