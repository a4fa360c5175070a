package dev.stockbridge.journal;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.spi.Ledger;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.store.AtomicFile;
import dev.stockbridge.store.RecordLog;
import dev.stockbridge.store.RecordLogException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded durable journal: one {@link RecordLog}, {@value #FILE_NAME}, in a directory of its
 * own, holding accepted movements and applied marks ({@code JournalCodec}).
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
 * <p>Thread-safe, as the record log is (its javadoc states its locks); the journal adds no state.
 * One journal per directory: a second open, in this or another process, fails.
 */
public final class FileJournal implements MovementJournal {

  /** The journal file's name inside its directory. */
  public static final String FILE_NAME = "movements.journal";
  /** The file beside the journal that holds its identity ({@link Ledger}). */
  public static final String LEDGER_FILE = "ledger.id";

  private final Path file;
  private final RecordLog log;
  private final Ledger ledger;

  private FileJournal(Path file, RecordLog log, Ledger ledger) {
    this.file = file;
    this.log = log;
    this.ledger = ledger;
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
    } catch (IOException e) {
      throw new JournalIoException(file, "open", e);
    }
    Ledger ledger = ledger(directory, file);
    try {
      return new FileJournal(file, RecordLog.open(file, JournalCodec.FORMAT, forcer::force), ledger);
    } catch (RecordLogException e) {
      throw translated(file, e);
    }
  }

  /**
   * The directory's ledger: read from {@value #LEDGER_FILE}, or created there (durably, before any
   * movement is journaled under it). A journal that already holds records but no identity was
   * written before ledgers had one: its new ledger adopts the single-number marker it wrote.
   */
  private static Ledger ledger(Path directory, Path file) {
    Path idFile = directory.resolve(LEDGER_FILE);
    try {
      if (Files.exists(idFile)) {
        String[] stored = Files.readString(idFile, StandardCharsets.UTF_8).strip().split(" ");
        return new Ledger(stored[0], stored.length > 1 && stored[1].equals("adopts-legacy-marker"));
      }
      boolean upgraded = Files.exists(file) && Files.size(file) > 0;
      Ledger created = Ledger.random(upgraded);
      String text = created.id() + (upgraded ? " adopts-legacy-marker" : "") + "\n";
      AtomicFile.write(idFile, out -> {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        return null;
      });
      return created;
    } catch (IOException | InvalidValueException e) {
      throw new JournalIoException(idFile, "read or create the ledger identity", e instanceof IOException io ? io : new IOException(e));
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
    List<JournalRecord> records = JournalRecord.accepted(movements);
    List<ByteBuffer> bodies = new ArrayList<>(records.size());
    records.forEach(record -> bodies.add(JournalCodec.encode(record)));
    try {
      log.append(bodies);
    } catch (RecordLogException e) {
      throw translated(file, e);
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
    try {
      log.write(List.of(body));
    } catch (RecordLogException e) {
      throw translated(file, e);
    }
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
    try {
      log.replay((position, body) -> decode(body, position).replayTo(visitor));
    } catch (RecordLogException e) {
      throw translated(file, e);
    }
  }

  @Override
  public List<Path> damaged() {
    return log.damaged();
  }

  /**
   * Forces what is not yet on disk (applied marks, appends still waiting) and closes the file.
   * Closing twice is harmless.
   *
   * @throws JournalIoException if the final force or closing failed
   */
  @Override
  public void close() {
    try {
      log.close();
    } catch (RecordLogException e) {
      throw translated(file, e);
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
    return log.forceCount();
  }

  private JournalRecord decode(ByteBuffer body, long position) {
    try {
      return JournalCodec.decode(body);
    } catch (IllegalArgumentException | InvalidValueException e) {
      throw new JournalCorruptedException(file, position, "the record is undecodable (" + e + ")");
    }
  }

  /** The journal's own exceptions for the record log's, as its callers have always caught them. */
  private static StockbridgeException translated(Path file, RecordLogException e) {
    return switch (e.problem()) {
      case IO -> new JournalIoException(file, e.detail(), (IOException) e.getCause());
      case NOT_READABLE -> new JournalCorruptedException(file, e.offset(), e.detail());
      case FAILED -> new StockbridgeException(e.getMessage(), translated(file, (RecordLogException) e.getCause()));
      case ALREADY_OPEN, CLOSED -> new StockbridgeException(e.getMessage(), e);
    };
  }

  /** Forces a channel to disk; a seam for tests. */
  @FunctionalInterface
  interface Forcer {
    void force(FileChannel channel) throws IOException;
  }
}
