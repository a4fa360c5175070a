package dev.stockbridge.kafka;

import dev.stockbridge.StockKey;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.LedgerMark;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A storefront that checks, on every update it passes on, that no ledger's mark on an entry ever
 * goes backwards or repeats: an update with a mark at or below the one the entry held would apply
 * offsets a second time. Counts the updates. Thread-safe.
 */
final class RecordingStorefront implements StorefrontStock {

  private final StorefrontStock delegate;
  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicLong updates = new java.util.concurrent.atomic.AtomicLong();

  RecordingStorefront(StorefrontStock delegate) {
    this.delegate = delegate;
  }

  @Override
  public Map<StockKey, StockEntry> read(Collection<StockKey> keys) {
    return delegate.read(keys);
  }

  @Override
  public StockEntry update(StockEntry read, EntryUpdate update) {
    StockEntry after = delegate.update(read, update);
    updates.incrementAndGet();
    if (update.mark().isPresent()) {
      LedgerMark mark = update.mark().get();
      long before = read.marks().sequence(mark.ledger().id()).orElse(0);
      if (mark.sequence() <= before) {
        violations.add(read.key() + ": " + mark.ledger().id() + " marked " + mark.sequence() + " over " + before);
      }
    }
    return after;
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  long updates() {
    return updates.get();
  }
}
