package dev.stockbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.StockKey;
import dev.stockbridge.spi.EntryNotFoundException;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.Ledger;
import dev.stockbridge.spi.LedgerMark;
import dev.stockbridge.spi.LedgerMarks;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.spi.Supply;
import dev.stockbridge.spi.VersionConflictException;
import dev.stockbridge.spi.TransientStorefrontException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StorefrontStock} must show. Each adapter's test extends this class and
 * supplies the storefront plus two platform-side hooks.
 */
public abstract class StorefrontStockContract {

  /** For the subclass that names what is under test. */
  protected StorefrontStockContract() {}

  /** The storefront under test. @return the adapter */
  protected abstract StorefrontStock storefront();

  /**
   * Creates an entry on the platform side, as a merchant would.
   *
   * @param key the key
   * @param quantity the initial quantity on stock
   */
  protected abstract void createEntry(StockKey key, long quantity);

  /**
   * Decrements an entry on the platform side, as a TrackOnly order does.
   *
   * @param key the key
   * @param quantity units sold
   */
  protected abstract void sellOnPlatform(StockKey key, long quantity);

  /** How many keys a batched read is tested with; large enough to need paging. @return the count */
  protected int batchSize() {
    return 600;
  }

  /** Keys unique to one test run, so tests never see each other's entries. */
  protected StockKey uniqueKey(String location) {
    return StockKey.of("SKU-" + UUID.randomUUID(), location);
  }

  private StockEntry read(StockKey key) {
    return storefront().read(List.of(key)).get(key);
  }

  @Test
  void read_absentKey_isMissingFromResult() {
    StockKey present = uniqueKey("dc-1");
    createEntry(present, 4);
    Map<StockKey, StockEntry> found = storefront().read(List.of(present, uniqueKey("dc-1")));
    assertThat(found).containsOnlyKeys(present);
    assertThat(found.get(present).quantityOnStock()).isEqualTo(4);
    assertThat(found.get(present).appliedSequence()).isZero();
  }

  @Test
  void read_manyKeys_returnsEveryEntry() {
    List<StockKey> keys = new ArrayList<>();
    for (int i = 0; i < batchSize(); i++) {
      StockKey key = uniqueKey("dc-" + (i % 3));
      keys.add(key);
      createEntry(key, i);
    }
    Map<StockKey, StockEntry> found = storefront().read(keys);
    assertThat(found).hasSize(batchSize());
    for (int i = 0; i < batchSize(); i++) {
      assertThat(found.get(keys.get(i)).quantityOnStock()).isEqualTo(i);
    }
  }

  @Test
  void update_appliesDeltaAndMarkerTogether() {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 10);
    StockEntry before = read(key);

    StockEntry after = storefront().update(before, EntryUpdate.movements(-3, 7));

