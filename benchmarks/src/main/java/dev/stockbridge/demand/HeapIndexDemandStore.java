package dev.stockbridge.demand;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.store.RecordLog;
import dev.stockbridge.store.RecordLogException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The file demand store as it was before its index moved to disk (issue 13), kept verbatim but
 * for its name and format constant as {@code DemandStoreStartupBenchmark}'s baseline: the same
 * record log, with the whole index (a HashMap by id and a TreeSet by creation, about 250 bytes a
 * row) built in memory from a full read of the log on every open. Not for use outside the
 * benchmark. Thread-safe as it was: the index is guarded by this object's lock.
 */
public final class HeapIndexDemandStore implements DemandStore, AutoCloseable {

  private static final Comparator<Entry> ORDER =
      Comparator.comparingLong(Entry::createdSecond)
          .thenComparingInt(Entry::createdNano)
          .thenComparing(Entry::id);

  private final Path file;
  /** Set once, in {@link #open}, before the store is handed out. */
  private RecordLog log;
  private final Map<String, Entry> byId = new HashMap<>();
  private final TreeSet<Entry> ordered = new TreeSet<>(ORDER);

  private HeapIndexDemandStore(Path file) {
    this.file = file;
  }

  /**
   * Opens the store in a file, creating the file if it does not exist, and reads its index.
   *
   * @param file the store's file
   * @return the open store
   * @throws InvalidValueException if the path is null
   * @throws DemandStoreException if the file cannot be read, is not a demand store, or is already
   *     open
   */
  public static HeapIndexDemandStore open(Path file) {
    Checks.notNull("file", file);
    HeapIndexDemandStore store = new HeapIndexDemandStore(file);
    try {
      // The index is built while opening verifies the file: one read of it, not two.
      store.log = RecordLog.open(file, FileDemandStore.FORMAT, RecordLog.Forcer.DATA, (position, body) -> store.index(decode(file, body), position));
    } catch (RecordLogException e) {
      throw new DemandStoreException(file, "open", e);
    }
    return store;
  }

  /**
   * {@inheritDoc} The rows are forced to disk before this returns.
   *
   * @throws InvalidValueException if the iterable or a row is null; then no row is stored
   * @throws DemandStoreException if writing fails
   */
  @Override
  public void put(Iterable<DemandLine> lines) {
    List<DemandLine> rows = new ArrayList<>();
    Checks.notNull("lines", lines).forEach(line -> rows.add(Checks.notNull("line", line)));
    List<ByteBuffer> bodies = new ArrayList<>(rows.size());
    rows.forEach(line -> bodies.add(ByteBuffer.wrap(DemandCodec.encode(line))));
    long[] positions;
    try {
      positions = log.append(bodies);
    } catch (RecordLogException e) {
      throw new DemandStoreException(file, "append to", e);
    }
    synchronized (this) {
      for (int i = 0; i < rows.size(); i++) {
        index(rows.get(i), positions[i]);
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidValueException if the consumer is null
   * @throws DemandStoreException if reading fails
   */
  @Override
  public void forEach(Consumer<DemandLine> consumer) {
    Checks.notNull("consumer", consumer);
    read(snapshot(Instant.MIN), consumer);
  }

  /**
   * {@inheritDoc} Rows come ordered as for {@link #forEach(Consumer)}.
   *
   * @throws InvalidValueException if an argument is null
   * @throws DemandStoreException if reading fails
   */
  @Override
  public void forEachUpdatedSince(Instant since, Consumer<DemandLine> consumer) {
    Checks.notNull("since", since);
    Checks.notNull("consumer", consumer);
    read(snapshot(since), consumer);
  }

  /**
   * How many distinct rows the store holds.
   *
   * @return the row count
   */
  public synchronized int size() {
    return byId.size();
  }

  /**
   * Closes the file. Rows already stored are on disk.
   *
   * @throws DemandStoreException if closing fails
   */
  @Override
  public void close() {
    try {
      log.close();
    } catch (RecordLogException e) {
      throw new DemandStoreException(file, "close", e);
    }
  }

  /** Points a row's id at a copy, unless the index holds a copy later in the file. */
  private synchronized void index(DemandLine line, long offset) {
    Entry entry =
        new Entry(
            line.createdAt().getEpochSecond(),
            line.createdAt().getNano(),
            line.id(),
            offset,
            line.updatedAt().getEpochSecond(),
            line.updatedAt().getNano());
    Entry previous = byId.get(line.id());
    if (previous != null) {
      if (previous.offset() > offset) {
        return;
      }
      ordered.remove(previous);
    }
    byId.put(line.id(), entry);
    ordered.add(entry);
  }

  private synchronized long[] snapshot(Instant since) {
    long[] offsets = new long[byId.size()];
    int count = 0;
    for (Entry entry : ordered) {
      if (entry.updatedSecond() > since.getEpochSecond()
          || (entry.updatedSecond() == since.getEpochSecond()
              && entry.updatedNano() >= since.getNano())) {
        offsets[count++] = entry.offset();
      }
    }
    return Arrays.copyOf(offsets, count);
  }

  private void read(long[] offsets, Consumer<DemandLine> consumer) {
    try {
      log.read(offsets, (position, body) -> consumer.accept(decode(file, body)));
    } catch (RecordLogException e) {
      throw new DemandStoreException(file, "read", e);
    }
  }

  private static DemandLine decode(Path file, ByteBuffer body) {
    try {
      return DemandCodec.decode(new DataInputStream(
          new ByteArrayInputStream(body.array(), body.arrayOffset() + body.position(), body.remaining())));
    } catch (IOException | RuntimeException e) {
      throw new DemandStoreException(file, "decode a row of", e);
    }
  }

  /** Where one row's current copy lies, with the instants the index orders and filters by. */
  private record Entry(
      long createdSecond, int createdNano, String id, long offset, long updatedSecond, int updatedNano) {}
}
