package dev.stockbridge.storefront;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Quantities;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.EntryNotFoundException;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.spi.Supply;
import dev.stockbridge.spi.VersionConflictException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A storefront held in memory, with the semantics of commercetools inventory entries: a version per
 * entry, compare-and-set updates that conflict when the version is stale, and the storefront's own
 * order decrements ({@link #sell(StockKey, long)}) racing with Stockbridge's writes, and the
 * per-ledger exactly-once marks ({@link dev.stockbridge.spi.LedgerMarks}) beside the single-number
 * marker. The embedded
 * default and the reference for the storefront contract. Thread-safe.
 */
public final class InMemoryStorefront implements StorefrontStock {

  private final Map<StockKey, StockEntry> entries = new ConcurrentHashMap<>();
  private final LongAdder reads = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder conflicts = new LongAdder();

  /** A storefront with no entries yet. */
  public InMemoryStorefront() {}

  /**
   * Creates an entry, as a merchant does when a SKU is first stocked at a location.
   *
   * @param key the SKU and location
   * @param quantityOnStock the initial quantity
   * @return the new entry
   * @throws InvalidValueException if an entry for the key exists
   */
  public StockEntry create(StockKey key, long quantityOnStock) {
    StockEntry entry = new StockEntry(key, 1, quantityOnStock, quantityOnStock, 0, Supply.NONE);
    if (entries.putIfAbsent(key, entry) != null) {
      throw new InvalidValueException("key", key, "already has an inventory entry");
    }
    return entry;
  }

  /**
   * Decrements an entry the way the storefront itself does for a TrackOnly order: unconditionally,
   * bumping the version, possibly below zero.
   *
   * @param key the SKU and location
   * @param quantity the units sold, positive
   * @throws EntryNotFoundException if no entry exists
   */
  public void sell(StockKey key, long quantity) {
    change(key, -quantity);
  }

  /**
   * Changes an entry's quantity unconditionally, as a merchant editing stock in the storefront's
   * back office would.
   *
   * @param key the SKU and location
   * @param delta the signed change
   * @throws EntryNotFoundException if no entry exists
   */
  public void change(StockKey key, long delta) {
    if (entries.computeIfPresent(key, (k, e) -> withDelta(e, delta, 0, e.supply(), e.heldBack(), e.minimumStock(), e.heldWhy())) == null) {
      throw new EntryNotFoundException(key);
    }
  }

  /**
   * The entry of a key as it stands, without counting a read.
   *
   * @param key the key
   * @return the entry, or null if none
   */
  public StockEntry entry(StockKey key) {
    return entries.get(key);
  }

  @Override
  public Map<StockKey, StockEntry> read(Collection<StockKey> keys) {
    reads.increment();
    Map<StockKey, StockEntry> found = new LinkedHashMap<>();
    for (StockKey key : keys) {
      StockEntry entry = entries.get(key);
      if (entry != null) {
        found.put(key, entry);
      }
    }
    return found;
  }

  @Override
  public StockEntry update(StockEntry read, EntryUpdate update) {
    writes.increment();
    StockKey key = read.key();
    StockEntry[] result = new StockEntry[1];
    StockEntry after =
        entries.computeIfPresent(
            key,
            (k, current) -> {
              if (current.version() != read.version()) {
                return current;
              }
              result[0] = withDelta(
                  current, update.quantityDelta(), update.appliedSequence(), update.supply().orElse(current.supply()),
                  update.heldBack().orElse(current.heldBack()), update.minimumStock().orElse(current.minimumStock()),
                  update.heldWhy().orElse(current.heldWhy()));
              if (update.mark().isPresent()) {
                StockEntry d = result[0];
                result[0] = new StockEntry(d.key(), d.version(), d.quantityOnStock(), d.availableQuantity(), d.appliedSequence(),
                    d.supply(), d.heldBack(), d.ref(), update.mark().get().applyTo(current), d.minimumStock(), d.heldWhy());
              }
              return result[0];
            });
    if (after == null) {
      throw new EntryNotFoundException(key);
    }
    if (result[0] == null) {
      conflicts.increment();
      throw new VersionConflictException(key, read.version(), after.version());
    }
    return result[0];
  }

  /** Batched reads served so far. @return the count */
  public long reads() {
    return reads.sum();
  }

  /** Updates attempted so far, conflicting ones included. @return the count */
  public long writes() {
    return writes.sum();
  }

  /** Updates refused for a stale version. @return the count */
  public long conflicts() {
    return conflicts.sum();
  }

  private static StockEntry withDelta(
      StockEntry e, long delta, long sequence, Supply supply, long heldBack, long minimumStock, String heldWhy) {
    return new StockEntry(
        e.key(),
        e.version() + 1,
        Quantities.add("quantityOnStock", e.quantityOnStock(), delta),
        Quantities.add("availableQuantity", e.availableQuantity(), delta),
        sequence == 0 ? e.appliedSequence() : sequence,
        supply,
        heldBack,
        e.ref(),
        e.marks(),
        minimumStock,
        heldWhy);
  }
}
