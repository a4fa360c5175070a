package dev.stockbridge.reconcile;

import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.StockException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The exception store with a lifecycle: discrepancies from reconciliation runs and failures from
 * the engine (through {@link ExceptionStore#raise}), each de-duplicated by its id, with an owner,
 * first and last seen, and a status people move from open to acknowledged to resolved.
 * Implementations are thread-safe.
 */
public interface ExceptionTracker extends ExceptionStore {

  /** What recording a sighting did; only {@link #NEW} and {@link #REOPENED} deserve an alert. */
  enum Sighting {
    /** Never seen before: opened. */
    NEW,
    /** Closed before, seen again: reopened. */
    REOPENED,
    /** Still open or acknowledged: last seen updated, nobody needs telling again. */
    REPEATED
  }

  /**
   * Records a discrepancy seen by a run.
   *
   * @param discrepancy the discrepancy
   * @return whether it is new, reopened or repeated
   */
  Sighting record(Discrepancy discrepancy);

  /**
   * Records an engine failure, de-duplicated by {@link StockException#dedupeKey()}. Never throws.
   *
   * @param exception the failure
   */
  @Override
  void raise(StockException exception);

  /**
   * Marks an open exception as taken by a person.
   *
   * @param id the exception's id
   * @param by who took it
   * @return the updated exception
   * @throws ExceptionLifecycleException if the id is unknown or the exception is closed
   */
  TrackedException acknowledge(String id, String by);

  /**
   * Closes an exception by hand.
   *
   * @param id the exception's id
   * @param by who closed it
   * @return the updated exception
   * @throws ExceptionLifecycleException if the id is unknown or the exception is already closed
   */
  TrackedException resolve(String id, String by);

  /**
   * Closes every active exception raised by reconciliation that a full run did not see.
   *
   * @param seen the ids the run saw
   * @return the exceptions auto-resolved
   */
  List<TrackedException> autoResolve(Set<String> seen);

  /**
   * Makes several changes as one batch, e.g. everything a reconciliation run records and
   * auto-resolves: the changes run against the tracker handed to them (use it only during the
   * call), no other change interleaves, and a durable tracker saves them together, once. In the
   * file tracker the batch is all or nothing: if a change throws or the disk refuses, none of the
   * batch's changes is kept. The default runs the changes against this tracker.
   *
   * @param <T> what the changes return
   * @param changes the changes, e.g. {@code t -> t.autoResolve(seen)}
   * @return what the changes returned
   * @throws TrackerFileException if a durable tracker cannot save the batch
   */
  default <T> T batch(Function<? super ExceptionTracker, ? extends T> changes) {
    return changes.apply(this);
  }

  /**
   * Looks an exception up.
   *
   * @param id its id
   * @return the exception, or empty
   */
  Optional<TrackedException> find(String id);

  /**
   * The exceptions in some states, ordered by id.
   *
   * @param statuses the states wanted
   * @return the matching exceptions
   */
  List<TrackedException> list(Set<ExceptionStatus> statuses);

  /**
   * An in-memory tracker, the embedded default.
   *
   * @param clock dates sightings and lifecycle steps
   * @return a new, empty tracker
   */
  static ExceptionTracker inMemory(Clock clock) {
    return new InMemoryExceptionTracker(clock);
  }

  /**
   * A tracker kept in a file, so exceptions, their statuses and held-back movements survive a
   * restart. The file is a record log ({@link dev.stockbridge.store.SharedRecordLog}): every call,
   * or {@link #batch} of calls, appends the exceptions it changed and forces them once before
   * returning; the file is compacted now and then. Several processes may share the file (a sync and
   * a reconcile): each call takes a lock on a sibling {@code .lock} file and first reads what the
   * others appended. A torn last record (a crash mid-save) is dropped with a WARN; a damaged one
   * is set aside beside the file. A tracker file of the JSON format of before is converted when
   * opened. The file's directory must exist.
   *
   * @param file the file, e.g. {@code data/exceptions.json}
   * @param clock dates sightings and lifecycle steps
   * @return the tracker with the file's exceptions
   * @throws dev.stockbridge.InvalidValueException if an argument is null
   * @throws TrackerFileException if the file exists but cannot be read, or is neither a tracker
   *     file nor a readable one of the JSON format of before; a change the disk refuses later also
   *     throws it (except from {@link #raise}, which logs)
   */
  static ExceptionTracker file(Path file, Clock clock) {
    return FileExceptionTracker.open(file, clock);
  }
}
