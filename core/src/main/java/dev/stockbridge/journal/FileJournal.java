package dev.stockbridge.journal;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.spi.CompactedKey;
import dev.stockbridge.spi.Ledger;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.store.RecordLog;
import dev.stockbridge.store.RecordLogException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded durable journal: {@link RecordLog}s in a directory of its own, holding accepted
 * movements, applied marks and time stamps ({@code JournalCodec}), compacted so that it holds what
 * is live, not its history.
 *
 * <p><b>Compaction.</b> Once the active log passes {@link Builder#compactAfterBytes} (64 MiB by
 * default), or when {@link #compact()} is called, appends move to a new log and the frozen ones are
 * rewritten, on a thread of the journal's, into one snapshot: the movements not yet marked applied,
 * those accepted within the {@link Builder#retention retention} (so their idempotency keys still
 * recognise a re-delivery), and per key its highest sequence and the units of every state its
 * dropped movements moved ({@link CompactedKey}). Snapshots rather than a log cleaner per segment,
 * because what must survive of a key (its sequence, its inspection units) is a sum over all its
 * history: one snapshot carries it forward in one record per key, and a start replays the snapshot
 * and the logs after it, so start-up and disk grow with the live keys and the retention, not with
 * the years behind them. The file layout and its crash safety are in {@code Generations}: a kill
 * at any point of a compaction loses and doubles nothing. A directory written before compaction
 * ({@value #FILE_NAME} alone) opens unchanged and is folded into a snapshot by its first compaction.
 *
 * <p><b>Durability.</b> {@link #append(List)} returns only once its movements are forced to disk.
 * Concurrent appends share forces (the record log's group commit): whoever forces covers every
 * append written before it, so the more callers append at once, the fewer forces per movement.
 * {@link #applied(StockKey, long)} writes its mark without forcing: the mark reaches disk with the
 * next append's force or on {@link #close()}, and losing it only lengthens replay.
 *
 * <p><b>Recovery.</b> {@link #open(Path)} verifies every record. A damaged tail, the trace of an
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
 * <p><b>Locking.</b> Thread-safe. Each record log states its own locks; {@code Generations} guards
 * which logs there are (appends and replays share it, rolling and installing a snapshot take it
 * alone); {@code compactLock} lets one compaction run at a time and keeps {@link #close()} from
 * closing files a compaction reads. One journal per directory: a second open, in this or another
 * process, fails before touching a file.
 */
public final class FileJournal implements MovementJournal {

  /** The journal file's name inside its directory, until its first compaction. */
  public static final String FILE_NAME = "movements.journal";
  /** The file beside the journal that holds its identity ({@link Ledger}). */
  public static final String LEDGER_FILE = "ledger.id";
  /** The default retention of applied movements: see {@code docs/operations.md} for why so long. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

  private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);

  private final Path directory;
  private final Generations generations;
  private final Ledger ledger;
  private final Clock clock;
  private final Optional<Duration> retention;
  private final long compactAfterBytes;
  private final RecordLog.Forcer forcer;
  private final Consumer<String> steps;
  private final ReentrantLock compactLock = new ReentrantLock();
  private final AtomicBoolean compactionQueued = new AtomicBoolean();
  private final ExecutorService compactor;
  private volatile boolean closed;
  /** The active log's size at which the next automatic compaction starts; moved on after a failure. */
  private volatile long compactAt;

  private FileJournal(Builder b, Generations generations, Ledger ledger) {
    this.directory = b.directory;
    this.generations = generations;
    this.ledger = ledger;
    this.clock = b.clock;
    this.retention = b.retention;
    this.compactAfterBytes = b.compactAfterBytes;
    this.compactAt = b.compactAfterBytes;
    this.forcer = b.forcer;
    this.steps = b.steps;
    this.compactor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "stockbridge-journal-compaction");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Opens the journal in a directory with the defaults (system clock, {@link #DEFAULT_RETENTION},
   * compaction after 64 MiB), creating both if needed, and recovers it: a torn last record is
   * dropped (and logged at WARN), so later appends start clean; a damaged record in the middle is
   * set aside and skipped (logged at ERROR); files an interrupted compaction left are removed.
   *
   * @param directory the journal's directory
   * @return the open journal
   * @throws JournalCorruptedException if a file is not a journal or has an unknown version
   * @throws JournalIoException if a file cannot be created, read or repaired
   * @throws StockbridgeException if the journal is already open
   */
  public static FileJournal open(Path directory) {
    return builder(directory).open();
  }

  static FileJournal open(Path directory, Forcer forcer) {
    return builder(directory).forcer(forcer::force).open();
  }

  /**
   * Starts configuring a journal in a directory.
   *
   * @param directory the journal's directory
   * @return the builder
   * @throws InvalidValueException if the directory is null
   */
  public static Builder builder(Path directory) {
    return new Builder(dev.stockbridge.Checks.notNull("directory", directory));
  }

  /**
   * Whether a directory holds a journal's records (a journal opened there at least once).
   *
   * @param directory the journal's directory
   * @return whether it holds journal files
   * @throws JournalIoException if the directory cannot be listed
   */
  public static boolean exists(Path directory) {
    try {
      return Generations.holdsJournal(directory);
    } catch (IOException e) {
      throw new JournalIoException(directory, "list", e);
    }
  }

  private static FileJournal open(Builder b) {
    Path file = b.directory.resolve(FILE_NAME);
    try {
      Files.createDirectories(b.directory);
    } catch (IOException e) {
      throw new JournalIoException(file, "open", e);
    }
    Generations generations;
    try {
      boolean upgraded = !Files.exists(b.directory.resolve(LEDGER_FILE)) && Files.exists(file) && Files.size(file) > 0;
      generations = Generations.open(b.directory, JournalCodec.FORMAT, b.forcer);
      try {
        return new FileJournal(b, generations, JournalFiles.ledger(b.directory, upgraded));
      } catch (RuntimeException e) {
        generations.close();
        throw e;
      }
    } catch (IOException e) {
      throw new JournalIoException(file, "open", e);
    } catch (RecordLogException e) {
      throw translated(file, e);
    }
  }

  /**
   * {@inheritDoc} Kept in {@value #LEDGER_FILE} beside the journal: a backup of the directory
   * keeps it; a new directory gets a new one.
   */
  @Override
  public Ledger ledger() {
    return ledger;
  }

  /** {@inheritDoc} As configured ({@link #DEFAULT_RETENTION} unless set). */
  @Override
  public Optional<Duration> retention() {
    return retention;
  }

  /**
   * Appends the movements, with a time stamp when the clock moved on since the last one, and
   * forces them to disk, sharing the force with concurrent appends.
   *
   * @param movements the movements, each with its sequence assigned
   * @throws InvalidValueException if a movement is null, unsequenced or too large to journal; none
   *     is written then
   * @throws JournalIoException if writing or forcing failed; none of the movements is accepted
   * @throws StockbridgeException if the journal is closed or failed earlier
   */
  @Override
  public void append(List<Movement> movements) {
    List<JournalRecord> records = JournalRecord.accepted(movements);
    List<ByteBuffer> bodies = new ArrayList<>(records.size() + 1);
    long second = Math.floorDiv(clock.millis(), 1000) * 1000; // a stamp a second is plenty for a retention
    long size;
    Lock shared = generations.swap.readLock();
    shared.lock();
    try {
      Generations.Segment active = generations.active();
      long stamped = active.stamped.get();
      // Generation 0 ({@value FILE_NAME}) keeps the format of before compaction byte for byte, so a
      // directory never compacted can still be opened by an older version; its movements count as
      // accepted when read (never earlier than they were, so never dropped too soon).
      if (active.generation > 0 && !records.isEmpty() && second > stamped && active.stamped.compareAndSet(stamped, second)) {
        bodies.add(JournalCodec.encode(new JournalRecord.Time(second)));
      }
      records.forEach(record -> bodies.add(JournalCodec.encode(record)));
      active.log.append(bodies);
      size = active.log.size();
    } catch (RecordLogException e) {
      throw translated(directory.resolve(FILE_NAME), e);
    } finally {
      shared.unlock();
    }
    if (size >= compactAt && compactionQueued.compareAndSet(false, true)) {
      compactor.execute(this::compactInBackground);
    }
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
    ByteBuffer body = JournalCodec.encode(new JournalRecord.Applied(key, sequence));
    Lock shared = generations.swap.readLock();
    shared.lock();
    try {
      generations.active().log.write(List.of(body));
    } catch (RecordLogException e) {
      throw translated(directory.resolve(FILE_NAME), e);
    } finally {
      shared.unlock();
    }
  }

  /**
   * Streams every record written before the call, in order: the snapshot (its movements, then one
   * {@link Visitor#compacted} per key), then the logs after it, through a small buffer. Each
   * movement comes with the time it was accepted (for one in a log without time stamps, now: never
   * earlier than it was). Compaction waits for a replay to end before it deletes anything.
   *
   * @throws JournalCorruptedException if a record cannot be read back
   * @throws JournalIoException if reading failed
   * @throws StockbridgeException if the journal is closed
   */
  @Override
  public void replay(Visitor visitor) {
    dev.stockbridge.Checks.notNull("visitor", visitor);
    long now = clock.millis();
    Lock shared = generations.swap.readLock();
    shared.lock();
    try {
      requireOpen();
      for (Generations.Segment segment : generations.segments()) {
        JournalFiles.read(segment.log, now, (record, at) -> {
          if (record instanceof JournalRecord.Accepted accepted) {
            visitor.accepted(accepted.movement(), Instant.ofEpochMilli(at));
          } else {
            record.replayTo(visitor);
          }
        });
      }
    } catch (RecordLogException e) {
      throw translated(directory.resolve(FILE_NAME), e);
    } finally {
      shared.unlock();
    }
  }

  /** The copies of damaged records the journal's logs and snapshot set aside when they were opened. */
  @Override
  public List<Path> damaged() {
    generations.swap.readLock().lock();
    try {
      return generations.segments().stream().flatMap(segment -> segment.log.damaged().stream()).toList();
    } finally {
      generations.swap.readLock().unlock();
    }
  }

  /**
   * Compacts now, on the calling thread: appends move to a new log, and everything before it is
   * rewritten into one snapshot as the class description says. Waits for a compaction already
   * running. Appends and replays go on meanwhile, except for the moments of switching files.
   *
   * @throws JournalIoException if the snapshot could not be written; the journal stays as it was
   * @throws JournalCorruptedException if a record cannot be read back
   * @throws StockbridgeException if the journal is closed
   */
  public void compact() {
    compactLock.lock();
    try {
      requireOpen();
      long cutoff = retention.map(r -> clock.millis() - r.toMillis()).orElse(Long.MIN_VALUE);
      Compaction.run(generations, forcer, cutoff, clock.millis(), steps);
    } catch (RecordLogException e) {
      throw translated(directory.resolve(FILE_NAME), e);
    } finally {
      compactLock.unlock();
    }
  }

  private void compactInBackground() {
    try {
      if (!closed) {
        compact();
        compactAt = compactAfterBytes; // a retry after a failure put it further out: back to normal
      }
    } catch (RuntimeException e) {
      compactAt = compactAt + compactAfterBytes; // try again once the log has grown as much again
      if (!closed) {
        LOG.error("journal {}: compaction failed; nothing was lost, the journal keeps its files and retries later", directory, e);
      }
    } finally {
      compactionQueued.set(false);
    }
  }

  /**
   * Forces what is not yet on disk (applied marks, appends still waiting) and closes the files,
   * after a compaction running now ends. Closing twice is harmless.
   *
   * @throws JournalIoException if the final force or closing failed
   */
  @Override
  public void close() {
    closed = true;
    compactLock.lock();
    try {
      generations.close();
    } catch (RecordLogException e) {
      throw translated(directory.resolve(FILE_NAME), e);
    } finally {
      compactLock.unlock();
      compactor.shutdown();
    }
  }

  @Override
  public String toString() {
    return "FileJournal[" + directory + "]";
  }

  /**
   * How many forces appends to the logs open now have made: fewer than appends when concurrent
   * appends shared forces. For measuring group commit.
   *
   * @return the count
   */
  public long forceCount() {
    Lock shared = generations.swap.readLock();
    shared.lock();
    try {
      return generations.segments().stream().mapToLong(segment -> segment.log.forceCount()).sum();
    } finally {
      shared.unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new StockbridgeException("journal " + directory + " is closed");
    }
  }

  /** The journal's own exceptions for the record log's, as its callers have always caught them. */
  private static StockbridgeException translated(Path file, RecordLogException e) {
    Path named = e.file() != null ? e.file() : file;
    return switch (e.problem()) {
      case IO -> new JournalIoException(named, e.detail(), (IOException) e.getCause());
      case NOT_READABLE -> new JournalCorruptedException(named, e.offset(), e.detail());
      case FAILED -> new StockbridgeException(e.getMessage(), translated(named, (RecordLogException) e.getCause()));
      case ALREADY_OPEN, CLOSED -> new StockbridgeException(e.getMessage(), e);
    };
  }

  /** Forces a channel to disk; a seam for tests. */
  @FunctionalInterface
  interface Forcer {
    void force(FileChannel channel) throws IOException;
  }

  /**
   * The journal's settings. Defaults: the system clock, {@link FileJournal#DEFAULT_RETENTION},
   * compaction once the active log holds 64 MiB. Not thread-safe.
   */
  public static final class Builder {
    private final Path directory;
    private Clock clock = Clock.systemUTC();
    private Optional<Duration> retention = Optional.of(DEFAULT_RETENTION);
    private long compactAfterBytes = 64L << 20;
    private RecordLog.Forcer forcer = RecordLog.Forcer.DATA;
    private Consumer<String> steps = step -> {};

    private Builder(Path directory) {
      this.directory = directory;
    }

    /**
     * The clock that stamps accepted movements and decides which are past the retention.
     *
     * @param clock the clock
     * @return this builder
     * @throws InvalidValueException if null
     */
    public Builder clock(Clock clock) {
      this.clock = dev.stockbridge.Checks.notNull("clock", clock);
      return this;
    }

    /**
     * How long an applied movement is kept, and its idempotency key remembered by the engine.
     *
     * @param retention a positive duration
     * @return this builder
     * @throws InvalidValueException if null, zero or negative
     */
    public Builder retention(Duration retention) {
      if (retention == null || retention.isNegative() || retention.isZero()) {
        throw new InvalidValueException("retention", retention, "must be positive");
      }
      this.retention = Optional.of(retention);
      return this;
    }

    /**
     * Keeps every movement for ever, as journals did before compaction (compaction then only
     * folds applied marks); memory and start-up grow with history.
     *
     * @return this builder
     */
    public Builder retainForever() {
      this.retention = Optional.empty();
      return this;
    }

    /**
     * How large the active log grows before a compaction starts on the journal's thread.
     *
     * @param bytes at least 64 KiB; {@link Long#MAX_VALUE} to compact only on {@link #compact()}
     * @return this builder
     * @throws InvalidValueException if below 64 KiB
     */
    public Builder compactAfterBytes(long bytes) {
      if (bytes < 64 * 1024) {
        throw new InvalidValueException("compactAfterBytes", bytes, "must be at least 64 KiB");
      }
      this.compactAfterBytes = bytes;
      return this;
    }

    Builder forcer(RecordLog.Forcer forcer) {
      this.forcer = forcer;
      return this;
    }

    /** A seam for crash tests: told each compaction step as it completes; may throw to stop there. */
    Builder steps(Consumer<String> steps) {
      this.steps = steps;
      return this;
    }

    /**
     * Opens the journal as {@link FileJournal#open(Path)} says.
     *
     * @return the open journal
     * @throws JournalCorruptedException if a file is not a journal or has an unknown version
     * @throws JournalIoException if a file cannot be created, read or repaired
     * @throws StockbridgeException if the journal is already open
     */
    public FileJournal open() {
      return FileJournal.open(this);
    }
  }
}
