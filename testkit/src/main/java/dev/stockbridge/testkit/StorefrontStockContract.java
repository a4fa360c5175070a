package dev.stockbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.StockKey;
import dev.stockbridge.spi.EntryNotFoundException;
import dev.stockbridge.spi.EntryUpdate;
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
