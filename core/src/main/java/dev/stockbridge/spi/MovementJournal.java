package dev.stockbridge.spi;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

  /**
   * How long the journal keeps an accepted movement after the storefront applied it, so that its
   * idempotency key still recognises a re-delivery; the engine remembers keys exactly as long.
   * Older applied movements may be compacted into a {@link CompactedKey} per key.
   *
   * @return the retention, empty if movements are kept for ever (the default)
   */
  default Optional<Duration> retention() {
    return Optional.empty();
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
     * An accepted movement with the moment it was journaled, for journals that keep it; by
     * default handed to {@link #accepted(Movement)}.
     *
     * @param movement the movement, with its sequence
     * @param acceptedAt when it was journaled, or a later moment where the journal does not know
     *     (never an earlier one, so a retention counted from it never ends too soon)
     */
    default void accepted(Movement movement, Instant acceptedAt) {
      accepted(movement);
    }

    /**
     * What compaction kept of a key whose applied movements it removed. Where it comes relative to
     * the key's movements depends on the journal: the file journal hands it after the movements the
     * compaction kept and before any accepted since; the PostgreSQL journal, which compacts while
     * others append, hands every summary before all records. A visitor must therefore not depend
     * on the order: fold sequences and marks with max and units with sums, and judge whether a
     * movement is applied by the highest mark once replay ends (a summary's applied sequence may
     * cover movements replayed after it). The engine's own visitors do.
     *
     * @param summary the key's sequences and the units its removed movements moved
     */
    default void compacted(CompactedKey summary) {}

    /**
     * An applied mark.
     *
     * @param key the key
     * @param sequence the highest sequence applied
     */
    void applied(StockKey key, long sequence);
  }
}
