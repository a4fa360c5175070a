package dev.stockbridge.journal;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.spi.Ledger;
import dev.stockbridge.spi.MovementJournal;
import java.util.ArrayList;
import java.util.List;

/**
 * A journal held in memory, for tests and for embeddings that accept losing the journal with the
 * process. Thread-safe: records are kept in the order their calls took the journal's lock, and a
 * replay sees every record appended before it started.
 */
public final class InMemoryJournal implements MovementJournal {

  private final List<JournalRecord> records = new ArrayList<>();
  private final Ledger ledger;
  private boolean closed;

  /**
   * Creates an empty journal with a random ledger that adopts the single-number marker: an
   * in-memory journal starts empty in every process, so whatever marker an entry holds is ahead of
   * it, and the engine rebases what it accepts above it.
   */
  public InMemoryJournal() {
    this(Ledger.random(true));
  }

  /**
   * Creates an empty journal with a given identity.
   *
   * @param ledger the identity
   * @throws InvalidValueException if it is null
   */
  public InMemoryJournal(Ledger ledger) {
    this.ledger = dev.stockbridge.Checks.notNull("ledger", ledger);
  }

  @Override
  public Ledger ledger() {
    return ledger;
  }

  /**
   * Appends the movements in order. They survive for as long as this object does.
   *
   * @param movements the movements, each with its sequence assigned
   * @throws InvalidValueException if a movement is null or unsequenced; none is appended then
   * @throws StockbridgeException if the journal is closed
   */
  @Override
  public void append(List<Movement> movements) {
    List<JournalRecord> batch = JournalRecord.accepted(movements);
    synchronized (records) {
      requireOpen();
      records.addAll(batch);
    }
  }

  /**
   * Records an applied mark.
   *
   * @throws InvalidValueException if the key is null or the sequence negative
   * @throws StockbridgeException if the journal is closed
   */
  @Override
  public void applied(StockKey key, long sequence) {
    JournalRecord mark = new JournalRecord.Applied(key, sequence);
    synchronized (records) {
      requireOpen();
      records.add(mark);
    }
  }

  /**
   * Replays a snapshot of the journal; the visitor runs without holding the journal's lock, so it
   * may append.
   *
   * @throws StockbridgeException if the journal is closed
   */
  @Override
  public void replay(Visitor visitor) {
    List<JournalRecord> snapshot;
    synchronized (records) {
      requireOpen();
      snapshot = List.copyOf(records);
    }
    snapshot.forEach(record -> record.replayTo(visitor));
  }

  /** Closes the journal and drops its records. Closing twice is harmless. */
  @Override
  public void close() {
    synchronized (records) {
      closed = true;
      records.clear();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new StockbridgeException("the in-memory journal is closed");
    }
  }
}
