package dev.stockbridge.engine;

import dev.stockbridge.StockKey;
import dev.stockbridge.spi.EntryNotFoundException;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.VersionConflictException;
import java.util.List;
import java.util.Map;

/**
 * The engine's requests to the storefront: each is paid with a permit and counted, none is retried
 * here (the writer's retry policy is the only retry layer). Thread-safe: stateless but for atomic
 * counters.
 */
final class StorefrontCalls {

  private final EngineConfig config;
  private final Counters counters;

  StorefrontCalls(EngineConfig config, Counters counters) {
    this.config = config;
    this.counters = counters;
  }

  /** Reads entries (one location's keys: one request); absent keys have none. */
  Map<StockKey, StockEntry> read(List<StockKey> keys, Call call) throws InterruptedException {
    call.pay();
    return config.storefront().read(keys);
  }

  /** Reads one entry. @throws EntryNotFoundException if it has none */
  StockEntry readOne(StockKey key, Call call) throws InterruptedException {
    StockEntry entry = read(List.of(key), call).get(key);
    if (entry == null) {
      throw new EntryNotFoundException(key);
    }
    return entry;
  }

  /** Sends one compare-and-set update; counts conflicts. */
  StockEntry update(StockEntry entry, EntryUpdate update, Call call) throws InterruptedException {
    call.pay();
    try {
      StockEntry after = config.storefront().update(entry, update);
      counters.lastSuccess.set(config.clock().instant());
      return after;
    } catch (VersionConflictException e) {
      counters.conflicts.incrementAndGet();
      throw e;
    }
  }
}
