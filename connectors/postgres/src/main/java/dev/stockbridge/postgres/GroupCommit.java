package dev.stockbridge.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers hand in batches, one writer thread takes everything waiting and writes it
 * in one transaction, then tells each caller. While a commit is in flight new batches queue up, so
 * under load many callers share one commit (and one WAL flush), and with one caller nothing waits
 * for a timer. The writer thread alone writes, so the order of batches in the table is the order
 * they were taken from the queue.
 *
 * <p>Thread-safety: {@link #submit} may be called from any thread; the queue is the only shared
 * state, and {@link #close} is idempotent.
 *
 * @param <T> what a batch holds
 */
final class GroupCommit<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  /** One caller's batch and its promise. */
  private record Pending<T>(List<T> items, CompletableFuture<Void> done) {}

  private final LinkedBlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
  private final Consumer<List<T>> writer;
  private final int maxPerCommit;
  private final Thread thread;
  private volatile boolean closed;
  private final Stats stats = new Stats();

  /** Commits and items written, for the benchmark's movements-per-commit figure. */
  static final class Stats {
    private long commits;
    private long items;

    synchronized void add(int count) {
      commits++;
      items += count;
    }

    /** Items per commit so far. */
    synchronized double itemsPerCommit() {
      return commits == 0 ? 0 : (double) items / commits;
    }

    synchronized long commits() {
      return commits;
    }
  }

  /**
   * Starts the writer thread.
   *
   * @param name the thread's name
   * @param writer writes the items in one transaction, or throws and writes nothing
   * @param maxPerCommit the most items per transaction (more wait for the next one)
   */
  GroupCommit(String name, Consumer<List<T>> writer, int maxPerCommit) {
    this.writer = writer;
    this.maxPerCommit = maxPerCommit;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues a batch.
   *
   * @return completes when the batch is committed, exceptionally if its transaction failed
   */
  CompletableFuture<Void> submit(List<T> items) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new PostgresStoreException("the journal is closed"));
      return done;
    }
    queue.add(new Pending<>(items, done));
    if (closed && queue.remove(new Pending<>(items, done))) {
      done.completeExceptionally(new PostgresStoreException("the journal is closed"));
    }
    return done;
  }

  Stats stats() {
    return stats;
  }

  private void run() {
    List<Pending<T>> group = new ArrayList<>();
    while (true) {
      try {
        Pending<T> first = queue.take();
        if (first.items() == null) {
          return; // the close marker: everything before it is written
        }
        group.add(first);
        int count = first.items().size();
        Pending<T> next;
        while (count < maxPerCommit && (next = queue.peek()) != null && next.items() != null) {
          group.add(queue.poll());
          count += next.items().size();
        }
        commit(group, count);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        group.clear();
      }
    }
  }

  private void commit(List<Pending<T>> group, int count) {
    List<T> all = new ArrayList<>(count);
    group.forEach(p -> all.addAll(p.items()));
    try {
      writer.accept(all);
      stats.add(all.size());
      group.forEach(p -> p.done().complete(null));
    } catch (RuntimeException e) {
      LOG.debug("group commit of {} items failed", all.size(), e);
      // The whole transaction rolled back, so no batch of the group counts as written.
      group.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  /** Writes what is queued, then stops the writer thread. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(new Pending<>(null, new CompletableFuture<>()));
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
