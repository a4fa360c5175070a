package dev.stockbridge.store;

import dev.stockbridge.InvalidValueException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A crash-safe append-only log of records in one file, held by one process: the file every
 * embedded store keeps (the journal, the demand store, the receipt ledger), each with its own
 * record codec. The format is in {@code Frames}: a header with the store's magic number, then
 * length-prefixed frames with a CRC32C checksum.
 *
 * <p><b>Durability.</b> {@link #append(List)} returns only once its records are forced to disk.
 * Concurrent appends share forces (group commit): each caller writes its frames under the write
 * lock, then waits for the force lock; whoever gets it forces everything written so far, and
 * callers whose frames that force covered return without forcing again. {@link #write(List)}
 * writes without forcing: those records reach disk with the next append's force or on {@link
 * #close()}.
 *
 * <p><b>Recovery.</b> {@link #open} verifies every frame. A damaged tail, the trace of a write cut
 * short by a crash, is logged at WARN and truncated; that append had not returned. A damaged
 * record followed by intact ones (a power loss can persist later unforced pages before earlier
 * ones; bit rot can strike anywhere) is logged at ERROR, copied to {@code <file>.damaged-at-<offset>}
 * beside the file, and skipped: every intact record is still replayed. A store that keeps an index
 * of its own opens with a {@link Mark} of the last record the index covers: if the file still holds
 * that record there, only what follows it is verified, so opening takes time in proportion to the
 * tail rather than to the file; damage before the mark is then found when the record is read, and
 * {@link #read(long[], Visitor, LongConsumer)} sets it aside the same way.
 *
 * <p><b>Failure.</b> If a write or force fails, that call and every append waiting for the same
 * force fail with {@link RecordLogException.Problem#IO}, and the log refuses further writes ({@link
 * RecordLogException.Problem#FAILED}) until reopened: after a failed force the page cache can no
 * longer be trusted to reach the disk. A failed append's records may still be replayed after a
 * restart, as with any lost acknowledgement. Interrupting a thread during file I/O closes the
 * channel (a {@link FileChannel} rule), which fails the log the same way.
 *
 * <p><b>Locking.</b> Thread-safe. {@code writeLock} orders writes and guards {@code closed}; it is
 * taken before {@code forceLock}, which serialises forces and guards {@code forced}. Reads take no
 * lock: they read bytes below {@code written}, which never change. One log per file: the file is
 * locked exclusively while open, so a second open, in this or another process, fails with {@link
 * RecordLogException.Problem#ALREADY_OPEN}.
 */
public final class RecordLog implements AutoCloseable {

  private final Path path;
  private final LogFormat format;
  private final RecordFile file;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock forceLock = new ReentrantLock();
  /** Bytes [0, written) are written. */
  private volatile long written;
  /** Bytes [0, forced) are on disk; guarded by forceLock. */
  private long forced;
  private long forceCount;
  private volatile boolean closed;
  private volatile RecordLogException failure;

  private RecordLog(Path path, LogFormat format, RecordFile file, long end) {
    this.path = path;
    this.format = format;
    this.file = file;
    this.written = end;
    this.forced = end;
  }

  /**
   * Opens a log, creating the file (not its directory) if needed, converting a legacy file if the
   * format knows how, and recovering it as the class description says.
   *
   * @param file the log's file
   * @param format the store's format
   * @return the open log
   * @throws RecordLogException if the file is open elsewhere, is not this format's, or cannot be
   *     created, read or repaired
   * @throws InvalidValueException if an argument is null
   */
  public static RecordLog open(Path file, LogFormat format) {
    return open(file, format, Forcer.DATA);
  }

  /**
   * Opens a log as {@link #open(Path, LogFormat)} does, forcing through a forcer: tests count or
   * fail forces with it, and a throwaway log may skip them.
   *
   * @param file the log's file
   * @param format the store's format
   * @param forcer how the file is forced to disk
   * @return the open log
   * @throws RecordLogException as for {@link #open(Path, LogFormat)}
   * @throws InvalidValueException if an argument is null
   */
  public static RecordLog open(Path file, LogFormat format, Forcer forcer) {
    return open(file, format, forcer, null);
  }

  /**
   * Opens a log as {@link #open(Path, LogFormat, Forcer)} does, handing every intact record to a
   * visitor during the verification that opening does anyway: a store that builds an index from
   * its records reads the file once instead of twice. The visitor sees what a {@link #replay}
   * right after opening would.
   *
   * @param file the log's file
   * @param format the store's format
   * @param forcer how the file is forced to disk
   * @param records receives each intact record's position and body (valid during the call only);
   *     null for none
   * @return the open log
   * @throws RecordLogException as for {@link #open(Path, LogFormat)}
   * @throws InvalidValueException if the file, format or forcer is null
   */
  public static RecordLog open(Path file, LogFormat format, Forcer forcer, Visitor records) {
    return open(file, format, forcer, null, new Recovery() {
      @Override
      public void verifyingFrom(long position) {} // no mark: always the whole file

      @Override
      public void record(long position, ByteBuffer body) {
        if (records != null) {
          records.record(position, body);
        }
      }
    });
  }

  /**
   * Opens a log as {@link #open(Path, LogFormat, Forcer, Visitor)} does, but trusts the file up to
   * a mark if it still holds the marked record at the marked position: only the records after it
   * are verified and visited. Otherwise (no mark, a shorter file, another record there: a file
   * restored from a backup, or another store's) the whole file is, as without a mark. The recovery
   * is told which before the first record.
   *
   * @param file the log's file
   * @param format the store's format
   * @param forcer how the file is forced to disk
   * @param trusted the last record the caller has already seen; null to verify the whole file
   * @param recovery told where verification starts, then handed each intact record from there
   * @return the open log
   * @throws RecordLogException as for {@link #open(Path, LogFormat)}
   * @throws InvalidValueException if the file, format, forcer or recovery is null
   */
  public static RecordLog open(Path file, LogFormat format, Forcer forcer, Mark trusted, Recovery recovery) {
    notNull("file", file);
    notNull("format", format);
    notNull("forcer", forcer);
    notNull("recovery", recovery);
    RecordFile opened = RecordFile.open(file, format, forcer, true);
    try {
      long from = trusted != null && opened.holds(trusted) ? trusted.end() : Frames.HEADER;
      recovery.verifyingFrom(from);
      return new RecordLog(file, format, opened, opened.scan(from, recovery));
    } catch (IOException e) {
      closeQuietly(opened, e);
      throw RecordLogException.io(file, format.name(), "recover", e);
    } catch (RuntimeException e) {
      closeQuietly(opened, e);
      throw e;
    }
  }

  /**
   * Appends records and forces them to disk, sharing the force with concurrent appends.
   *
   * @param records the record bodies, in order; their buffers are read, not consumed
   * @return each record's position, for {@link #read}
   * @throws InvalidValueException if a record is null, empty or too large; none is written then
   * @throws RecordLogException if writing or forcing failed, or the log is closed or failed earlier
   */
  public long[] append(List<ByteBuffer> records) {
    Frames.Framed framed = Frames.encode(records, format.maxRecordBytes());
    long start = write(framed.buffer());
    awaitForced(start + framed.buffer().limit());
    return framed.positionsFrom(start);
  }

  /**
   * Writes records without forcing them; see the class description.
   *
   * @param records the record bodies, in order
   * @return each record's position
   * @throws InvalidValueException if a record is null, empty or too large; none is written then
   * @throws RecordLogException if writing failed, or the log is closed or failed earlier
   */
  public long[] write(List<ByteBuffer> records) {
    Frames.Framed framed = Frames.encode(records, format.maxRecordBytes());
    return framed.positionsFrom(write(framed.buffer()));
  }

  /**
   * Streams every record written before the call, in order, through a small buffer.
   *
   * @param visitor receives each record's position and body (valid during the call only)
   * @throws RecordLogException if reading failed, a record cannot be read back, or the log is closed
   */
  public void replay(Visitor visitor) {
    notNull("visitor", visitor);
    ensureOpen();
    long end = written;
    FrameReader frames = file.reader(end);
    try {
      long position = Frames.HEADER;
      while (position < end) {
        long skipTo = file.damagedUntil(position);
        if (skipTo >= 0) {
          position = skipTo; // set aside when opened
          continue;
        }
        ByteBuffer body = frames.bodyAt(position);
        if (body == null) {
          throw RecordLogException.notReadable(path, format.name(), position, frames.damage());
        }
        long next = position + Frames.FRAME_HEADER + body.remaining();
        visitor.record(position, body);
        position = next;
      }
    } catch (IOException e) {
      throw RecordLogException.io(path, format.name(), "read", e);
    }
  }

  /**
   * Reads the records at positions an append or replay returned, in the order given.
   *
   * @param positions the records' positions
   * @param visitor receives each record (its body valid during the call only)
   * @throws RecordLogException if reading failed, a position holds no record, or the log is closed
   */
  public void read(long[] positions, Visitor visitor) {
    notNull("positions", positions);
    notNull("visitor", visitor);
    ensureOpen();
    FrameReader frames = file.reader(written);
    try {
      for (long position : positions) {
        ByteBuffer body = frames.bodyAt(position);
        if (body == null) {
          throw RecordLogException.notReadable(path, format.name(), position, frames.damage());
        }
        visitor.record(position, body);
      }
    } catch (IOException e) {
      throw RecordLogException.io(path, format.name(), "read", e);
    }
  }

  /**
   * Reads records as {@link #read(long[], Visitor)} does, but a position that holds no intact
   * record (damage that opening from a {@link Mark} did not verify) does not fail the read: the
   * damaged bytes, up to the next intact record, are copied to {@code <file>.damaged-at-<offset>}
   * and logged at ERROR, as opening does, and the position is handed to {@code damaged}; the
   * read goes on with the next position.
   *
   * @param positions the records' positions
   * @param visitor receives each intact record (its body valid during the call only)
   * @param damaged receives each position that held no intact record
   * @throws RecordLogException if reading or setting aside failed, or the log is closed
   */
  public void read(long[] positions, Visitor visitor, LongConsumer damaged) {
    notNull("positions", positions);
    notNull("visitor", visitor);
    notNull("damaged", damaged);
    ensureOpen();
    long end = written;
    FrameReader frames = file.reader(end);
    try {
      for (long position : positions) {
        ByteBuffer body = frames.bodyAt(position);
        if (body == null) {
          setAside(position, end, frames.damage());
          damaged.accept(position);
          continue;
        }
        visitor.record(position, body);
      }
    } catch (IOException e) {
      throw RecordLogException.io(path, format.name(), "read", e);
    }
  }

  /**
   * Forces what is not yet on disk and closes the file, releasing its lock. Closing twice is
   * harmless.
   *
   * @throws RecordLogException if the final force or closing failed
   */
  @Override
  public void close() {
    writeLock.lock();
    forceLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try (file) {
        if (failure == null && forced < written) {
          file.force();
          forced = written;
        }
      }
    } catch (IOException e) {
      throw fail("close", e);
    } finally {
      forceLock.unlock();
      writeLock.unlock();
    }
  }

  /**
   * How many forces appends have made; fewer than appends when they overlap.
   *
   * @return the count since opened
   */
  public long forceCount() {
    forceLock.lock();
    try {
      return forceCount;
    } finally {
      forceLock.unlock();
    }
  }

  /**
   * The log's file.
   *
   * @return the path
   */
  public Path file() {
    return path;
  }

  /**
   * The copies of the damaged records set aside since the log was opened, by opening or by a
   * read ({@code <file>.damaged-at-<offset>}): what they held was not replayed.
   *
   * @return the copies' paths, empty if the file was intact
   */
  public List<Path> damaged() {
    return file.evidence();
  }

  /**
   * How many bytes the file holds, header included.
   *
   * @return the size written so far
   * @throws RecordLogException if the log is closed
   */
  public long size() {
    ensureOpen();
    return written;
  }

  @Override
  public String toString() {
    return "RecordLog[" + format.name() + " " + path + "]";
  }

  /** Sets damage found by a read aside, under the write lock that guards the damaged ranges. */
  private void setAside(long position, long end, String damage) throws IOException {
    writeLock.lock();
    try {
      ensureOpen();
      file.setAsideFound(position, end, damage);
    } finally {
      writeLock.unlock();
    }
  }

  /** Writes frames after everything written so far; returns where they start. */
  private long write(ByteBuffer frames) {
    writeLock.lock();
    try {
      ensureOpen();
      if (failure != null) {
        throw RecordLogException.failed(path, format.name(), failure);
      }
      long start = written;
      file.write(frames, start);
      written = start + frames.limit();
      return start;
    } catch (IOException e) {
      throw fail("write", e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Returns once bytes [0, end) are on disk, forcing them unless another caller's force did. */
  private void awaitForced(long end) {
    forceLock.lock();
    try {
      if (forced >= end) {
        return;
      }
      if (failure != null) {
        throw RecordLogException.failed(path, format.name(), failure);
      }
      long target = written;
      file.force();
      forced = target;
      forceCount++;
    } catch (IOException e) {
      throw fail("force", e);
    } finally {
      forceLock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw RecordLogException.closed(path, format.name());
    }
  }

  private RecordLogException fail(String action, IOException cause) {
    RecordLogException exception = RecordLogException.io(path, format.name(), action, cause);
    failure = exception;
    return exception;
  }

  static void notNull(String field, Object value) {
    if (value == null) {
      throw new InvalidValueException(field, null, "must not be null");
    }
  }

  static void closeQuietly(RecordFile file, Exception failure) {
    try {
      file.close();
    } catch (IOException suppressed) {
      failure.addSuppressed(suppressed);
    }
  }

  /** Receives records read back. */
  @FunctionalInterface
  public interface Visitor {

    /**
     * Receives one record.
     *
     * @param position where the record starts in the file
     * @param body the record's body, valid during the call only
     */
    void record(long position, ByteBuffer body);
  }

  /**
   * A record a caller has seen, to open from: where its frame starts and ends, and its body's
   * CRC32C. Its end is where the caller's knowledge of the file ends; its checksum tells whether
   * the file there still holds what the caller saw.
   *
   * @param position where the record's frame starts
   * @param end where the record's frame ends
   * @param checksum the CRC32C of the record's body
   */
  public record Mark(long position, long end, int checksum) {

    /**
     * Validates the mark.
     *
     * @throws InvalidValueException if the position is inside the header or the end not after it
     */
    public Mark {
      if (position < Frames.HEADER) {
        throw new InvalidValueException("position", position, "must not be inside the header");
      }
      if (end <= position + Frames.FRAME_HEADER) {
        throw new InvalidValueException("end", end, "must leave room for a frame after " + position);
      }
    }

    /**
     * The mark of a record at a position, as {@link #append} or a visitor reported it.
     *
     * @param position the record's position
     * @param body the record's body; read, not consumed
     * @return the mark
     */
    public static Mark of(long position, ByteBuffer body) {
      return new Mark(position, position + Frames.FRAME_HEADER + body.remaining(), Frames.checksum(body));
    }
  }

  /** Receives what opening from a {@link Mark} verifies. */
  public interface Recovery extends Visitor {

    /**
     * Called once, before any record: where verification starts, the mark's end if the file holds
     * the marked record, else the first record's position (the whole file is verified).
     *
     * @param position the first byte verified
     */
    void verifyingFrom(long position);
  }

  /** Forces a file channel to disk; {@link #DATA} unless a test needs to watch. */
  @FunctionalInterface
  public interface Forcer {

    /** Forces the file's content (not its metadata), as {@code fdatasync} does. */
    Forcer DATA = channel -> channel.force(false);

    /**
     * Forces a channel.
     *
     * @param channel the channel
     * @throws IOException if the disk refuses
     */
    void force(FileChannel channel) throws IOException;
  }
}
