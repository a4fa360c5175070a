package dev.stockbridge.reconcile;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.stockbridge.Checks;
import dev.stockbridge.spi.StockException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-backed {@link ExceptionTracker}: an {@link InMemoryExceptionTracker} whose every change
 * is saved as a whole snapshot before the call returns. A snapshot is written to a sibling
 * {@code .tmp} file, forced, then moved over the file atomically, so a crash leaves the old or the
 * new snapshot, never a mix. A change the disk refuses is undone in memory and thrown, except an
 * engine failure ({@link #raise} must not throw), which is logged and kept in memory for the next
 * save. Several processes may share the file (a long-running sync and a scheduled reconcile): each
 * change holds a lock on a sibling {@code .lock} file and first reloads the snapshot if another
 * process replaced it, so no process overwrites another's changes. Thread-safe: every method holds
 * the instance lock.
 */
final class FileExceptionTracker implements ExceptionTracker {

  private static final Logger LOG = LoggerFactory.getLogger(FileExceptionTracker.class);
  private static final Set<ExceptionStatus> ALL = EnumSet.allOf(ExceptionStatus.class);

  /** One monitor per file within this JVM: a file lock is held per process, not per thread. */
  private static final ConcurrentHashMap<Path, Object> FILES = new ConcurrentHashMap<>();

  private final Path file;
  private final Path temporary;
  private final Path lockFile;
  private final Object fileMonitor;
  private final Clock clock;
  private InMemoryExceptionTracker memory;
  /** The snapshot this process last read or wrote, to tell when another process replaced it. */
  private Object loadedStamp;

  private FileExceptionTracker(Path file, Clock clock) {
    this.file = file;
    this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
    this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    this.fileMonitor = FILES.computeIfAbsent(file, any -> new Object());
    this.clock = clock;
    this.loadedStamp = stamp();
    this.memory = new InMemoryExceptionTracker(clock, load(file));
  }

  static FileExceptionTracker open(Path file, Clock clock) {
    Checks.notNull("file", file);
    Checks.notNull("clock", clock);
    return new FileExceptionTracker(file.toAbsolutePath(), clock);
  }

  /** Reloads the snapshot if another process (or tracker) replaced it since this one last looked. */
  private void refresh() {
    Object current = stamp();
    if (!java.util.Objects.equals(current, loadedStamp)) {
      memory = new InMemoryExceptionTracker(clock, load(file));
      loadedStamp = current;
    }
  }

  /** The file's identity and version: inode (changed by every atomic move), size and time. */
  private Object stamp() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(String.valueOf(attributes.fileKey()), attributes.size(), attributes.lastModifiedTime());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new TrackerFileException(file, "cannot be read", e);
    }
  }

  /** Runs a change holding this JVM's monitor and the cross-process lock on the file. */
  private <T> T locked(Supplier<T> change) {
    synchronized (fileMonitor) {
      try (FileChannel channel = FileChannel.open(lockFile, CREATE, WRITE)) {
        channel.lock(); // released when the channel closes
        refresh();
        return change.get();
      } catch (IOException e) {
        throw new TrackerFileException(file, "could not be locked through " + lockFile, e);
      }
    }
  }

  private static List<TrackedException> load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return TrackerFileFormat.read(in);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException | RuntimeException e) {
      throw new TrackerFileException(file, "cannot be read (damaged or not a tracker file; "
          + "move it aside to start empty)", e);
    }
  }

  @Override
  public synchronized Sighting record(Discrepancy discrepancy) {
    return locked(() -> saved(() -> memory.record(discrepancy)));
  }

  @Override
  public synchronized void raise(StockException exception) {
    boolean[] held = {false};
    try {
      locked(() -> {
        memory.raise(exception);
        held[0] = true;
        save(memory.list(ALL));
        return null;
      });
    } catch (RuntimeException e) {
      // Kept in memory, unlike a refused record(): nobody else holds it, and the next save writes it.
      if (!held[0]) {
        memory.raise(exception);
      }
      LOG.error("could not save exception {}; kept in memory until the next save", exception, e);
    }
  }

  @Override
  public synchronized TrackedException acknowledge(String id, String by) {
    return locked(() -> saved(() -> memory.acknowledge(id, by)));
  }

  @Override
  public synchronized TrackedException resolve(String id, String by) {
    return locked(() -> saved(() -> memory.resolve(id, by)));
  }

  @Override
  public synchronized List<TrackedException> autoResolve(Set<String> seen) {
    return locked(() -> saved(() -> memory.autoResolve(seen)));
  }

  @Override
  public synchronized Optional<TrackedException> find(String id) {
    refresh();
    return memory.find(id);
  }

  @Override
  public synchronized List<TrackedException> list(Set<ExceptionStatus> statuses) {
    refresh();
    return memory.list(statuses);
  }

  /** Applies a change and saves it; when the save fails, memory goes back to what was saved. */
  private <T> T saved(Supplier<T> change) {
    List<TrackedException> before = memory.list(ALL);
    T result = change.get();
    List<TrackedException> after = memory.list(ALL);
    if (after.equals(before)) {
      return result;
    }
    try {
      save(after);
    } catch (TrackerFileException e) {
      memory = new InMemoryExceptionTracker(clock, before);
      throw e;
    }
    return result;
  }

  private void save(List<TrackedException> exceptions) {
    try {
      try (FileChannel channel = FileChannel.open(temporary, CREATE, WRITE, TRUNCATE_EXISTING)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
        TrackerFileFormat.write(exceptions, out);
        out.flush();
        channel.force(false);
      }
      Files.move(temporary, file, ATOMIC_MOVE, REPLACE_EXISTING);
      loadedStamp = stamp();
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw new TrackerFileException(file, "could not be written", e);
    }
    forceDirectory();
  }

  /** Makes the rename durable. Some platforms (Windows) cannot open a directory; skip. */
  private void forceDirectory() {
    try (FileChannel channel = FileChannel.open(file.getParent(), READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("could not force directory {}", file.getParent(), e);
    }
  }
}
