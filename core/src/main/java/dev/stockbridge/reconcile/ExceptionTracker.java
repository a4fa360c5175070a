package dev.stockbridge.reconcile;

import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.StockException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
   * A tracker kept in a JSON file, so exceptions, their statuses and held-back movements survive a
   * restart: it loads the file (none yet means empty) and saves every change before returning,
   * atomically (a crash leaves the previous or the new content). The file's directory must exist.
   * One process per file: two trackers on the same file overwrite each other's changes. Each change
   * rewrites the whole file, which suits hundreds to a few thousand exceptions.
   *
   * @param file the file, e.g. {@code data/exceptions.json}
   * @param clock dates sightings and lifecycle steps
   * @return the tracker with the file's exceptions
   * @throws dev.stockbridge.InvalidValueException if an argument is null
   * @throws TrackerFileException if the file exists but cannot be read or is damaged; a change the
   *     disk refuses later also throws it (except from {@link #raise}, which logs)
   */
  static ExceptionTracker file(Path file, Clock clock) {
    return FileExceptionTracker.open(file, clock);
  }
}
