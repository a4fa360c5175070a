package dev.stockbridge.store;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record log that several processes share, one locked batch at a time: a long-running sync and
 * a scheduled reconcile keep the same exceptions in it. Each process keeps what the file holds in
 * memory, follows what the others append, and now and then rewrites the file to what it holds
 * (compaction). Same file format, recovery and damage handling as {@link RecordLog}.
 *
 * <p><b>Batches.</b> Every call takes the lock, first hands the {@link Follower} what other
 * processes appended since this log last looked (after {@link Follower#restart()} if the file was
 * replaced by a compaction), then lets the work append records, forced once for the whole batch,
 * and releases the lock. A torn tail left by a process that crashed mid-append is truncated by the
 * next batch; nothing else is ever truncated, since the lock is held.
 *
 * <p><b>Failure.</b> If writing or forcing a batch fails, the file is cut back to where the batch
 * began (still under the lock) and the call throws {@link RecordLogException.Problem#IO}; the log
 * stays usable. Should even that cut fail, the batch's records may surface later, as with any
 * lost acknowledgement; the next batch then rereads the file from the start.
 *
 * <p><b>Locking.</b> Thread-safe. Within a JVM, one monitor per file (shared by every instance on
 * that file) guards all state here, since a {@link java.nio.channels.FileLock} belongs to the whole
 * process; across processes, an exclusive lock on the sibling {@code <file>.lock}, which, unlike
 * the log itself, is never replaced. Monitor first, then the file lock. The work runs inside both:
 * keep it to in-memory changes.
 */
public final class SharedRecordLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SharedRecordLog.class);
  private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private final Path path;
  private final Path lockPath;
  private final LogFormat format;
  private final RecordLog.Forcer forcer;
  private final Object monitor;
  /** The file as this process last saw it; null before the first batch or after a failure. */
  private RecordFile file;
  /** Bytes [0, end) of {@code file} are verified and followed. */
  private long end;
  private long records;
  private boolean closed;

  private SharedRecordLog(Path path, LogFormat format, RecordLog.Forcer forcer) {
    this.path = path;
    this.lockPath = path.resolveSibling(path.getFileName() + ".lock");
    this.format = format;
    this.forcer = forcer;
    this.monitor = MONITORS.computeIfAbsent(path, any -> new Object());
  }

  /**
   * A shared log on a file; nothing is read or created until the first batch.
   *
   * @param file the log's file; its directory must exist
   * @param format the store's format
   * @param forcer how the file is forced to disk ({@link RecordLog.Forcer#DATA})
   * @return the log
   * @throws dev.stockbridge.InvalidValueException if an argument is null
   */
  public static SharedRecordLog open(Path file, LogFormat format, RecordLog.Forcer forcer) {
    RecordLog.notNull("file", file);
    RecordLog.notNull("format", format);
    RecordLog.notNull("forcer", forcer);
    return new SharedRecordLog(file.toAbsolutePath().normalize(), format, forcer);
  }

  /**
   * Catches up with what other processes appended, under the lock.
   *
   * @param follower receives the records
   * @throws RecordLogException if the file cannot be read or is not this format's
   */
  public void follow(Follower follower) {
    append(follower, out -> null);
  }

  /**
   * Runs a batch: catches up, lets the work add records, appends and forces them once.
   *
   * @param <T> what the work returns
   * @param follower receives what others appended, before the work runs
   * @param work adds the batch's record bodies to the list it is given
   * @return what the work returned
   * @throws RecordLogException if the file cannot be read or written; the batch's records are then
   *     not appended (see the class description)
   * @throws dev.stockbridge.InvalidValueException if a record is empty or too large
   */
  public <T> T append(Follower follower, Function<List<ByteBuffer>, T> work) {
    return locked(follower, () -> {
      List<ByteBuffer> batch = new ArrayList<>();
      T result = work.apply(batch);
      if (!batch.isEmpty()) {
        Frames.Framed framed = Frames.encode(batch, format.maxRecordBytes());
        try {
          file.write(framed.buffer(), end);
          file.force();
        } catch (IOException e) {
          undo(e);
          throw RecordLogException.io(path, format.name(), "append to", e);
        }
        end += framed.buffer().limit();
        records += batch.size();
      }
      return result;
    });
  }

  /**
   * Compacts: catches up, then replaces the file, atomically, by the records the work adds (what
   * this process holds). Other processes notice the new file at their next batch and restart.
   *
   * @param follower receives what others appended, before the work runs
   * @param work adds every live record's body to the list it is given
   * @throws RecordLogException if the file cannot be read or replaced; it then keeps its content
   */
  public void rewrite(Follower follower, Consumer<List<ByteBuffer>> work) {
    locked(follower, () -> {
      List<ByteBuffer> snapshot = new ArrayList<>();
      work.accept(snapshot);
      Frames.Framed framed = Frames.encode(snapshot, format.maxRecordBytes());
      try {
        AtomicFile.write(path, (OutputStream out) -> {
          out.write(Frames.header(format.magic()).array());
          out.write(framed.buffer().array(), 0, framed.buffer().limit());
          return null;
        }, forcer);
        closeFile();
        file = RecordFile.open(path, format, forcer, false);
      } catch (IOException e) {
        closeFile();
        throw RecordLogException.io(path, format.name(), "compact", e);
      }
      end = Frames.HEADER + framed.buffer().limit();
      records = snapshot.size();
      LOG.debug("{} {}: compacted to {} records", format.name(), path, records);
      return null;
    });
  }

  /**
   * How many records the file held when this log last looked, to decide when to compact.
   *
   * @return the record count
   */
  public long records() {
    synchronized (monitor) {
      return records;
    }
  }

  /**
   * Closes the file handle. Closing twice is harmless.
   *
   * @throws RecordLogException if closing fails
   */
  @Override
  public void close() {
    synchronized (monitor) {
      closed = true;
      closeFile();
    }
  }

  @Override
  public String toString() {
    return "SharedRecordLog[" + format.name() + " " + path + "]";
  }

  /** Runs a step holding the monitor and the file lock, after catching up. */
  private <T> T locked(Follower follower, Supplier<T> step) {
    RecordLog.notNull("follower", follower);
    synchronized (monitor) {
      if (closed) {
        throw RecordLogException.closed(path, format.name());
      }
      try (FileChannel lock = FileChannel.open(lockPath, CREATE, WRITE)) {
        lock.lock(); // released when the channel closes
        catchUp(follower);
        return step.get();
      } catch (IOException e) {
        throw RecordLogException.io(path, format.name(), "lock or read", e);
      }
    }
  }

  private void catchUp(Follower follower) throws IOException {
    if (file == null || file.replaced() || file.size() < end) {
      closeFile();
      file = RecordFile.open(path, format, forcer, false);
      end = Frames.HEADER;
      records = 0;
      follower.restart();
    }
    end = file.scan(end, (position, body) -> {
      records++;
      follower.record(body);
    });
  }

  /** Cuts a failed batch off; if that fails too, forgets the file so the next batch rereads it. */
  private void undo(IOException failure) {
    try {
      file.truncate(end);
    } catch (IOException again) {
      failure.addSuppressed(again);
      closeFile();
    }
  }

  private void closeFile() {
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        LOG.debug("could not close {}", path, e);
      }
      file = null;
    }
  }

  /** Follows a shared log's records into a process's memory. */
  public interface Follower {

    /** The file was replaced (compacted) or is read for the first time: forget what it held. */
    void restart();

    /**
     * Receives one record, in file order; later records of the same thing win.
     *
     * @param body the record body, valid during the call only
     */
    void record(ByteBuffer body);
  }
}
