package dev.stockbridge.kafka;

import dev.stockbridge.StockKey;
import dev.stockbridge.spi.Ledger;
import dev.stockbridge.spi.StockEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One owned partition of the movements topic: a queue per key, written in offset order by one
 * writer at a time, while other keys of the partition are written in parallel (one slow SKU does
 * not hold the partition's other keys). What may be committed is the lowest offset not yet
 * written: everything below it is on the storefront, so a new owner after a rebalance starts
 * there and the entries' marks skip what it finds applied.
 *
 * <p>Thread-safe. {@code lock} guards {@link #queues}, {@link #cache}, {@link #closed} and the
 * running count; {@link #pending} is concurrent and read without it. Records are offered by the
 * consumer thread; key tasks run on the writer pool.
 */
final class PartitionWork {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionWork.class);
  private static final long RETRY_PAUSE_MILLIS = 1_000;

  private final int partition;
  private final Ledger ledger;
  private final KeyWriter writer;
  private final Executor pool;
  private final AtomicInteger buffered;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final Map<StockKey, ArrayDeque<KeyWriter.Waiting>> queues = new HashMap<>();
  private final Map<StockKey, StockEntry> cache = new HashMap<>();
  private final NavigableSet<Long> pending = new ConcurrentSkipListSet<>();
  private int running;
  private boolean closed;

  PartitionWork(int partition, Ledger ledger, KeyWriter writer, Executor pool, AtomicInteger buffered) {
    this.partition = partition;
    this.ledger = ledger;
    this.writer = writer;
    this.pool = pool;
    this.buffered = buffered;
  }

  Ledger ledger() {
    return ledger;
  }

  /** Queues a record of its key; starts the key's writer if none runs. */
  void offer(StockKey key, KeyWriter.Waiting waiting) {
    pending.add(waiting.offset());
    buffered.incrementAndGet();
    lock.lock();
    try {
      ArrayDeque<KeyWriter.Waiting> queue = queues.get(key);
      if (queue != null) {
        queue.add(waiting); // its writer is running and takes it next
        return;
      }
      queue = new ArrayDeque<>();
      queue.add(waiting);
      queues.put(key, queue);
      running++;
    } finally {
      lock.unlock();
    }
    pool.execute(() -> drain(key));
  }

  /** Writes the key's queue until it is empty; the queue leaves the map when it is. */
  private void drain(StockKey key) {
    try {
      while (true) {
        List<KeyWriter.Waiting> batch;
        StockEntry cached;
        lock.lock();
        try {
          ArrayDeque<KeyWriter.Waiting> queue = queues.get(key);
          if (closed || queue.isEmpty()) {
            queues.remove(key);
            return;
          }
          batch = new ArrayList<>(queue);
          queue.clear();
          cached = cache.get(key);
        } finally {
          lock.unlock();
        }
        StockEntry written;
        try {
          written = writer.write(ledger, key, batch, cached);
        } catch (RuntimeException unexpected) {
          // Not the storefront (the writer handles its failures): the derive producer, a bug. The
          // batch goes back to the head of its queue, uncommitted, and is tried again.
          LOG.warn("partition {} writer of {} failed, retrying in {} ms: {}", partition, key, RETRY_PAUSE_MILLIS,
              unexpected.toString());
          requeue(key, batch);
          Thread.sleep(RETRY_PAUSE_MILLIS);
          continue;
        }
        lock.lock();
        try {
          if (written == null) {
            cache.remove(key);
          } else {
            cache.put(key, written);
          }
        } finally {
          lock.unlock();
        }
        batch.forEach(w -> pending.remove(w.offset()));
        buffered.addAndGet(-batch.size());
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt(); // abandoned: what is left stays uncommitted
    } catch (Error e) {
      LOG.error("partition {} writer of {} failed; its records stay uncommitted: {}", partition, key, e.toString(), e);
      throw e;
    } finally {
      lock.lock();
      try {
        running--;
        idle.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private void requeue(StockKey key, List<KeyWriter.Waiting> batch) {
    lock.lock();
    try {
      ArrayDeque<KeyWriter.Waiting> queue = queues.get(key);
      ArrayDeque<KeyWriter.Waiting> again = new ArrayDeque<>(batch);
      again.addAll(queue);
      queue.clear();
      queue.addAll(again);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The offset to commit: the lowest one not yet written, or {@code position} (the consumer's
   * next offset) when every record polled is written.
   */
  long committable(long position) {
    Long first = pending.isEmpty() ? null : pending.first();
    return first == null ? position : Math.min(first, position);
  }

  /**
   * Stops taking the partition's records and waits, at most the grace, for the writes in flight;
   * what was not written stays uncommitted for the next owner. Returns whether all finished.
   */
  boolean close(long graceMillis) throws InterruptedException {
    lock.lock();
    try {
      closed = true;
      long nanos = TimeUnit.MILLISECONDS.toNanos(graceMillis);
      while (running > 0 && nanos > 0) {
        nanos = idle.awaitNanos(nanos);
      }
      int left = queues.values().stream().mapToInt(ArrayDeque::size).sum();
      buffered.addAndGet(-left);
      queues.values().forEach(ArrayDeque::clear);
      return running == 0;
    } finally {
      lock.unlock();
    }
  }
}
