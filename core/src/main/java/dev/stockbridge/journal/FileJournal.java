package dev.stockbridge.journal;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.spi.MovementJournal;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded durable journal: one append-only file, {@value #FILE_NAME}, in a directory of its
 * own. Each record is a length-prefixed frame with a CRC32C checksum.
 *
 * <p><b>Durability.</b> {@link #append(List)} returns only once its movements are forced to disk.
 * Concurrent appends share forces (group commit): each caller writes its frames under a write lock,
 * then waits for the force lock; whoever gets it forces everything written so far, and callers
 * whose frames that force covered return without forcing again. So the more callers append at
 * once, the fewer forces per movement. {@link #applied(StockKey, long)} writes its mark without
 * forcing: the mark reaches disk with the next append's force or on {@link #close()}, and losing it
 * only lengthens replay.
 *
 * <p><b>Recovery.</b> {@link #open(Path)} verifies every frame. A damaged tail, the trace of an
 * append cut short by a crash, is logged at WARN and truncated; that append had not returned, so
 * nothing accepted is lost. A damaged record followed by intact ones (a power loss can persist
 * later unforced pages before earlier ones; bit rot can strike anywhere) is logged at ERROR, copied
 * to {@code movements.journal.damaged-at-<offset>} beside the journal, and skipped: every intact
 * record is still replayed, so the engine starts instead of refusing to.
 *
 * <p><b>Failure.</b> If a write or force fails, that append and every append waiting for the same
 * force fail with {@link JournalIoException}, and the journal refuses further writes until it is
 * reopened: after a failed force the page cache can no longer be trusted to reach the disk. As with
 * any lost acknowledgement, a failed append's movements may still be replayed after a restart; the
 * idempotency keys make retrying it safe. Interrupting a thread during file I/O closes the file
 * channel (a {@link FileChannel} rule), which fails the journal the same way.
 *
 * <p>Thread-safe. One journal per directory: a second open, in this or another process, fails.
 */
public final class FileJournal implements MovementJournal {

  /** The journal file's name inside its directory. */
  public static final String FILE_NAME = "movements.journal";

  private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);

  private final Path file;
  private final FileChannel channel;
  private final Forcer forcer;
  /** Orders writes; guards {@code closed} and advances {@code written}. Taken before forceLock. */
  private final ReentrantLock writeLock = new ReentrantLock();
  /** One force at a time; guards {@code forced} and {@code forceCount}. */
  private final ReentrantLock forceLock = new ReentrantLock();
  /** Bytes [0, written) are written. */
  private volatile long written;
  /** Bytes [0, forced) are on disk. */
  private long forced;
  private long forceCount;
  private volatile boolean closed;
  private volatile JournalIoException failure;

  private FileJournal(Path file, FileChannel channel, Forcer forcer, long end) {
    this.file = file;
    this.channel = channel;
    this.forcer = forcer;
    this.written = end;
    this.forced = end;
  }

  /**
   * Opens the journal in a directory, creating both if needed, and recovers it: a torn last
   * record is dropped (and logged at WARN), so later appends start clean; a damaged record in the
   * middle is set aside and skipped (logged at ERROR).
   *
   * @param directory the journal's directory
   * @return the open journal
   * @throws JournalCorruptedException if the file is not a journal or has an unknown version
   * @throws JournalIoException if the file cannot be created, read or repaired
   * @throws StockbridgeException if the journal is already open
   */
  public static FileJournal open(Path directory) {
    return open(directory, channel -> channel.force(false));
  }

  static FileJournal open(Path directory, Forcer forcer) {
    Path file = directory.resolve(FILE_NAME);
    try {
      Files.createDirectories(directory);
      FileChannel channel = FileChannel.open(file, CREATE, READ, WRITE);
      try {
        lock(file, channel);
        return new FileJournal(file, channel, forcer, recover(file, channel, forcer));
      } catch (IOException | RuntimeException e) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    } catch (IOException e) {
      throw new JournalIoException(file, "open", e);
    }
  }

  /**
   * Appends the movements and forces them to disk, sharing the force with concurrent appends.
   *
   * @param movements the movements, each with its sequence assigned
   * @throws InvalidValueException if a movement is null, unsequenced or too large to journal; none
   *     is written then
   * @throws JournalIoException if writing or forcing failed; none of the movements is accepted
   * @throws StockbridgeException if the journal is closed or failed earlier
   */
  @Override
  public void append(List<Movement> movements) {
    awaitForced(write(Format.encode(JournalRecord.accepted(movements))));
  }

  /**
   * Writes an applied mark without forcing it; see the class description.
   *
   * @throws InvalidValueException if the key is null or the sequence negative
   * @throws JournalIoException if writing failed
   * @throws StockbridgeException if the journal is closed or failed earlier
   */
  @Override
  public void applied(StockKey key, long sequence) {
    write(Format.encode(List.of(new JournalRecord.Applied(key, sequence))));
  }

  /**
   * Streams every record written before the call, in order, reading the file through a small
   * buffer.
   *
   * @throws JournalCorruptedException if a record cannot be read back
   * @throws JournalIoException if reading failed
   * @throws StockbridgeException if the journal is closed
   */
  @Override
  public void replay(Visitor visitor) {
    if (closed) {
      throw closedException();
    }
    long end = written;
    FrameReader frames = new FrameReader(channel, end);
    try {
      long position = Format.FILE_HEADER;
      while (position < end) {
        ByteBuffer body = frames.bodyAt(position);
        if (body == null) {
          // A damaged record that open() set aside: skip to the next intact one.
          long intact = frames.nextFrameAfter(position);
          if (intact < 0) {
            throw new JournalCorruptedException(file, position, frames.damage());
          }
          position = intact;
          continue;
        }
        long next = position + Format.FRAME_HEADER + body.remaining();
        decode(body, position).replayTo(visitor);
        position = next;
      }
    } catch (IOException e) {
      throw new JournalIoException(file, "read", e);
    }
  }

  /**
   * Forces what is not yet on disk (applied marks, appends still waiting) and closes the file.
   * Closing twice is harmless.
   *
   * @throws JournalIoException if the final force or closing failed
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
      try (channel) {
        if (failure == null && forced < written) {
          forcer.force(channel);
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

  @Override
  public String toString() {
    return "FileJournal[" + file + "]";
  }

  /**
   * How many forces appends have made so far: fewer than appends when concurrent appends shared
   * forces. For measuring group commit.
   *
   * @return the count
   */
  public long forceCount() {
    forceLock.lock();
    try {
      return forceCount;
    } finally {
      forceLock.unlock();
    }
  }

  /** Writes frames after everything written so far; returns the end of these frames. */
  private long write(ByteBuffer frames) {
    writeLock.lock();
    try {
      if (closed) {
        throw closedException();
      }
      if (failure != null) {
        throw failedException();
      }
      long position = written;
      while (frames.hasRemaining()) {
        position += channel.write(frames, position);
      }
      written = position;
      return position;
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
        throw failedException();
      }
      long target = written;
      forcer.force(channel);
      forced = target;
      forceCount++;
    } catch (IOException e) {
      throw fail("force", e);
    } finally {
      forceLock.unlock();
    }
  }

  private JournalRecord decode(ByteBuffer body, long position) {
    try {
      return Format.decode(body);
    } catch (BufferUnderflowException | IllegalArgumentException | InvalidValueException e) {
      throw new JournalCorruptedException(file, position, "the record is undecodable (" + e + ")");
    }
  }

  private JournalIoException fail(String action, IOException cause) {
    JournalIoException exception = new JournalIoException(file, action, cause);
    failure = exception;
    return exception;
  }

  private StockbridgeException closedException() {
    return new StockbridgeException("journal " + file + " is closed");
  }

  private StockbridgeException failedException() {
    return new StockbridgeException(
        "journal " + file + " failed earlier and accepts nothing until reopened", failure);
  }

  private static void lock(Path file, FileChannel channel) throws IOException {
    boolean locked;
    try {
      locked = channel.tryLock() != null;
    } catch (OverlappingFileLockException e) {
      locked = false;
    }
    if (!locked) {
      throw new StockbridgeException("journal " + file + " is already open");
    }
  }

  /** Checks the header and frames; truncates a torn tail. Returns the end of the last frame. */
  private static long recover(Path file, FileChannel channel, Forcer forcer) throws IOException {
    long size = channel.size();
    if (size < Format.FILE_HEADER) {
      if (size > 0) {
        LOG.warn("Journal {} has a torn header of {} bytes; starting it afresh", file, size);
      }
      channel.truncate(0).write(Format.header(), 0);
      forcer.force(channel);
      forceDirectory(file.getParent(), forcer);
      return Format.FILE_HEADER;
    }
    ByteBuffer header = ByteBuffer.allocate(Format.FILE_HEADER);
    channel.read(header, 0);
    if (header.getInt(0) != Format.MAGIC) {
      throw new JournalCorruptedException(file, 0, "the file is not a Stockbridge journal");
    }
    if (header.get(4) != Format.VERSION) {
      throw new JournalCorruptedException(file, 4, "unsupported format version " + header.get(4));
    }
    FrameReader frames = new FrameReader(channel, size);
    long position = Format.FILE_HEADER;
    while (position < size) {
      ByteBuffer body = frames.bodyAt(position);
      if (body != null) {
        position += Format.FRAME_HEADER + body.remaining();
        continue;
      }
      String damage = frames.damage();
      long next = frames.nextFrameAfter(position);
      if (next < 0) {
        LOG.warn(
            "Journal {} ends in a torn record at byte offset {} ({}); dropping its last {} bytes",
            file, position, damage, size - position);
        channel.truncate(position);
        forcer.force(channel);
        return position;
      }
      // Intact records follow: a power loss can persist later unforced pages before earlier ones,
      // and bit rot can hit anywhere. Keep every intact record (replaying one that was never
      // acknowledged is safe: idempotency keys), set the damaged bytes aside, and say so loudly.
      Path evidence = setAside(file, channel, position, next, forcer);
      LOG.error(
          "Journal {} has a damaged record at byte offset {} ({}); skipping {} bytes to the next intact"
              + " record, copied to {}: movements in it are not replayed, reconcile to find them",
          file, position, damage, next - position, evidence);
      position = next;
    }
    return position;
  }

  /** Copies damaged bytes beside the journal, once, for whoever investigates. */
  private static Path setAside(Path file, FileChannel channel, long from, long to, Forcer forcer) throws IOException {
    Path evidence = file.resolveSibling(file.getFileName() + ".damaged-at-" + from);
    if (!Files.exists(evidence)) {
      try (FileChannel out = FileChannel.open(evidence, CREATE, WRITE)) {
        long copied = 0;
        while (copied < to - from) {
          copied += channel.transferTo(from + copied, to - from - copied, out);
        }
        forcer.force(out);
      }
    }
    return evidence;
  }

  /** Makes a new file's name durable. Some platforms (Windows) cannot open a directory; skip. */
  private static void forceDirectory(Path directory, Forcer forcer) {
    try (FileChannel channel = FileChannel.open(directory, READ)) {
      forcer.force(channel);
    } catch (IOException e) {
      LOG.debug("Could not force directory {}", directory, e);
    }
  }

  /** Forces a channel to disk; a seam for tests. */
  @FunctionalInterface
  interface Forcer {
    void force(FileChannel channel) throws IOException;
  }
}
