package dev.stockbridge.benchmarks;

import dev.stockbridge.Location;
import dev.stockbridge.Position;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.reconcile.LastWriter;
import dev.stockbridge.reconcile.ShownStock;
import dev.stockbridge.reconcile.SourceStock;
import dev.stockbridge.InventoryState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Two stock views of the same (SKU, location) keys for the differ benchmark: the source side and
 * the storefront side, in key order and shuffled. Every hundredth key, chosen at random, differs:
 * a quarter of those are missing on one side or the other, the rest show a different quantity.
 */
final class DiffWorkload {

  /** When every row was taken; the differ's clock reads the same instant, so nothing is stale. */
  static final Instant AS_OF = Instant.parse("2026-11-27T09:00:00Z");

  private static final String[] LOCATIONS = {"berlin", "leeds", "london", "paris"};

  final SourceStock[] sortedSource;
  final ShownStock[] sortedShown;
  final SourceStock[] shuffledSource;
  final ShownStock[] shuffledShown;
  /** The number of keys that differ. */
  final int discrepancies;

  private DiffWorkload(SourceStock[] source, ShownStock[] shown, int discrepancies, long seed) {
    this.sortedSource = source;
    this.sortedShown = shown;
    this.shuffledSource = shuffle(source.clone(), new Random(seed + 1));
    this.shuffledShown = shuffle(shown.clone(), new Random(seed + 2));
    this.discrepancies = discrepancies;
  }

  /**
   * Generates the views.
   *
   * @param positions how many keys, a multiple of the four locations
   * @param seed the random seed
   * @return the workload
   */
  static DiffWorkload generate(int positions, long seed) {
    Random random = new Random(seed);
    Location[] locations = Arrays.stream(LOCATIONS).map(Location::of).toArray(Location[]::new);
    SourceStock[] source = new SourceStock[positions];
    ShownStock[] shown = new ShownStock[positions];
    int s = 0;
    int w = 0;
    int differ = 0;
    for (int i = 0; i < positions; i++) {
      StockKey key = new StockKey(Sku.of(String.format("SKU-%07d", i / LOCATIONS.length)), locations[i % LOCATIONS.length]);
      long quantity = random.nextInt(500);
      boolean odd = random.nextInt(100) == 0;
      int how = odd ? random.nextInt(8) : -1;
      if (how != 0) {
        source[s++] = SourceStock.of(new Position(key, Map.of(InventoryState.AVAILABLE, quantity)), AS_OF);
      }
      if (how != 1) {
        long shownQuantity = how > 1 ? quantity + 1 + random.nextInt(9) : quantity;
        shown[w++] = new ShownStock(key, shownQuantity, AS_OF, LastWriter.STOCKBRIDGE);
      }
      differ += odd ? 1 : 0;
    }
    return new DiffWorkload(Arrays.copyOf(source, s), Arrays.copyOf(shown, w), differ, seed);
  }

  private static <T> T[] shuffle(T[] rows, Random random) {
    for (int i = rows.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T swap = rows[i];
      rows[i] = rows[j];
      rows[j] = swap;
    }
    return rows;
  }
}
