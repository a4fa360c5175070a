package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.store.LogFormat;
import dev.stockbridge.store.RecordLog;
import dev.stockbridge.store.RecordLogException;
import dev.stockbridge.store.SharedRecordLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-backed {@link ExceptionTracker}: an {@link InMemoryExceptionTracker} whose changes are
 * appended to a {@link SharedRecordLog}, one record per changed exception (the last record of an
 * id wins), so a change costs what it changed, not the whole file. Every call is a batch of one; a
 * {@link #batch} (a reconciliation run) appends all its changes with one force. When the file holds
 * {@value #COMPACT_FACTOR} times as many records as exceptions (and at least {@value #COMPACT_AT}), it
 * is rewritten to one record per exception. A run that sees every exception again appends only
 * small "seen again" records, so it pays for a compaction every seventh run, and the file stays
 * within about twice its compacted size; for whole records it stays within eight times.
 *
 * <p>A batch is all or nothing: if a change throws or the disk refuses, memory goes back to what
 * it was before the batch. An engine failure ({@link #raise} must not throw) is the exception: kept
 * in memory and appended with the next batch. Several processes may share the file (a long-running
 * sync and a scheduled reconcile): the shared log locks each batch and first hands over what other
 * processes appended, so no process loses another's changes.
 *
 * <p>Thread-safe: every method holds the instance lock, then the shared log's (see its javadoc).
 * {@code before} and {@code unsaved} are guarded by the instance lock.
 */
final class FileExceptionTracker implements ExceptionTracker {

  /** The magic number "\u0089SBX": never the first byte of the JSON file of before. */
  static final int MAGIC = 0x89534258;
  static final int COMPACT_AT = 1024;
  static final int COMPACT_FACTOR = 8;

  private static final Logger LOG = LoggerFactory.getLogger(FileExceptionTracker.class);
  private static final Set<ExceptionStatus> ALL = EnumSet.allOf(ExceptionStatus.class);

  private final Path file;
  private final SharedRecordLog log;
  private final InMemoryExceptionTracker memory;
  private final SharedRecordLog.Follower follower = new SharedRecordLog.Follower() {
    @Override
    public void restart() {
      memory.clear();
    }

    @Override
    public void record(ByteBuffer body) {
      decode(body).ifPresentOrElse(memory::load,
          () -> LOG.warn("{}: a record updates an exception whose own record was set aside; skipped", file));
    }
  };
  /** What each exception the running batch changed was before it (null: it was new); null between batches. */
  private Map<String, TrackedException> before;
  /** Engine failures the disk refused, appended with the next batch. */
  private final Map<String, TrackedException> unsaved = new LinkedHashMap<>();

  private FileExceptionTracker(Path file, Clock clock, RecordLog.Forcer forcer) {
    this.file = file;
    this.memory = new InMemoryExceptionTracker(clock, this::changed);
    LogFormat format = LogFormat.of("exception tracker", MAGIC).maxRecordBytes(16 << 20).legacy(this::convert);
    this.log = SharedRecordLog.open(file, format, forcer);
  }

  static FileExceptionTracker open(Path file, Clock clock) {
    return open(file, clock, RecordLog.Forcer.DATA);
  }

  static FileExceptionTracker open(Path file, Clock clock, RecordLog.Forcer forcer) {
    Checks.notNull("file", file);
    Checks.notNull("clock", clock);
    FileExceptionTracker tracker = new FileExceptionTracker(file, clock, forcer);
    tracker.follow();
    return tracker;
  }

  @Override
  public synchronized Sighting record(Discrepancy discrepancy) {
    return batch(t -> t.record(discrepancy));
  }

  @Override
  public synchronized void raise(StockException exception) {
    try {
      batch(t -> {
        t.raise(exception);
        return null;
      });
    } catch (RuntimeException e) {
      // Kept in memory, unlike a refused record(): nobody else holds it, and the next batch saves it.
      memory.raise(exception);
      memory.find(exception.dedupeKey()).ifPresent(t -> unsaved.put(t.id(), t));
      LOG.error("could not save exception {}; kept in memory until the next save", exception, e);
    }
  }

  @Override
  public synchronized TrackedException acknowledge(String id, String by) {
    return batch(t -> t.acknowledge(id, by));
  }

  @Override
  public synchronized TrackedException resolve(String id, String by) {
    return batch(t -> t.resolve(id, by));
  }

  @Override
  public synchronized List<TrackedException> autoResolve(Set<String> seen) {
    return batch(t -> t.autoResolve(seen));
  }

  @Override
  public synchronized Optional<TrackedException> find(String id) {
    follow();
    return memory.find(id);
  }

  @Override
  public synchronized List<TrackedException> list(Set<ExceptionStatus> statuses) {
    follow();
    return memory.list(statuses);
  }

  @Override
  public synchronized <T> T batch(Function<? super ExceptionTracker, ? extends T> changes) {
    Checks.notNull("changes", changes);
    if (before != null) {
      return memory.batch(changes); // called from inside a batch: part of it
    }
    before = new LinkedHashMap<>();
    try {
      T result = log.append(follower, records -> {
        unsaved.values().forEach(memory::load); // ours, not yet saved, win over what others appended
        T outcome = memory.batch(changes);
        before.forEach((id, was) -> records.add(TrackerCodec.encode(was, memory.find(id).orElseThrow())));
        unsaved.values().stream().filter(t -> !before.containsKey(t.id())).forEach(t -> records.add(TrackerCodec.encode(t)));
        return outcome;
      });
      unsaved.clear();
      compactIfDue();
      return result;
    } catch (RuntimeException e) {
      before.forEach(memory::restore);
      throw e instanceof RecordLogException failure ? translated(failure) : e;
    } finally {
      before = null;
    }
  }

  @Override
  public String toString() {
    return "FileExceptionTracker[" + file + "]";
  }

  /** Notes what a change replaced, the first time the running batch changes that exception. */
  private void changed(TrackedException previous, TrackedException next) {
    if (before != null && !before.containsKey(next.id())) {
      before.put(next.id(), previous);
    }
  }

  private void follow() {
    try {
      log.follow(follower);
      unsaved.values().forEach(memory::load);
    } catch (RecordLogException e) {
      throw translated(e);
    }
  }

  private void compactIfDue() {
    if (log.records() < Math.max(COMPACT_AT, (long) COMPACT_FACTOR * memory.size())) {
      return;
    }
    try {
      log.rewrite(follower, records -> memory.list(ALL).forEach(t -> records.add(TrackerCodec.encode(t))));
    } catch (RuntimeException e) {
      // Everything is saved already; the file is only longer than it needs to be.
      LOG.warn("could not compact {}; will try again after a later change: {}", file, e.getMessage());
    }
  }

  private Optional<TrackedException> decode(ByteBuffer body) {
    try {
      return TrackerCodec.decode(body, memory::find);
    } catch (RuntimeException e) {
      throw new TrackerFileException(file, "holds a record that cannot be read (written by a newer version?)", e);
    }
  }

  /** Reads the JSON snapshot of before the record log, to convert it. */
  private void convert(Path legacy, Consumer<ByteBuffer> records) {
    List<TrackedException> exceptions;
    try (InputStream in = Files.newInputStream(legacy)) {
      exceptions = TrackerFileFormat.read(in);
    } catch (IOException | RuntimeException e) {
      throw new TrackerFileException(file, "cannot be read (damaged or not a tracker file; "
          + "move it aside to start empty)", e);
    }
    exceptions.forEach(t -> records.accept(TrackerCodec.encode(t)));
  }

  private TrackerFileException translated(RecordLogException e) {
    String problem = switch (e.problem()) {
      case IO -> "could not be read or written";
      case NOT_READABLE -> "cannot be read (" + e.detail() + "; move it aside to start empty)";
      default -> "cannot be used";
    };
    return new TrackerFileException(file, problem, e);
  }
}
