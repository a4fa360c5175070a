package dev.stockbridge.store;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open record file: its header (created, checked, or converted from a legacy file), the
 * verification that truncates a torn tail and sets damaged records aside, and positional writes.
 * Not thread-safe, but for the damaged ranges (guarded by this object's lock, since reads that find
 * damage add to them): {@link RecordLog} and {@link SharedRecordLog} say what guards the rest.
 */
final class RecordFile implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RecordFile.class);

  private final Path path;
  private final LogFormat format;
  private final RecordLog.Forcer forcer;
  private final FileChannel channel;
  /** The identity the path had when opened, to tell when another process replaced the file. */
  private final Object key;
  /** Damaged ranges set aside, from their start to the next intact record. */
  private final TreeMap<Long, Long> damaged = new TreeMap<>();
  /** Where the damaged ranges were copied, in file order. */
  private final java.util.List<Path> evidence = new java.util.ArrayList<>();

  private RecordFile(Path path, LogFormat format, RecordLog.Forcer forcer, FileChannel channel, Object key) {
    this.path = path;
    this.format = format;
    this.forcer = forcer;
    this.channel = channel;
    this.key = key;
  }

  /**
   * Opens a record file, creating it with its header if it is empty or missing, and converting a
   * legacy file. With {@code lock}, holds an exclusive lock on it until closed.
   *
   * @throws RecordLogException if the file is locked, unreadable or not this format's
   */
  static RecordFile open(Path path, LogFormat format, RecordLog.Forcer forcer, boolean lock) {
    try {
      FileChannel channel = FileChannel.open(path, CREATE, READ, WRITE);
      try {
        if (lock) {
          lock(path, format, channel);
        }
        if (header(path, format, forcer, channel) == Header.LEGACY) {
          convert(path, format, forcer);
          FileChannel converted = FileChannel.open(path, READ, WRITE);
          try {
            if (lock) {
              lock(path, format, converted);
            }
          } catch (RuntimeException e) {
            converted.close();
            throw e;
          }
          channel.close();
          channel = converted;
        }
        return new RecordFile(path, format, forcer, channel, identity(path));
      } catch (IOException | RuntimeException e) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    } catch (IOException e) {
      throw RecordLogException.io(path, format.name(), "open", e);
    }
  }

  /**
   * Verifies the frames from a position to the end of the file, handing each intact one to the
   * visitor (which may be null), and returns the end of the last intact frame. A damaged tail is
   * truncated (WARN); damage followed by intact frames is copied aside and skipped (ERROR).
   */
  long scan(long from, RecordLog.Visitor visitor) throws IOException {
    long size = channel.size();
    FrameReader frames = reader(size);
    long position = from;
    while (position < size) {
      ByteBuffer body = frames.bodyAt(position);
      if (body != null) {
        long next = position + Frames.FRAME_HEADER + body.remaining();
        if (visitor != null) {
          visitor.record(position, body); // may consume the body
        }
        position = next;
        continue;
      }
      String damage = frames.damage();
      long next = frames.nextFrameAfter(position);
      if (next < 0) {
        LOG.warn("{} {} ends in a torn record at byte offset {} ({}): a write cut short; dropping its last {} bytes",
            format.name(), path, position, damage, size - position);
        channel.truncate(position);
        forcer.force(channel);
        return position;
      }
      // Intact records follow: a power loss can persist later unforced pages before earlier ones,
      // and bit rot can hit anywhere. Keep every intact record, set the damaged bytes aside, say so.
      Path evidence = setAside(position, next);
      damaged.put(position, next);
      this.evidence.add(evidence);
      LOG.error("{} {} has a damaged record at byte offset {} ({}); skipping {} bytes to the next intact record,"
              + " copied to {}: what it held is not replayed",
          format.name(), path, position, damage, next - position, evidence);
      position = next;
    }
    return position;
  }

  /** Whether the file holds the marked record, intact, at the marked position. */
  boolean holds(RecordLog.Mark mark) throws IOException {
    long size = channel.size();
    if (mark.end() > size) {
      return false;
    }
    ByteBuffer body = reader(size).bodyAt(mark.position());
    return body != null
        && mark.position() + Frames.FRAME_HEADER + body.remaining() == mark.end()
        && Frames.checksum(body) == mark.checksum();
  }

  /**
   * Sets aside damage a read found below {@code end} (bytes already verified once, or trusted from
   * a mark): copied up to the next intact frame, remembered so replays skip it, logged at ERROR.
   * Nothing is truncated: what follows was acknowledged.
   */
  synchronized void setAsideFound(long position, long end, String damage) throws IOException {
    if (damaged.containsKey(position)) {
      return;
    }
    long next = reader(end).nextFrameAfter(position);
    long to = next < 0 ? end : next;
    Path copy = setAside(position, to);
    damaged.put(position, to);
    evidence.add(copy);
    LOG.error("{} {} has a damaged record at byte offset {} ({}), found on reading it; {} bytes copied to {}:"
            + " what it held is skipped",
        format.name(), path, position, damage, to - position, copy);
  }

  /** The copies of the damaged ranges set aside since opened. */
  synchronized java.util.List<Path> evidence() {
    return java.util.List.copyOf(evidence);
  }

  /** Where the damaged range starting at a position ends, or -1 if none starts there. */
  synchronized long damagedUntil(long position) {
    return damaged.getOrDefault(position, -1L);
  }

  FrameReader reader(long end) {
    return new FrameReader(channel, end, format.maxRecordBytes());
  }

  void write(ByteBuffer frames, long at) throws IOException {
    long position = at;
    while (frames.hasRemaining()) {
      position += channel.write(frames, position);
    }
  }

  long size() throws IOException {
    return channel.size();
  }

  void force() throws IOException {
    forcer.force(channel);
  }

  void truncate(long size) throws IOException {
    channel.truncate(size);
    forcer.force(channel);
  }

  /** Whether the path now names another file than the one open here (or none). */
  boolean replaced() throws IOException {
    Object now = identity(path);
    return now == null || key == null || !Objects.equals(now, key);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private enum Header { OURS, LEGACY }

  /** Checks the header, writing it if the file is new or its header torn. */
  private static Header header(Path path, LogFormat format, RecordLog.Forcer forcer, FileChannel channel)
      throws IOException {
    long size = channel.size();
    ByteBuffer expected = Frames.header(format.magic());
    ByteBuffer found = ByteBuffer.allocate((int) Math.min(size, Frames.HEADER));
    while (found.hasRemaining() && channel.read(found, found.position()) >= 0) {
      // positional reads until the header (or the file) is read
    }
    byte[] bytes = found.array();
    boolean prefix = Arrays.equals(bytes, Arrays.copyOf(expected.array(), bytes.length));
    if (size < Frames.HEADER && prefix) {
      if (size > 0) {
        LOG.warn("{} {} has a torn header of {} bytes; starting it afresh", format.name(), path, size);
      }
      channel.truncate(0).write(expected, 0);
      forcer.force(channel);
      AtomicFile.forceDirectory(path.toAbsolutePath().getParent(), forcer);
      return Header.OURS;
    }
    if (size >= 4 && ByteBuffer.wrap(bytes).getInt(0) == format.magic()) {
      if (size < Frames.HEADER || bytes[4] != Frames.VERSION) {
        throw RecordLogException.notReadable(path, format.name(), 4,
            "unsupported format version " + (size < Frames.HEADER ? "(missing)" : bytes[4]));
      }
      return Header.OURS;
    }
    if (format.legacy() == null) {
      throw RecordLogException.notReadable(path, format.name(), 0, "the file is not a Stockbridge " + format.name());
    }
    return Header.LEGACY;
  }

  /** Replaces a legacy file by a record file holding what the converter read from it. */
  private static void convert(Path path, LogFormat format, RecordLog.Forcer forcer) throws IOException {
    long count = AtomicFile.write(path, out -> {
      out.write(Frames.header(format.magic()).array());
      long[] records = {0};
      try {
        format.legacy().convert(path, body -> {
          ByteBuffer frame = Frames.encode(List.of(body), format.maxRecordBytes()).buffer();
          try {
            out.write(frame.array(), 0, frame.limit());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          records[0]++;
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      return records[0];
    }, forcer);
    LOG.info("{} {}: converted from its earlier format to the record log ({} records)", format.name(), path, count);
  }

  private static void lock(Path path, LogFormat format, FileChannel channel) throws IOException {
    boolean locked;
    try {
      locked = channel.tryLock() != null;
    } catch (OverlappingFileLockException e) {
      locked = false;
    }
    if (!locked) {
      throw RecordLogException.alreadyOpen(path, format.name());
    }
  }

  /** The path's file identity (device and inode where the platform has them), or null if absent. */
  private static Object identity(Path path) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Copies damaged bytes beside the file, once, for whoever investigates. */
  private Path setAside(long from, long to) throws IOException {
    Path evidence = path.resolveSibling(path.getFileName() + ".damaged-at-" + from);
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
}
