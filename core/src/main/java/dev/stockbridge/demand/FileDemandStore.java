package dev.stockbridge.demand;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.store.LogFormat;
import dev.stockbridge.store.RecordLog;
import dev.stockbridge.store.RecordLogException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link DemandStore}: a {@link RecordLog} of rows ({@link DemandCodec}), the single
 * source of truth, with an index on disk beside it ({@code <file>.index}, an H2 MVStore file) that
 * the log can always rebuild. Storing a row appends it; the index then points the row's id at the
 * new copy, and the old copy becomes dead space in the log (the log grows with every update;
 * nothing is compacted).
 *
 * <p><b>Memory.</b> Rows and their index stay on disk. The heap holds the index's page cache,
 * bounded by {@link #open(Path, int)} (4 MiB by default), its pages changed since the last index
 * commit (committed at about a quarter of the cache size), and while iterating one batch of 1,024
 * offsets, a 64 KiB read buffer and the row being handed over; an incremental read of up to 16,384
 * rows also sorts their keys in memory (beyond that it filters the ordered index instead); while
 * opening catches up or rebuilds, up to 16 MiB of changed pages wait for a commit. None of it grows
 * with the number of rows (MVStore's list of the file's chunks does, slowly: the retained heap was
 * 9.6 MiB at 100 k rows and 12.6 MiB at 10 M in {@code benchmarks/}). The index file takes
 * 100 to 450 bytes a row on disk, often more than the log itself.
 *
 * <p><b>Opening.</b> The index records the last log record it covers (its position, end and
 * checksum), committed with the entries it covers. If the log still holds that record there, only
 * the log after it is verified and indexed, so reopening reads the tail written since the last
 * index commit (at most about 8 MiB of log after a crash), not the whole file. The index is rebuilt
 * from the whole log, streaming, if it is missing, cannot be read (logged at WARN), covers another
 * log or more than the log holds (a backup of one file restored without the other; logged at WARN),
 * or was marked stale by damage found on reading.
 *
 * <p><b>Durability.</b> {@link #put(Iterable)} returns once its rows are forced to the log;
 * concurrent puts share forces. Index commits are not forced: an index that lost its last commits
 * is older, and catches up on open, so a crash anywhere after the log's force loses nothing a put
 * acknowledged. On {@link #open(Path)} a row cut short at the end of the log (a crash during a put
 * that had not returned) is logged at WARN and truncated; a damaged row in the part of the log
 * verified on opening, followed by intact ones, is set aside beside the file (logged at ERROR) and
 * every intact row kept. Damage in the part the index vouched for is found when the row is read:
 * it is set aside the same way, skipped, dropped from the index, and the index is rebuilt on the
 * next open (which falls back to an earlier intact copy of the row, if any). A log of the headerless
 * format of before the record log is converted on open.
 *
 * <p><b>Thread-safety and locking.</b> Thread-safe. The log is guarded by the record log's locks,
 * the index's updates and commits by the index's lock (a package-private collaborator); a put
 * appends first, then indexes, so the index never points past what is on disk. When two puts store
 * the same id at once, the copy later in the file wins, as after reopening. Iteration reads a
 * snapshot of the index taken when it starts (an MVStore version kept while in use), so a consumer
 * may store rows meanwhile. One store per file: the log and the index file are locked while open,
 * so a second open, in this or another process, fails.
 */
public final class FileDemandStore implements DemandStore, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FileDemandStore.class);

  /** "\u0089SBD": never the first byte of a row's length in the headerless files of before. */
  static final LogFormat FORMAT =
      LogFormat.of("demand store", 0x89534244).maxRecordBytes(16 << 20).legacy(DemandCodec::convertHeaderless);

  /** The index's page cache unless {@link #open(Path, int)} says otherwise. */
  static final int DEFAULT_INDEX_CACHE_MB = 4;

  private final Path file;
  /** Set once, in {@link #open}, before the store is handed out. */
  private RecordLog log;
  private DemandIndex index;
  /** What the last open did, for tests: log records it indexed, and whether it rebuilt the index. */
  private long indexedAtOpen;
  private boolean rebuiltAtOpen;
  /** Set when the index failed: closing then deletes it, so the next open rebuilds it. */
  private volatile boolean indexFailed;

  private FileDemandStore(Path file) {
    this.file = file;
  }

  /**
   * Opens the store in a file, creating the file if it does not exist, with an index cache of 4
   * MiB; see {@link #open(Path, int)}.
   *
   * @param file the store's log file; the index lies beside it, in {@code <file>.index}
   * @return the open store
   * @throws InvalidValueException if the path is null
   * @throws DemandStoreException if the file cannot be read, is not a demand store, or is already
   *     open
   */
  public static FileDemandStore open(Path file) {
    return open(file, DEFAULT_INDEX_CACHE_MB);
  }

  /**
   * Opens the store in a file, creating the file and its index if they do not exist, catching the
   * index up with the log or rebuilding it as the class description says.
   *
   * @param file the store's log file; the index lies beside it, in {@code <file>.index}
   * @param indexCacheMegabytes the index's page cache in MiB, 1 to 1024: what the heap holds of
   *     it, whatever the number of rows
   * @return the open store
   * @throws InvalidValueException if the path is null or the cache size out of range
   * @throws DemandStoreException if the file cannot be read, is not a demand store, or is already
   *     open
   */
  public static FileDemandStore open(Path file, int indexCacheMegabytes) {
    return open(file, indexCacheMegabytes, DemandIndex.SORT_LIMIT);
  }

  /** Opens as {@link #open(Path, int)}, sorting at most {@code sortLimit} rows of an incremental read. */
  static FileDemandStore open(Path file, int indexCacheMegabytes, int sortLimit) {
    Checks.notNull("file", file);
    if (indexCacheMegabytes < 1 || indexCacheMegabytes > 1024) {
      throw new InvalidValueException("indexCacheMegabytes", indexCacheMegabytes, "must be between 1 and 1024");
    }
    FileDemandStore store = new FileDemandStore(file);
    // The index first: its mark says where the log's verification starts. Its file lock refuses
    // a second store before the log is touched; the log's lock is taken next.
    store.index = DemandIndex.open(indexPath(file), file, indexCacheMegabytes, sortLimit);
    try {
      store.log = store.recover();
    } catch (RuntimeException e) {
      store.index.abandon();
      throw e;
    }
    return store;
  }

  /** Opens the log from the index's mark, indexing what it verifies. */
  private RecordLog recover() {
    RecordLog.Mark trusted = index.mark();
    RecordLog.Mark[] last = {trusted};
    RecordLog opened;
    try {
      opened = RecordLog.open(file, FORMAT, RecordLog.Forcer.DATA, trusted, new RecordLog.Recovery() {
        @Override
        public void verifyingFrom(long position) {
          if (trusted == null || position != trusted.end()) {
            rebuilding(trusted);
            last[0] = null;
          }
          index.frontier(position, last[0]);
        }

        @Override
        public void record(long position, ByteBuffer body) {
          RecordLog.Mark mark = RecordLog.Mark.of(position, body);
          index.put(decode(file, body), position);
          index.frontier(mark.end(), mark);
          last[0] = mark;
          indexedAtOpen++;
        }
      });
    } catch (RecordLogException e) {
      throw new DemandStoreException(file, "open", e);
    }
    try {
      index.frontier(opened.size(), last[0]);
      index.commit();
    } catch (RuntimeException e) {
      opened.close();
      throw new DemandStoreException(file, "update the index of", e);
    }
    if (rebuiltAtOpen && indexedAtOpen > 0) {
      LOG.info("demand store {}: index rebuilt from {} log records", file, indexedAtOpen);
    }
    return opened;
  }

  private void rebuilding(RecordLog.Mark trusted) {
    rebuiltAtOpen = true;
    if (trusted != null || index.size() > 0) {
      LOG.warn("demand store {}: its index {} does not match the log (it covers another log, or more than"
              + " this one holds: a backup of one restored without the other) or was marked stale; rebuilding it",
          file, index.path());
    }
    index.clear();
  }

  static Path indexPath(Path file) {
    return file.resolveSibling(file.getFileName() + ".index");
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
    if (rows.isEmpty()) {
      return;
    }
    List<ByteBuffer> bodies = new ArrayList<>(rows.size());
    rows.forEach(line -> bodies.add(ByteBuffer.wrap(DemandCodec.encode(line))));
    long[] positions;
    try {
      positions = log.append(bodies);
    } catch (RecordLogException e) {
      throw new DemandStoreException(file, "append to", e);
    }
    int last = rows.size() - 1;
    RecordLog.Mark mark = RecordLog.Mark.of(positions[last], bodies.get(last));
    try {
      synchronized (index) {
        for (int i = 0; i < rows.size(); i++) {
          index.put(rows.get(i), positions[i]);
        }
        index.covered(positions[0], mark);
      }
    } catch (MVStoreException e) {
      throw indexFailed("update the index of", e);
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
    scan(null, consumer);
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
    scan(since, consumer);
  }

  /**
   * How many distinct rows the store holds.
   *
   * @return the row count
   */
  public int size() {
    return (int) Math.min(Integer.MAX_VALUE, index.size());
  }

  /**
   * Commits the index and closes both files. Rows already stored are on disk.
   *
   * @throws DemandStoreException if closing fails
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      if (indexFailed) {
        index.abandon();
        Files.deleteIfExists(index.path());
      } else {
        index.close();
      }
    } catch (IOException | RuntimeException e) {
      failure = new DemandStoreException(file, "close the index of", e);
    }
    try {
      log.close();
    } catch (RecordLogException e) {
      DemandStoreException closing = new DemandStoreException(file, "close", e);
      if (failure != null) {
        closing.addSuppressed(failure);
      }
      failure = closing;
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Records read at the last open: the tail after the index's mark, or the whole log on a rebuild. */
  long indexedAtOpen() {
    return indexedAtOpen;
  }

  /** Whether the last open rebuilt the index from the whole log. */
  boolean rebuiltAtOpen() {
    return rebuiltAtOpen;
  }

  /** Closes both files without committing the index, as a crash after the last put would. */
  void crash() {
    index.abandon();
    log.close();
  }

  private void scan(Instant since, Consumer<DemandLine> consumer) {
    try {
      index.scan(since, batch -> read(batch, consumer));
    } catch (MVStoreException e) {
      throw indexFailed("read the index of", e);
    }
  }

  private void read(DemandIndex.Batch batch, Consumer<DemandLine> consumer) {
    try {
      log.read(batch.positions(), (position, body) -> consumer.accept(decode(file, body)),
          position -> index.damaged(batch.idAt(position), position));
    } catch (RecordLogException e) {
      throw new DemandStoreException(file, "read", e);
    }
  }

  private DemandStoreException indexFailed(String action, MVStoreException e) {
    indexFailed = true;
    LOG.error("demand store {}: its index {} failed; it is rebuilt on the next open", file, index.path(), e);
    return new DemandStoreException(file, action, e);
  }

  private static DemandLine decode(Path file, ByteBuffer body) {
    try {
      return DemandCodec.decode(new DataInputStream(
          new ByteArrayInputStream(body.array(), body.arrayOffset() + body.position(), body.remaining())));
    } catch (IOException | RuntimeException e) {
      throw new DemandStoreException(file, "decode a row of", e);
    }
  }
}
