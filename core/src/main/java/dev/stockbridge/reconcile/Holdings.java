package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.StockKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * What the storefront held back from sale in one stock diff: how many entries held something, how
 * many units in all, and the entries that matter most to look at, each with why it holds what it
 * does. Entries holding an adaptive latency buffer come first (a flash sale's hot SKUs, few and
 * short-lived), then the largest holdbacks.
 *
 * @param entries the entries that held back at least one unit
 * @param units the units they held back together
 * @param latencyBuffers the entries whose holdback included an adaptive latency buffer
 * @param listed at most {@link #LISTED} entries, latency buffers first, then by units held
 */
public record Holdings(long entries, long units, long latencyBuffers, List<Held> listed) {

  /** The most entries a diff lists. */
  public static final int LISTED = 100;

  /** Nothing held back. */
  public static final Holdings NONE = new Holdings(0, 0, 0, List.of());

  /**
   * Validates and copies.
   *
   * @throws dev.stockbridge.InvalidValueException if a count is negative or the list null
   */
  public Holdings {
    Checks.nonNegative("entries", entries);
    Checks.nonNegative("units", units);
    Checks.nonNegative("latencyBuffers", latencyBuffers);
    listed = List.copyOf(Checks.notNull("listed", listed));
  }

  /**
   * One entry that held back.
   *
   * @param key the SKU and location
   * @param sellable the sellable stock the entry stands for
   * @param held the units it held back
   * @param why the reasons its last write recorded, empty if unknown
   */
  public record Held(StockKey key, long sellable, long held, String why) {

    /**
     * Validates.
     *
     * @throws dev.stockbridge.InvalidValueException if a part is null or held negative
     */
    public Held {
      Checks.notNull("key", key);
      Checks.nonNegative("held", held);
      Checks.notNull("why", why);
    }

    /**
     * Whether an adaptive latency buffer is among the reasons.
     *
     * @return true if the reasons name it
     */
    public boolean latencyBuffer() {
      return why.startsWith("latency "); // the first reason the policy applies, see HeldBack.reasons
    }
  }

  /** Counts held-back entries as a diff passes them, keeping only the {@link #LISTED} that rank highest. */
  static final class Tally {
    /** Lowest rank first, so the head is the one to drop. */
    private static final Comparator<Held> RANK = Comparator.comparing(Held::latencyBuffer)
        .thenComparingLong(Held::held)
        .thenComparing(Held::key, Comparator.reverseOrder());

    private final PriorityQueue<Held> top = new PriorityQueue<>(RANK);
    private long entries;
    private long units;
    private long latency;

    void add(ShownStock row) {
      if (row.heldBack() <= 0) {
        return;
      }
      Held held = new Held(row.key(), row.sellable(), row.heldBack(), row.heldWhy());
      entries++;
      units += held.held();
      if (held.latencyBuffer()) {
        latency++;
      }
      top.add(held);
      if (top.size() > LISTED) {
        top.poll();
      }
    }

    Holdings result() {
      List<Held> listed = new ArrayList<>(top);
      listed.sort(RANK.reversed());
      return new Holdings(entries, units, latency, listed);
    }
  }
}
