package dev.stockbridge.reconcile;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Joins two unsorted sides by key hash. Each side becomes an array of {@code (hash, index)} packed
 * into longs, radix-sorted by hash, then merged; rows whose hashes meet are matched by key. Every
 * row's key is hashed once, in a tight loop whose iterations do not depend on each other, so the
 * scattered rows are fetched in parallel rather than one pointer chase per probe, as a {@code
 * HashMap} probe would.
 */
final class HashJoin {

  private HashJoin() {}

  /**
   * Joins the sides, handing each key's pair (either may be null) to the consumer.
   *
   * @throws InvalidValueException if the storefront side holds two rows for one key
   */
  static void join(
      Iterator<? extends SourceStock> sourceRows, Iterator<? extends ShownStock> shownRows,
      BiConsumer<SourceStock, ShownStock> pair) {
    SourceStock[] source = drain(sourceRows).toArray(new SourceStock[0]);
    ShownStock[] shown = drain(shownRows).toArray(new ShownStock[0]);
    long[] a = hashes(source);
    long[] b = hashes(shown);
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      int ha = i < a.length ? hashOf(a[i]) : 0;
      int hb = j < b.length ? hashOf(b[j]) : 0;
      int order = i == a.length ? 1 : j == b.length ? -1 : Integer.compareUnsigned(ha, hb);
      int ie = order <= 0 ? groupEnd(a, i) : i;
      int je = order >= 0 ? groupEnd(b, j) : j;
      if (je - j > 1) {
        requireDistinct(shown, b, j, je);
      }
      if (ie - i == 1 && je - j == 1) {
        SourceStock s = source[indexOf(a[i])];
        ShownStock w = shown[indexOf(b[j])];
        if (s.key().equals(w.key())) {
          pair.accept(s, w);
        } else {
          pair.accept(s, null);
          pair.accept(null, w);
        }
      } else {
        matchGroups(source, a, i, ie, shown, b, j, je, pair);
      }
      i = ie;
      j = je;
    }
  }

  private static void matchGroups(
      SourceStock[] source, long[] a, int i, int ie, ShownStock[] shown, long[] b, int j, int je,
      BiConsumer<SourceStock, ShownStock> pair) {
    boolean[] taken = new boolean[je - j];
    for (int x = i; x < ie; x++) {
      SourceStock s = source[indexOf(a[x])];
      ShownStock match = null;
      for (int y = j; y < je && match == null; y++) {
        ShownStock w = shown[indexOf(b[y])];
        if (!taken[y - j] && w.key().equals(s.key())) {
          taken[y - j] = true;
          match = w;
        }
      }
      pair.accept(s, match);
    }
    for (int y = j; y < je; y++) {
      if (!taken[y - j]) {
        pair.accept(null, shown[indexOf(b[y])]);
      }
    }
  }

  private static void requireDistinct(ShownStock[] shown, long[] b, int j, int je) {
    for (int x = j; x < je; x++) {
      StockKey key = shown[indexOf(b[x])].key();
      for (int y = x + 1; y < je; y++) {
        if (key.equals(shown[indexOf(b[y])].key())) {
          throw new InvalidValueException("storefront rows", key, "hold two rows for one key");
        }
      }
    }
  }

  private static <T> List<T> drain(Iterator<? extends T> rows) {
    List<T> list = new ArrayList<>();
    rows.forEachRemaining(list::add);
    return list;
  }

  private static long[] hashes(Keyed[] rows) {
    long[] packed = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      packed[i] = ((long) rows[i].key().hashCode() << 32) | i;
    }
    sortByHash(packed);
    return packed;
  }

  /** LSD radix sort on the high 32 bits (the hash, unsigned), 8 bits a pass; four passes. */
  private static void sortByHash(long[] packed) {
    long[] src = packed;
    long[] dst = new long[packed.length];
    int[] start = new int[257];
    for (int shift = 32; shift < 64; shift += 8) {
      Arrays.fill(start, 0);
      for (long v : src) {
        start[((int) (v >>> shift) & 0xFF) + 1]++;
      }
      for (int d = 0; d < 256; d++) {
        start[d + 1] += start[d];
      }
      for (long v : src) {
        dst[start[(int) (v >>> shift) & 0xFF]++] = v;
      }
      long[] swap = src;
      src = dst;
      dst = swap;
    }
  }

  private static int groupEnd(long[] packed, int from) {
    int hash = hashOf(packed[from]);
    int end = from + 1;
    while (end < packed.length && hashOf(packed[end]) == hash) {
      end++;
    }
    return end;
  }

  private static int hashOf(long packed) {
    return (int) (packed >> 32);
  }

  private static int indexOf(long packed) {
    return (int) packed;
  }
}
