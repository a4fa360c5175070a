package dev.stockbridge.journal;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.stockbridge.StockbridgeException;
import dev.stockbridge.store.AtomicFile;
import dev.stockbridge.store.LogFormat;
import dev.stockbridge.store.RecordLog;
import dev.stockbridge.store.RecordLogException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files that hold one journal: at most one snapshot, {@code snapshot-<g>.journal}, holding what
 * compaction kept of every log up to generation {@code g}, then the logs after it, {@code
 * movements-<n>.journal} ({@value FileJournal#FILE_NAME}, the only log of a journal never compacted,
 * is generation 0). The last log is the active one; the others are frozen until compaction folds
 * them into the next snapshot.
 *
 * <p><b>Crash safety.</b> A snapshot appears under its name only complete (written as {@code .part},
 * forced, moved atomically, directory forced); only then are the files it covers deleted. Opening
 * takes the newest snapshot, deletes what it covers, older snapshots and {@code .part} leftovers, and
 * replays the rest: a kill between any two steps loses nothing (the snapshot is either there, and
 * covers the logs, or not, and the logs are) and doubles nothing (files a snapshot covers are
 * never replayed beside it).
 *
 * <p><b>Locking.</b> {@code journal.lock} is held exclusively while open, before any file is touched,
 * so a second open (this or another process) fails without deleting anything. {@code swap} guards
 * the list of segments: appends and replays hold its read lock while they use a segment (a replay
 * for its whole length, so no file it reads is deleted under it); rolling to a new log and
 * installing a snapshot hold its write lock. Compaction itself reads frozen segments without it.
 */
final class Generations implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Generations.class);
  static final String LOCK_FILE = "journal.lock";
  private static final Pattern LOG_NAME = Pattern.compile("movements-(\\d{10})\\.journal");
  private static final Pattern SNAPSHOT_NAME = Pattern.compile("snapshot-(\\d{10})\\.journal");
  private static final Pattern PART_NAME = Pattern.compile("snapshot-(\\d{10})\\.journal\\.part");

  private final Path directory;
  private final LogFormat format;
  private final RecordLog.Forcer forcer;
  private final FileChannel lockChannel;
  final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
  /** Guarded by swap. */
  private Segment snapshot;
  /** Guarded by swap; in generation order, the last one active. */
  private final List<Segment> logs = new ArrayList<>();

  /** One record log of the journal. */
  static final class Segment {
    final long generation;
    final RecordLog log;
    final boolean isSnapshot;
    /** The latest time stamp written into this log, in millis; appends add one when time moved. */
    final AtomicLong stamped = new AtomicLong(Long.MIN_VALUE);

    Segment(long generation, RecordLog log, boolean isSnapshot) {
      this.generation = generation;
      this.log = log;
      this.isSnapshot = isSnapshot;
    }
  }

  private Generations(Path directory, LogFormat format, RecordLog.Forcer forcer, FileChannel lockChannel) {
    this.directory = directory;
    this.format = format;
    this.forcer = forcer;
    this.lockChannel = lockChannel;
  }

  static String logName(long generation) {
    return generation == 0 ? FileJournal.FILE_NAME : String.format("movements-%010d.journal", generation);
  }

  static String snapshotName(long generation) {
    return String.format("snapshot-%010d.journal", generation);
  }

  /** Whether a directory holds any of a journal's record files. */
  static boolean holdsJournal(Path directory) throws IOException {
    if (Files.exists(directory.resolve(FileJournal.FILE_NAME))) {
      return true;
    }
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (var files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString())
          .anyMatch(n -> LOG_NAME.matcher(n).matches() || SNAPSHOT_NAME.matcher(n).matches());
    }
  }

  /**
   * Locks the directory, clears what an interrupted compaction left, and opens the newest snapshot
   * and every log after it.
   *
   * @throws StockbridgeException if already open
   * @throws RecordLogException if a file cannot be read
   * @throws IOException if the directory cannot be listed or cleaned
   */
  static Generations open(Path directory, LogFormat format, RecordLog.Forcer forcer) throws IOException {
    FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), CREATE, READ, WRITE);
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new StockbridgeException("journal " + directory.resolve(FileJournal.FILE_NAME)
            + " is already open, in this or another process");
      }
      Generations generations = new Generations(directory, format, forcer, channel);
      generations.load();
      return generations;
    } catch (IOException | RuntimeException e) {
      channel.close(); // releases the lock
      throw e;
    }
  }

  private void load() throws IOException {
    TreeMap<Long, Path> logFiles = new TreeMap<>();
    TreeMap<Long, Path> snapshots = new TreeMap<>();
    List<Path> parts = new ArrayList<>();
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        Matcher m;
        if (name.equals(FileJournal.FILE_NAME)) {
          logFiles.put(0L, file);
        } else if ((m = LOG_NAME.matcher(name)).matches()) {
          logFiles.put(Long.parseLong(m.group(1)), file);
        } else if ((m = SNAPSHOT_NAME.matcher(name)).matches()) {
          snapshots.put(Long.parseLong(m.group(1)), file);
        } else if (PART_NAME.matcher(name).matches()) {
          parts.add(file);
        }
      }
    }
    long covered = snapshots.isEmpty() ? -1 : snapshots.lastKey();
    List<Path> stale = new ArrayList<>(parts);
    snapshots.headMap(covered).values().forEach(stale::add);
    logFiles.headMap(covered, true).values().forEach(stale::add);
    if (!stale.isEmpty()) {
      LOG.info("journal {}: removing {} files an interrupted compaction left behind (covered by {}): {}", directory,
          stale.size(), covered < 0 ? "nothing" : snapshotName(covered), stale.stream().map(p -> p.getFileName().toString()).toList());
      for (Path file : stale) {
        Files.deleteIfExists(file);
      }
      forceDirectory();
    }
    try {
      if (covered >= 0) {
        snapshot = new Segment(covered, RecordLog.open(snapshots.get(covered), format, forcer), true);
      }
      for (var entry : logFiles.tailMap(covered, false).entrySet()) {
        logs.add(new Segment(entry.getKey(), RecordLog.open(entry.getValue(), format, forcer), false));
      }
      if (logs.isEmpty()) {
        long generation = covered + 1;
        logs.add(new Segment(generation, RecordLog.open(directory.resolve(logName(generation)), format, forcer), false));
        forceDirectory();
      }
    } catch (RuntimeException e) {
      closeAll();
      throw e;
    }
  }

  /** The log appends go to; call under the read lock. */
  Segment active() {
    return logs.get(logs.size() - 1);
  }

  /** Every segment in replay order; call under a lock of swap. */
  List<Segment> segments() {
    List<Segment> all = new ArrayList<>(logs.size() + 1);
    if (snapshot != null) {
      all.add(snapshot);
    }
    all.addAll(logs);
    return all;
  }

  /**
   * Starts a new active log; returns the segments before it (frozen from now on), in replay
   * order. Waits for appends and replays using the segments to finish.
   */
  List<Segment> roll() {
    swap.writeLock().lock();
    try {
      List<Segment> frozen = segments();
      long generation = active().generation + 1;
      logs.add(new Segment(generation, RecordLog.open(directory.resolve(logName(generation)), format, forcer), false));
      forceDirectory();
      return frozen;
    } finally {
      swap.writeLock().unlock();
    }
  }

  /**
   * Replaces the segments up to a generation with the snapshot of them, already under its final
   * name, then deletes their files. A crash before the deletes leaves files the next open deletes.
   */
  void install(Path snapshotFile, long generation, Consumer<String> step) {
    RecordLog opened = RecordLog.open(snapshotFile, format, forcer);
    List<Segment> replaced = new ArrayList<>();
    swap.writeLock().lock();
    try {
      if (snapshot != null) {
        replaced.add(snapshot);
      }
      snapshot = new Segment(generation, opened, true);
      logs.removeIf(segment -> {
        boolean covered = segment.generation <= generation;
        if (covered) {
          replaced.add(segment);
        }
        return covered;
      });
      for (Segment segment : replaced) {
        segment.log.close();
        try {
          Files.deleteIfExists(segment.log.file());
        } catch (IOException e) {
          LOG.warn("journal {}: could not delete {} after compaction; the next open deletes it", directory, segment.log.file(), e);
        }
        step.accept("deleted " + segment.log.file().getFileName());
      }
      forceDirectory();
    } finally {
      swap.writeLock().unlock();
    }
  }

  Path directory() {
    return directory;
  }

  /** Makes new, moved and deleted names durable. Some platforms cannot open a directory; skip. */
  void forceDirectory() {
    AtomicFile.forceDirectory(directory, forcer);
  }

  /** Closes every segment (forcing what is unforced) and releases the directory. */
  @Override
  public void close() {
    swap.writeLock().lock();
    try {
      closeAll();
    } finally {
      swap.writeLock().unlock();
    }
  }

  private void closeAll() {
    RecordLogException failure = null;
    for (Segment segment : segments()) {
      try {
        segment.log.close();
      } catch (RecordLogException e) {
        failure = failure == null ? e : failure;
      }
    }
    try {
      lockChannel.close();
    } catch (IOException e) {
      LOG.debug("could not release {}", directory.resolve(LOCK_FILE), e);
    }
    if (failure != null) {
      throw failure;
    }
  }
}
