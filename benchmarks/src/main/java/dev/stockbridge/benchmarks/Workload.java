package dev.stockbridge.benchmarks;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Pre-generated bursts of sequenced movements, built before measurement so that only queueing and
 * dispatching are timed. Seeded, so every run and both dispatchers see the same inputs.
 */
final class Workload {

  private static final Location WAREHOUSE = Location.of("main-warehouse");

  private Workload() {}

  /**
   * A flash sale over a fixed set of keys: each movement's key drawn uniformly from {@code keys}
   * SKUs, so with few keys most of a burst lands on keys already waiting and coalesces.
   *
   * @param keys how many SKUs the sale touches
   * @param bursts how many bursts to generate
   * @param burstSize movements per burst
   * @param seed the random seed
   * @return the bursts, movements in arrival order
   */
  static Movement[][] hotKeys(int keys, int bursts, int burstSize, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Sku[] skus = skus(keys);
    long[] sequences = new long[keys];
    Movement[][] out = new Movement[bursts][burstSize];
    for (int b = 0; b < bursts; b++) {
      for (int i = 0; i < burstSize; i++) {
        int k = random.nextInt(keys);
        out[b][i] = movement(random, skus[k], ++sequences[k], b, i);
      }
    }
    return out;
  }

  /**
   * The same mix of movements, but every movement of a burst on a different key, so nothing can
   * coalesce: each burst is a fresh random sample of {@code burstSize} keys out of {@code pool}.
   *
   * @param pool how many SKUs to sample from, at least {@code burstSize}
   * @param bursts how many bursts to generate
   * @param burstSize movements per burst
   * @param seed the random seed
   * @return the bursts, movements in arrival order
   */
  static Movement[][] distinctKeys(int pool, int bursts, int burstSize, long seed) {
    if (pool < burstSize) {
      throw new IllegalArgumentException("pool " + pool + " is smaller than a burst " + burstSize);
    }
    SplittableRandom random = new SplittableRandom(seed);
    Sku[] skus = skus(pool);
    long[] sequences = new long[pool];
    List<Integer> order = new ArrayList<>(pool);
    for (int k = 0; k < pool; k++) {
      order.add(k);
    }
    Movement[][] out = new Movement[bursts][burstSize];
    for (int b = 0; b < bursts; b++) {
      Collections.shuffle(order, new Random(random.nextLong()));
      for (int i = 0; i < burstSize; i++) {
        int k = order.get(i);
        out[b][i] = movement(random, skus[k], ++sequences[k], b, i);
      }
    }
    return out;
  }

  private static Sku[] skus(int count) {
    Sku[] skus = new Sku[count];
    for (int k = 0; k < count; k++) {
      skus[k] = Sku.of("SKU-" + k);
    }
    return skus;
  }

  // 90 % orders of 1-3 units, 4 % cancellations (RESTOCK lane), 6 % receipts and count
  // adjustments (ADJUSTMENT lane): a sale in progress while the warehouse keeps working.
  private static Movement movement(SplittableRandom random, Sku sku, long sequence, int b, int i) {
    int roll = random.nextInt(100);
    MovementKind kind;
    long quantity;
    if (roll < 90) {
      kind = MovementKind.ORDER;
      quantity = -1 - random.nextInt(3);
    } else if (roll < 94) {
      kind = MovementKind.CANCELLATION;
      quantity = 1;
    } else if (roll < 97) {
      kind = MovementKind.RECEIPT;
      quantity = 10 + random.nextInt(40);
    } else {
      kind = MovementKind.ADJUSTMENT;
      quantity = random.nextBoolean() ? 1 + random.nextInt(5) : -1 - random.nextInt(5);
    }
    String cause = kind + " " + b + "-" + i;
    return Movement.of(kind, sku, WAREHOUSE, quantity, cause, cause).withSequence(sequence);
  }
}
