package dev.stockbridge.examples.demo;

import dev.stockbridge.StockKey;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.spi.TransientStorefrontException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The demo's storefront: a real in-memory storefront behind a switch that simulates an outage. */
final class OutageStorefront implements StorefrontStock {

  private final StorefrontStock target;
  private final AtomicLong refused = new AtomicLong();
  private volatile boolean down;

  OutageStorefront(StorefrontStock target) {
    this.target = target;
  }

  void down(boolean down) {
    this.down = down;
  }

  long refused() {
    return refused.get();
  }

  @Override
  public Map<StockKey, StockEntry> read(Collection<StockKey> keys) {
    refuseIfDown();
    return target.read(keys);
  }

  @Override
  public StockEntry update(StockEntry read, EntryUpdate update) {
    refuseIfDown();
    return target.update(read, update);
  }

  private void refuseIfDown() {
    if (down) {
      refused.incrementAndGet();
      throw new TransientStorefrontException("503 Service Unavailable (simulated outage)", Duration.ofMillis(20), null);
    }
  }
}