    assertThat(after.quantityOnStock()).isEqualTo(7);
    assertThat(after.appliedSequence()).isEqualTo(7);
    assertThat(after.version()).isNotEqualTo(before.version());
    assertThat(read(key)).isEqualTo(after);
  }

  @Test
  void update_heldBackAndMinimumStock_areKeptWithTheQuantity_untilChanged() {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 10);

    StockEntry held = storefront().update(read(key), EntryUpdate.movements(-3, 1).withHeldBack(3).withMinimumStock(3));
    StockEntry sold = storefront().update(held, EntryUpdate.movements(-2, 2));

    assertThat(held.quantityOnStock()).isEqualTo(7);
    assertThat(read(key).heldBack()).isEqualTo(3);
    assertThat(read(key).minimumStock()).isEqualTo(3);
    assertThat(read(key).sellable()).isEqualTo(8);
    assertThat(sold.minimumStock()).isEqualTo(3);
    StockEntry lifted = storefront().update(read(key), EntryUpdate.movements(3, 3).withHeldBack(0).withMinimumStock(0));
    assertThat(read(key)).isEqualTo(lifted);
    assertThat(lifted.minimumStock()).isZero();
    assertThat(lifted.quantityOnStock()).isEqualTo(8);
  }

  @Test
  void update_heldWhy_isKeptWithTheHeldBackUnits_untilChanged_andClearedWhenEmpty() {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 10);
    String why = "latency 2 (30 order units in 60 s × 900 ms of lag and p99), safety 1";

    StockEntry held = storefront().update(read(key), EntryUpdate.movements(-3, 1).withHeldBack(3).withHeldWhy(why));
    StockEntry sold = storefront().update(held, EntryUpdate.movements(-2, 2));

    assertThat(read(key).heldWhy()).isEqualTo(why);
    assertThat(sold.heldWhy()).as("an update that says nothing of it leaves it").isEqualTo(why);
    StockEntry lifted = storefront().update(read(key), EntryUpdate.movements(3, 3).withHeldBack(0).withHeldWhy(""));
    assertThat(lifted.heldWhy()).isEmpty();
    assertThat(read(key)).isEqualTo(lifted);
  }

  @Test
  void update_mayTakeStockBelowZero() {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 1);
    StockEntry after = storefront().update(read(key), EntryUpdate.movements(-3, 1));
    assertThat(after.quantityOnStock()).isEqualTo(-2);
  }

  @Test
  void update_withStaleVersion_conflictsAndChangesNothing() {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 10);
    StockEntry stale = read(key);
    sellOnPlatform(key, 2);

    assertThatThrownBy(() -> storefront().update(stale, EntryUpdate.movements(-1, 1)))
        .isInstanceOf(VersionConflictException.class)
        .hasMessageContaining(key.sku().value());
    StockEntry now = read(key);
    assertThat(now.quantityOnStock()).isEqualTo(8);
    assertThat(now.appliedSequence()).isZero();
  }

  @Test
  void update_withStaleVersion_namesTheCurrentVersion_ifItSaysOne() {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 10);
    StockEntry stale = read(key);
    sellOnPlatform(key, 2);

    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> storefront().update(stale, EntryUpdate.movements(-1, 1)));

    assertThat(thrown).isInstanceOf(VersionConflictException.class);
    // The engine retries a clean conflict at once with this version: it must be the current one.
    ((VersionConflictException) thrown).currentVersion()
        .ifPresent(current -> assertThat(current).isEqualTo(read(key).version()));
  }

  @Test
  void update_withoutMarker_keepsMarker() {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 10);
    StockEntry marked = storefront().update(read(key), EntryUpdate.movements(-1, 5));
    StockEntry derived = storefront().update(marked, EntryUpdate.derived(marked, 3));
    assertThat(derived.quantityOnStock()).isEqualTo(3);
    assertThat(derived.appliedSequence()).isEqualTo(5);
  }

  @Test
  void update_ledgerMarks_eachLedgerKeepsItsOwn_andTheQuantityMovesWithIt() {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 10);
    Ledger a = new Ledger("ledger-a", false);
    Ledger b = new Ledger("ledger-b", false);

    StockEntry first = storefront().update(read(key), EntryUpdate.movements(-2, new LedgerMark(a, 5, 20_000)));
    StockEntry second = storefront().update(first, EntryUpdate.movements(-1, new LedgerMark(b, 3, 20_000)));

    StockEntry now = read(key);
    assertThat(now).isEqualTo(second);
    assertThat(now.quantityOnStock()).isEqualTo(7);
    assertThat(a.appliedOn(now)).isEqualTo(5);
    assertThat(b.appliedOn(now)).isEqualTo(3);
    assertThat(new Ledger("ledger-c", false).appliedOn(now)).as("another ledger: nothing of it applied").isZero();
    assertThat(now.appliedSequence()).as("the single-number marker is left alone").isZero();
  }

  @Test
  void update_ledgerMark_ofALedgerThatAdoptsTheLegacyMarker_setsBoth() {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 10);
    StockEntry legacy = storefront().update(read(key), EntryUpdate.movements(-1, 4));
    Ledger upgraded = new Ledger("ledger-up", true);
    assertThat(upgraded.appliedOn(legacy)).as("reads the old marker as its own").isEqualTo(4);

    StockEntry after = storefront().update(legacy, EntryUpdate.movements(-1, new LedgerMark(upgraded, 6, 20_000)));

    assertThat(after.appliedSequence()).isEqualTo(6);
    assertThat(after.marks().sequence("ledger-up")).hasValue(6);
    assertThat(read(key)).isEqualTo(after);
  }

  @Test
  void update_ledgerMark_prunesLedgersUnseenForTheRetention() {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 10);
    Ledger old = new Ledger("ledger-old", false);
    Ledger now = new Ledger("ledger-now", false);
    StockEntry first = storefront().update(read(key), EntryUpdate.movements(-1, new LedgerMark(old, 9, 1_000)));
    StockEntry later = storefront().update(first, EntryUpdate.movements(-1, new LedgerMark(now, 2, 1_000 + LedgerMarks.RETENTION_DAYS + 1)));
    assertThat(later.marks().marks()).containsOnlyKeys("ledger-now");
  }

  @Test
  void update_supply_setsAndClearsFields() {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 10);
    Instant due = Instant.parse("2026-12-24T09:00:00Z");
    Supply supply = new Supply(Optional.of(due), OptionalInt.of(14), OptionalLong.of(3));

    StockEntry set = storefront().update(read(key), EntryUpdate.supply(supply));
    assertThat(set.supply()).isEqualTo(supply);
    assertThat(set.quantityOnStock()).isEqualTo(10);

    StockEntry cleared = storefront().update(set, EntryUpdate.supply(Supply.NONE));
    assertThat(cleared.supply()).isEqualTo(Supply.NONE);
  }

  @Test
  void update_missingEntry_isNotFound() {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 1);
    StockEntry read = read(key);
    StockEntry ghost = new StockEntry(uniqueKey("dc-1"), read.version(), 1, 1, 0, Supply.NONE);
    assertThatThrownBy(() -> storefront().update(ghost, EntryUpdate.movements(-1, 1)))
        .isInstanceOf(EntryNotFoundException.class);
  }

  @Test
  void concurrentRelativeUpdates_withRereadOnConflict_loseNothing() throws Exception {
    StockKey key = uniqueKey("dc-1");
    createEntry(key, 1000);
    int writers = 4;
    int perWriter = 25;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perWriter; i++) {
                    while (true) {
                      try {
                        storefront().update(read(key), EntryUpdate.movements(-1, 0));
                        break;
                      } catch (VersionConflictException retry) {
                        // re-read and re-apply the relative change
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(read(key).quantityOnStock()).isEqualTo(1000 - writers * perWriter);
  }
}
