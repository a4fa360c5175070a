package dev.stockbridge.testing;

import dev.stockbridge.StockKey;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.spi.TransientStorefrontException;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.util.Collection;
import java.util.Map;
import java.util.Random;

/**
 * Wraps the in-memory storefront with seeded faults: transient failures, competing writes that
 * cause version conflicts, and a crash after a given number of calls (an {@link Error}, like a
 * process dying, optionally after the write took effect).
 */
public final class FaultyStorefront implements StorefrontStock {

  /** Thrown once the storefront has "crashed": the process is gone. */
  public static final class Crash extends Error {
    Crash() {
      super("simulated crash");
    }
  }

  private final InMemoryStorefront target;
  private final Random random;
  private final double transientRate;
  private final double conflictRate;
  private final long crashAt;
  private final boolean crashAfterWrite;
  private long calls;
  private volatile boolean crashed;

  /**
   * Creates the wrapper.
   *
   * @param target the real storefront
   * @param seed the seed of every fault
   * @param transientRate share of calls failing transiently
   * @param conflictRate share of updates preceded by a competing write
   * @param crashAt the call that crashes, or 0 for never
   * @param crashAfterWrite whether the crashing call's write takes effect first
   */
  public FaultyStorefront(InMemoryStorefront target, long seed, double transientRate, double conflictRate, long crashAt, boolean crashAfterWrite) {
    this.target = target;
    this.random = new Random(seed);
    this.transientRate = transientRate;
    this.conflictRate = conflictRate;
    this.crashAt = crashAt;
    this.crashAfterWrite = crashAfterWrite;
  }

  /** Whether the crash has happened. @return {@code true} after the crash */
  public boolean crashed() {
    return crashed;
  }

  @Override
  public Map<StockKey, StockEntry> read(Collection<StockKey> keys) {
    step(false);
    return target.read(keys);
  }

  @Override
  public StockEntry update(StockEntry read, EntryUpdate update) {
    if (step(true)) {
      StockEntry after = target.update(read, update);
      crashed = true;
      throw new Crash();
    }
    boolean compete;
    synchronized (this) {
      compete = random.nextDouble() < conflictRate;
    }
    if (compete) {
      target.change(read.key(), 0); // another writer bumps the version meanwhile
    }
    return target.update(read, update);
  }

  /** Counts a call; returns true if it is the crashing write that takes effect first. */
  private boolean step(boolean write) {
    boolean fail;
    synchronized (this) {
      calls++;
      if (crashed) {
        throw new Crash();
      }
      if (crashAt > 0 && calls >= crashAt) {
        if (write && crashAfterWrite) {
          return true;
        }
        crashed = true;
        throw new Crash();
      }
      fail = random.nextDouble() < transientRate;
    }
    if (fail) {
      throw new TransientStorefrontException("injected 503", null, null);
    }
    return false;
  }
}
