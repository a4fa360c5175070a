package dev.stockbridge.engine;

import dev.stockbridge.StockKey;
import dev.stockbridge.spi.StockEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one cache of storefront entries: the entry each key's writer last read or wrote, so that its
 * next write needs no read. Bounded: the least recently used entry goes first, and a key whose
 * entry was dropped is simply read again. Only a key's own writer (one at a time, the queue sees to
 * that) puts or removes its entry, so an entry here always carries the marker that writer last saw.
 * Thread-safe: every method holds the cache's monitor, briefly; nothing else is called under it.
 */
final class EntryCache {

  private final Map<StockKey, StockEntry> entries;

  EntryCache(int maxEntries) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<StockKey, StockEntry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  synchronized StockEntry get(StockKey key) {
    return entries.get(key);
  }

  synchronized void put(StockEntry entry) {
    entries.put(entry.key(), entry);
  }

  synchronized void remove(StockKey key) {
    entries.remove(key);
  }

  synchronized int size() {
    return entries.size();
  }
}
