package dev.stockbridge.demand;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
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
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link DemandStore}: an append-only file of rows with an index in memory. Storing a
 * row appends it; the index then points the row's id at the new copy, and the old copy becomes
 * dead space in the file (the file grows with every update; nothing is compacted).
 *
 * <p><b>Memory.</b> Rows stay on disk. The heap holds one index entry per distinct row id (its
 * creation and update instants, file offset and id): about 200 bytes plus the id's length, so a
 * million rows take roughly 250 MB less than holding the rows themselves would, and iterating
 * adds 8 bytes per row visited (a snapshot of offsets) plus a 64 KiB read buffer. Iteration
 * decodes one row at a time, so regenerating a full-history feed never holds more than one row.
 *
 * <p><b>Durability.</b> {@link #put(Iterable)} returns once its rows are forced to disk. Each row
 * is a frame {@code [length][CRC32C][payload]}; on {@link #open(Path)} a frame cut short at the end
 * of the file (a crash during a put that had not returned) is logged at WARN and truncated, while a
 * damaged frame followed by more data fails the open with {@link DemandStoreException}.
 *
 * <p>Thread-safe. Iteration reads a snapshot of the index taken when it starts, so a consumer may
 * store rows meanwhile; it sees the rows as they were at the start or later. One store per file:
 * a second open, in this or another process, fails.
 */
public final class FileDemandStore implements DemandStore, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FileDemandStore.class);
  private static final int HEADER = 8;
  private static final int READ_WINDOW = 64 * 1024;
  private static final Comparator<Entry> ORDER =
      Comparator.comparingLong(Entry::createdSecond)
          .thenComparingInt(Entry::createdNano)
          .thenComparing(Entry::id);

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final Map<String, Entry> byId = new HashMap<>();
  private final TreeSet<Entry> ordered = new TreeSet<>(ORDER);
  private long end;

  private FileDemandStore(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Opens the store in a file, creating the file if it does not exist, and reads its index.
   *
   * @param file the store's file
   * @return the open store
   * @throws InvalidValueException if the path is null
   * @throws DemandStoreException if the file cannot be read, is damaged before its end, or is
   *     already open
   */
  public static FileDemandStore open(Path file) {
    Checks.notNull("file", file);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, CREATE, READ, WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IOException("the file is open in another process");
      }
      FileDemandStore store = new FileDemandStore(file, channel, lock);
      store.recover();
      return store;
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly(channel);
      IOException cause = e instanceof IOException io ? io : new IOException("the file is already open", e);
      throw new DemandStoreException(file, "open", cause);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
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
    List<byte[]> frames = new ArrayList<>(rows.size());
    int size = 0;
    for (DemandLine line : rows) {
      byte[] payload = DemandCodec.encode(line);
      frames.add(payload);
      size = Math.addExact(size, HEADER + payload.length);
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    CRC32C crc = new CRC32C();
    for (byte[] payload : frames) {
      crc.reset();
      crc.update(payload);
      buffer.putInt(payload.length).putInt((int) crc.getValue()).put(payload);
    }
    buffer.flip();
    synchronized (this) {
      long at = end;
      try {
        while (buffer.hasRemaining()) {
          channel.write(buffer, at + buffer.position());
        }
        channel.force(false);
      } catch (IOException e) {
        throw new DemandStoreException(file, "append to", e);
      }
      for (int i = 0; i < rows.size(); i++) {
        index(rows.get(i), at);
        at += HEADER + frames.get(i).length;
      }
      end = at;
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
  public synchronized void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      throw new DemandStoreException(file, "close", e);
    }
  }

  private void index(DemandLine line, long offset) {
    Entry entry =
        new Entry(
            line.createdAt().getEpochSecond(),
            line.createdAt().getNano(),
            line.id(),
            offset,
            line.updatedAt().getEpochSecond(),
            line.updatedAt().getNano());
    Entry previous = byId.put(line.id(), entry);
    if (previous != null) {
      ordered.remove(previous);
    }
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
    Window window = new Window();
    for (long offset : offsets) {
      DemandLine line;
      try {
        ByteBuffer frame = window.frame(offset);
        line = DemandCodec.decode(new DataInputStream(new ByteArrayInputStream(
            frame.array(), frame.arrayOffset() + frame.position(), frame.remaining())));
      } catch (IOException e) {
        throw new DemandStoreException(file, "read", e);
      }
      consumer.accept(line);
    }
  }

  /** Rebuilds the index from the file, truncating a frame cut short at its end. */
  private void recover() throws IOException {
    long size = channel.size();
    Window window = new Window();
    CRC32C crc = new CRC32C();
    long at = 0;
    while (at < size) {
      ByteBuffer frame = size - at < HEADER ? null : window.frameOrNull(at, size);
      boolean intact = false;
      if (frame != null) {
        crc.reset();
        crc.update(frame.duplicate());
        intact = (int) crc.getValue() == window.checksum;
      }
      if (!intact) {
        long frameEnd = frame == null ? size : at + HEADER + frame.remaining();
        if (frameEnd < size) {
          throw new IOException("damaged row at offset " + at + " followed by more data");
        }
        LOG.warn("demand store {}: truncating {} bytes of a row cut short at offset {}",
            file, size - at, at);
        channel.truncate(at);
        channel.force(false);
        break;
      }
      DemandLine line = DemandCodec.decode(new DataInputStream(new ByteArrayInputStream(
          frame.array(), frame.arrayOffset() + frame.position(), frame.remaining())));
      index(line, at);
      at += HEADER + frame.remaining();
    }
    end = at;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the open already failed; that failure is the one to report
      }
    }
  }

  /** Where one row's current copy lies, with the instants the index orders and filters by. */
  private record Entry(
      long createdSecond, int createdNano, String id, long offset, long updatedSecond, int updatedNano) {}

  /** Buffered positional reads: rows read in file order cost one system call per window. */
  private final class Window {
    private ByteBuffer buffer = ByteBuffer.allocate(READ_WINDOW);
    private long start = -1;
    private int checksum;

    /** The payload of the frame at an offset; the file must hold it whole. */
    ByteBuffer frame(long offset) throws IOException {
      ByteBuffer frame = frameOrNull(offset, Long.MAX_VALUE);
      if (frame == null) {
        throw new IOException("row at offset " + offset + " is cut short");
      }
      return frame;
    }

    /** The payload at an offset, or null if its header is bad or it would pass {@code limit}. */
    ByteBuffer frameOrNull(long offset, long limit) throws IOException {
      if (!load(offset, HEADER)) {
        return null;
      }
      int position = (int) (offset - start);
      int length = buffer.getInt(position);
      checksum = buffer.getInt(position + 4);
      if (length < 0 || offset + HEADER + length > limit || !load(offset, HEADER + length)) {
        return null;
      }
      position = (int) (offset - start);
      return buffer.slice(position + HEADER, length);
    }

    /** Makes bytes [offset, offset + length) available in the buffer; false at end of file. */
    private boolean load(long offset, int length) throws IOException {
      if (start >= 0 && offset >= start && offset + length <= start + buffer.limit()) {
        return true;
      }
      if (buffer.capacity() < length) {
        buffer = ByteBuffer.allocate(length);
      }
      buffer.clear();
      while (buffer.position() < length) {
        if (channel.read(buffer, offset + buffer.position()) < 0) {
          start = -1;
          return false;
        }
      }
      buffer.flip();
      start = offset;
      return true;
    }
  }
}
