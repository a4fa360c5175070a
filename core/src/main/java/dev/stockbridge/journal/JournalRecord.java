package dev.stockbridge.journal;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.MovementJournal.Visitor;
import java.util.List;

/** One entry of a journal: an accepted movement, an applied mark, a time stamp or a compacted key. */
sealed interface JournalRecord {

  /**
   * Hands this record to a visitor.
   *
   * @param visitor the visitor
   */
  void replayTo(Visitor visitor);

  /**
   * Checks a batch for {@link dev.stockbridge.spi.MovementJournal#append(List)}: every movement
   * must carry its sequence, so that replay can be matched against the storefront's markers.
   *
   * @param movements the batch
   * @return the batch as records, in order
   * @throws InvalidValueException if the batch or a movement is null, or a movement is unsequenced
   */
  static List<JournalRecord> accepted(List<Movement> movements) {
    if (movements == null) {
      throw new InvalidValueException("movements", null, "must not be null");
    }
    return movements.stream().<JournalRecord>map(Accepted::new).toList();
  }

  /** An accepted movement, with its sequence. */
  record Accepted(Movement movement) implements JournalRecord {

    public Accepted {
      if (movement == null) {
        throw new InvalidValueException("movement", null, "must not be null");
      }
      if (movement.sequence() == Movement.UNSEQUENCED) {
        throw new InvalidValueException(
            "sequence",
            movement.sequence(),
            "must be assigned before movement " + movement.idempotencyKey() + " is journaled");
      }
    }

    @Override
    public void replayTo(Visitor visitor) {
      visitor.accepted(movement);
    }
  }

  /** A key's movements up to a sequence are applied. */
  record Applied(StockKey key, long sequence) implements JournalRecord {

    public Applied {
      if (key == null) {
        throw new InvalidValueException("key", null, "must not be null");
      }
      if (sequence < 0) {
        throw new InvalidValueException("sequence", sequence, "must not be negative");
      }
    }

    @Override
    public void replayTo(Visitor visitor) {
      visitor.applied(key, sequence);
    }
  }

  /** The movements after it (in the same file) were accepted at this moment or later. */
  record Time(long epochMillis) implements JournalRecord {
    @Override
    public void replayTo(Visitor visitor) {}
  }

  /** What compaction kept of a key. */
  record Summary(dev.stockbridge.spi.CompactedKey summary) implements JournalRecord {
    public Summary {
      if (summary == null) {
        throw new InvalidValueException("summary", null, "must not be null");
      }
    }

    @Override
    public void replayTo(Visitor visitor) {
      visitor.compacted(summary);
    }
  }
}
