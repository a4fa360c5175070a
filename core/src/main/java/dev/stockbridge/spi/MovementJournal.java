package dev.stockbridge.spi;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import java.util.List;

/**
 * The append-only record of every movement the engine accepted. A movement is accepted only once
 * it is in the journal: after a crash, replay hands back everything accepted, and the engine skips
 * what the storefront's exactly-once markers show as applied. Implementations are thread-safe.
 */
public interface MovementJournal extends AutoCloseable {

  /**
   * Appends sequenced movements. When this returns they survive a crash of the process (a durable
   * journal has forced them to disk).
   *
   * @param movements the movements, each with its sequence assigned
   * @throws dev.stockbridge.StockbridgeException if they could not be made durable; none of them
   *     counts as accepted then
   */
  void append(List<Movement> movements);

  /**
   * The journal's durable identity: the same for as long as its records last (and in a backup of
   * them), another for a new journal.
   *
   * @return the ledger
   */
  Ledger ledger();

  /**
   * Notes that a key's movements up to a sequence are applied, so replay may skip them. Need not be
   * durable: the storefront's marker is the authority, this only shortens replay.
   *
   * @param key the key
   * @param sequence the highest sequence applied
   */
  void applied(StockKey key, long sequence);

  /**
   * Replays the journal in append order.
   *
   * @param visitor receives every accepted movement and every applied mark
   */
  void replay(Visitor visitor);

  /**
   * The copies of damaged records the journal set aside when it was opened: what they held was not
   * replayed, so the movements in them are unknown to the engine (the order ledger still knows the
   * orders they came from).
   *
   * @return the files holding the damaged bytes, empty if none (or if the journal cannot tell)
   */
  default List<java.nio.file.Path> damaged() {
    return List.of();
  }

  /** Releases the journal's resources. Appending afterwards fails. */
  @Override
  void close();

  /** Receives the journal's records during {@link #replay(Visitor)}. */
  interface Visitor {

    /**
     * An accepted movement.
     *
     * @param movement the movement, with its sequence
     */
    void accepted(Movement movement);

    /**
     * An applied mark.
     *
     * @param key the key
     * @param sequence the highest sequence applied
     */
    void applied(StockKey key, long sequence);
  }
}
