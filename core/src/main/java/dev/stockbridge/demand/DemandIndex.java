package dev.stockbridge.demand;

import dev.stockbridge.demand.IndexTypes.Key;
import dev.stockbridge.demand.IndexTypes.KeyType;
import dev.stockbridge.demand.IndexTypes.Row;
import dev.stockbridge.demand.IndexTypes.RowType;
import dev.stockbridge.demand.IndexTypes.Slot;
import dev.stockbridge.demand.IndexTypes.SlotType;
import dev.stockbridge.store.RecordLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.RootReference;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FileDemandStore}'s index, on disk in an H2 MVStore file beside the log: a cache the log can
 * always rebuild, never a second authority. Three maps: row id to its current copy; (createdAt,
 * id) to the copy's offset and updatedAt, for ordered iteration; (updatedAt, id) to the offset and
 * createdAt, so an incremental read touches only the rows it returns. A fourth map holds the index's
 * format and the {@link RecordLog.Mark} of the last log record it covers, committed with the
 * entries it covers.
 *
 * <p><b>Commits.</b> MVStore's own commits (its background thread, its unsaved-memory trigger) are
 * off: they could persist one map's change without another's. This class commits under its lock,
 * between updates, so every version on disk is an index of exactly the log up to its mark. It
 * commits when the unsaved pages reach a limit, when the log covered since the last commit reaches
 * another (bounding the catch-up after a crash), and on close; after each it rewrites some chunks
 * of low fill rate (MVStore's housekeeping thread is off too). Commits are not forced: an index
 * that loses its last commits is older, and catches up.
 *
 * <p><b>Coverage.</b> Concurrent puts index their rows in any order, but the mark advances only over
 * log ranges indexed without a gap ({@code pending} holds the ranges past a gap), so a committed
 * mark never claims a row it lacks.
 *
 * <p><b>Locking.</b> Updates, the mark, {@code pending} and commits are guarded by this object's
 * lock. Readers take a {@link #scan snapshot}: the maps' roots at one moment, with that MVStore
 * version registered as in use so its pages are not reclaimed; they read it without the lock.
 */
final class DemandIndex implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FileDemandStore.class);

  static final String FORMAT = "1";
  /** Rows per batch handed to a reader, and the most an incremental read sorts in memory. */
  static final int BATCH = 1024;
  static final int SORT_LIMIT = 16 * 1024;
  /** The log covered since the last commit that triggers one: what a crash makes the next open re-read. */
  static final long COMMIT_EVERY_LOG_BYTES = 8L << 20;
  /**
   * The unsaved pages that trigger a commit while opening catches up or rebuilds: fewer, larger
   * commits (each rewrites the pages it changed, and MVStore keeps replaced chunks for 45 s), at
   * the price of this much more heap while opening.
   */
  static final int BULK_COMMIT_MEMORY = 16 << 20;
  /** The share of live data in the chunks below which each commit rewrites some of them. */
  static final int COMPACT_BELOW_FILL_RATE = 60;

  private final Path path;
  private final MVStore store;
  private final MVMap<String, String> meta;
  private final MVMap<String, Row> byId;
  private final MVMap<Key, Slot> byCreation;
  private final MVMap<Key, Slot> byUpdate;
  private final int commitMemory;
  private final int sortLimit;

  /** The end of the log indexed without a gap, and the mark of the record ending there. */
  private long frontier;
  private RecordLog.Mark frontierMark;
  /** Ranges indexed past the frontier, by start: their end and last record's mark. */
  private final TreeMap<Long, RecordLog.Mark> pending = new TreeMap<>();
  /**
   * The end of the furthest range indexed, past the frontier while {@code pending} holds ranges. A
   * commit records it: entries past the mark are only safe for the log they came from, so an index
   * whose reach passes its mark is rebuilt on open rather than trusted against a restored log.
   */
  private long reach;
  private long coveredSinceCommit;

  private DemandIndex(Path path, MVStore store, int commitMemory, int sortLimit) {
    this.path = path;
    this.store = store;
    this.commitMemory = commitMemory;
    this.sortLimit = sortLimit;
    this.meta = store.openMap("meta",
        new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    this.byId = store.openMap("byId",
        new MVMap.Builder<String, Row>().keyType(StringDataType.INSTANCE).valueType(RowType.INSTANCE));
    this.byCreation = store.openMap("byCreation",
        new MVMap.Builder<Key, Slot>().keyType(KeyType.INSTANCE).valueType(SlotType.INSTANCE));
    this.byUpdate = store.openMap("byUpdate",
        new MVMap.Builder<Key, Slot>().keyType(KeyType.INSTANCE).valueType(SlotType.INSTANCE));
  }

  /**
   * Opens the index file, or starts it afresh (logged at WARN) if it cannot be read or is not an
   * index of this format: it is rebuilt from the log then.
   *
   * @throws DemandStoreException if the file is open elsewhere or cannot be replaced
   */
  static DemandIndex open(Path path, Path log, int cacheMegabytes, int sortLimit) {
    int commitMemory = Math.max(256 << 10, (cacheMegabytes << 20) / 4);
    try {
      MVStore opened = mvstore(path, cacheMegabytes);
      try {
        DemandIndex index = new DemandIndex(path, opened, commitMemory, sortLimit);
        index.check();
        return index;
      } catch (RuntimeException e) {
        opened.closeImmediately(); // its file handle and lock too, before the file is replaced
        throw e;
      }
    } catch (MVStoreException e) {
      if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
        throw new DemandStoreException(log, "open the index " + path + " (already open) of", e);
      }
      LOG.warn("demand store {}: its index {} cannot be read ({}); starting it afresh, to rebuild from the log",
          log, path, e.toString());
    } catch (IllegalStateException | IllegalArgumentException | IndexOutOfBoundsException
        | java.nio.BufferUnderflowException e) {
      // What MVStore throws besides its own exception on bytes it cannot make sense of.
      LOG.warn("demand store {}: its index {} cannot be read ({}); starting it afresh, to rebuild from the log",
          log, path, e.toString());
    }
    try {
      Files.deleteIfExists(path);
      return new DemandIndex(path, mvstore(path, cacheMegabytes), commitMemory, sortLimit);
    } catch (IOException | MVStoreException e) {
      throw new DemandStoreException(log, "replace the damaged index " + path + " of", e);
    }
  }

  private static MVStore mvstore(Path path, int cacheMegabytes) {
    return new MVStore.Builder()
        .fileName(path.toString())
        .cacheSize(cacheMegabytes)
        .autoCommitDisabled()
        .autoCommitBufferSize(0)
        .open();
  }

  /** Fails, as a damaged file would, if the maps disagree or the format is another. */
  private void check() {
    String format = meta.get("format");
    if (format != null && !format.equals(FORMAT)) {
      throw new IllegalStateException("index format " + format + ", not " + FORMAT);
    }
    long rows = byId.sizeAsLong();
    if (byCreation.sizeAsLong() != rows || byUpdate.sizeAsLong() != rows) {
      throw new IllegalStateException("its maps hold " + rows + ", " + byCreation.sizeAsLong() + " and "
          + byUpdate.sizeAsLong() + " entries");
    }
  }

  /** The last log record the index covers, or null if it must be rebuilt from the start. */
  synchronized RecordLog.Mark mark() {
    String mark = meta.get("mark");
    if (mark == null || meta.containsKey("stale") || !FORMAT.equals(meta.get("format"))) {
      return null;
    }
    String[] parts = mark.split(",");
    try {
      RecordLog.Mark parsed = new RecordLog.Mark(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
      // Committed mid-way through concurrent puts (a crash, not a close): entries past the mark.
      return Long.parseLong(meta.getOrDefault("reach", "0")) > parsed.end() ? null : parsed;
    } catch (RuntimeException e) {
      return null; // unreadable: rebuild
    }
  }

  /** Empties the index, its mark first, so no commit from here on claims any of the log. */
  synchronized void clear() {
    meta.remove("mark");
    meta.remove("stale");
    byId.clear();
    byCreation.clear();
    byUpdate.clear();
    meta.put("format", FORMAT);
    pending.clear();
    frontier = 0;
    frontierMark = null;
    reach = 0;
  }

  /**
   * Where the indexed log ends: from where opening verifies, then after each record it visits,
   * then (committed) where the open log ends, which appends follow. Opening is single-threaded, and
   * skips damaged ranges, so it moves the frontier directly.
   */
  synchronized void frontier(long end, RecordLog.Mark last) {
    long before = frontier;
    frontier = end;
    frontierMark = last;
    reach = Math.max(reach, end);
    coveredSinceCommit += Math.max(0, end - before);
    if (coveredSinceCommit >= 8 * COMMIT_EVERY_LOG_BYTES || store.getUnsavedMemory() >= BULK_COMMIT_MEMORY) {
      commit();
    }
  }

  /**
   * Points a row's id at a copy, unless the index holds a copy later in the log. Idempotent, so
   * catching up over rows an earlier commit already held is harmless.
   */
  synchronized void put(DemandLine line, long offset) {
    String id = line.id();
    Row previous = byId.get(id);
    if (previous != null) {
      if (previous.offset() > offset) {
        return;
      }
      byCreation.remove(previous.creation(id));
      byUpdate.remove(previous.update(id));
    }
    Row row = Row.of(line, offset);
    byCreation.put(row.creation(id), new Slot(offset, row.updatedSecond(), row.updatedNano()));
    byUpdate.put(row.update(id), new Slot(offset, row.createdSecond(), row.createdNano()));
    byId.put(id, row);
  }

  /**
   * Records that the log range [start, last.end()) is indexed, advancing the mark over it once
   * every range before it is, and commits if enough is unsaved.
   */
  synchronized void covered(long start, RecordLog.Mark last) {
    reach = Math.max(reach, last.end());
    if (start != frontier) {
      pending.put(start, last);
      return;
    }
    long before = frontier;
    frontier = last.end();
    frontierMark = last;
    for (Map.Entry<Long, RecordLog.Mark> next = pending.pollFirstEntry(); next != null; next = pending.pollFirstEntry()) {
      if (next.getKey() != frontier) {
        pending.put(next.getKey(), next.getValue());
        break;
      }
      frontier = next.getValue().end();
      frontierMark = next.getValue();
    }
    coveredSinceCommit += frontier - before;
    if (coveredSinceCommit >= COMMIT_EVERY_LOG_BYTES || store.getUnsavedMemory() >= commitMemory) {
      commit();
    }
  }

  /**
   * Drops a copy a read found damaged, and makes the next open rebuild the index from the whole
   * log, which sets the damage aside and falls back to an earlier intact copy of the row if any.
   */
  synchronized void damaged(String id, long offset) {
    Row row = byId.get(id);
    if (row != null && row.offset() == offset) {
      byCreation.remove(row.creation(id));
      byUpdate.remove(row.update(id));
      byId.remove(id);
    }
    meta.put("stale", "a damaged record at " + offset);
    commit();
  }

  synchronized long size() {
    return byId.sizeAsLong();
  }

  /** The mark goes into each commit with the entries it covers, so a commit never claims more. */
  private void writeMark() {
    if (frontierMark == null) {
      meta.remove("mark");
    } else {
      meta.put("mark", frontierMark.position() + "," + frontierMark.end() + "," + frontierMark.checksum());
    }
    meta.put("reach", Long.toString(reach));
  }

  synchronized void commit() {
    writeMark();
    store.commit();
    coveredSinceCommit = 0;
    // MVStore's background housekeeping is off with its auto-commit: without this, chunks that
    // keep a few live pages (rows re-put long after) are never reclaimed and the file keeps every
    // byte ever written. Rewriting moves live pages, a logical no-op, saved by the next commit.
    store.compact(COMPACT_BELOW_FILL_RATE, commitMemory);
  }

  /**
   * Hands a snapshot's rows to a reader in order of creation then id, a batch at a time: every row,
   * or (with {@code since}) those updated at or after it. A small incremental set is gathered from
   * the update map and sorted; past {@code sortLimit} rows ({@link #SORT_LIMIT} but in tests) the creation map is filtered instead,
   * so memory stays bounded either way.
   */
  void scan(Instant since, Batches reader) {
    RootReference<Key, Slot> creation;
    RootReference<Key, Slot> update;
    MVStore.TxCounter pin;
    synchronized (this) {
      pin = store.registerVersionUsage();
      creation = byCreation.flushAndGetRoot();
      update = byUpdate.flushAndGetRoot();
    }
    try {
      if (since == null || !incremental(since, update, reader)) {
        filtered(since, creation, reader);
      }
    } finally {
      store.deregisterVersionUsage(pin);
    }
  }

  private boolean incremental(Instant since, RootReference<Key, Slot> update, Batches reader) {
    List<Map.Entry<Key, Long>> rows = new ArrayList<>();
    Cursor<Key, Slot> cursor = byUpdate.cursor(update, Key.from(since), null, false);
    while (cursor.hasNext()) {
      Key key = cursor.next();
      Slot slot = cursor.getValue();
      if (rows.size() == sortLimit) {
        return false;
      }
      rows.add(Map.entry(new Key(slot.second(), slot.nano(), key.id()), slot.offset()));
    }
    rows.sort((a, b) -> a.getKey().compareTo(b.getKey()));
    Batch batch = new Batch();
    for (Map.Entry<Key, Long> row : rows) {
      if (batch.add(row.getKey().id(), row.getValue())) {
        reader.read(batch);
        batch.clear();
      }
    }
    if (batch.count > 0) {
      reader.read(batch);
    }
    return true;
  }

  private void filtered(Instant since, RootReference<Key, Slot> creation, Batches reader) {
    long second = since == null ? Long.MIN_VALUE : since.getEpochSecond();
    int nano = since == null ? 0 : since.getNano();
    Cursor<Key, Slot> cursor = byCreation.cursor(creation, null, null, false);
    Batch batch = new Batch();
    while (cursor.hasNext()) {
      Key key = cursor.next();
      Slot slot = cursor.getValue();
      if (slot.second() < second || (slot.second() == second && slot.nano() < nano)) {
        continue;
      }
      if (batch.add(key.id(), slot.offset())) {
        reader.read(batch);
        batch.clear();
      }
    }
    if (batch.count > 0) {
      reader.read(batch);
    }
  }

  /** Commits what is indexed and closes the file. */
  @Override
  public synchronized void close() {
    writeMark();
    store.close();
  }

  /** Closes the file without committing, as a crash would; for tests. */
  synchronized void abandon() {
    store.closeImmediately();
  }

  Path path() {
    return path;
  }

  /** Receives batches of a scan; the batch is reused after the call. */
  @FunctionalInterface
  interface Batches {
    void read(Batch batch);
  }

  /** Up to {@link #BATCH} rows' ids and offsets, in order. */
  static final class Batch {
    final String[] ids = new String[BATCH];
    final long[] offsets = new long[BATCH];
    int count;

    /** Adds a row; true once the batch is full. */
    boolean add(String id, long offset) {
      ids[count] = id;
      offsets[count] = offset;
      return ++count == BATCH;
    }

    void clear() {
      count = 0;
    }

    long[] positions() {
      return count == BATCH ? offsets : java.util.Arrays.copyOf(offsets, count);
    }

    String idAt(long offset) {
      for (int i = 0; i < count; i++) {
        if (offsets[i] == offset) {
          return ids[i];
        }
      }
      return null;
    }
  }
}
