package dev.stockbridge.order;

import java.util.Collection;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks by order id: one order's events are vetted, journaled and recorded by one thread at
 * a time, while different orders go on in parallel (and share the journal's forces). A submission
 * takes its orders' stripes in ascending order, so two submissions never deadlock. Taken before the
 * intake lock, never inside it. Thread-safe.
 */
final class OrderLocks {

  private final ReentrantLock[] stripes = new ReentrantLock[64];

  OrderLocks() {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /** Locks the stripes of the orders; unlock them with the result, in a {@code finally}. */
  Held lock(Collection<String> orderIds) {
    TreeSet<Integer> indices = new TreeSet<>();
    orderIds.forEach(id -> indices.add(Math.floorMod(id.hashCode(), stripes.length)));
    int[] taken = new int[indices.size()];
    int n = 0;
    for (int index : indices) {
      stripes[index].lock();
      taken[n++] = index;
    }
    return () -> {
      for (int i = taken.length - 1; i >= 0; i--) {
        stripes[taken[i]].unlock();
      }
    };
  }

  /** Held stripes. */
  @FunctionalInterface
  interface Held {
    /** Unlocks them. */
    void unlock();
  }
}
