package dev.stockbridge.journal;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.CompactedKey;
import dev.stockbridge.spi.MovementJournal;
import java.util.HashMap;
import java.util.Map;

/**
 * What a journal holds, counted by streaming it twice (applied marks first, then the movements), so
 * that memory holds one number per key, never the movements: for {@code stockbridge status} and
 * hosts' health pages.
 *
 * @param movements the movements the journal holds (compaction removed the others)
 * @param notApplied of those, the ones no applied mark covers
 * @param keys the (SKU, location) keys the journal knows, compacted ones included
 */
public record JournalStats(long movements, long notApplied, int keys) {

  /**
   * Counts a journal.
   *
   * @param journal the journal, not appended to while it is read
   * @return the counts
   * @throws dev.stockbridge.StockbridgeException if the journal cannot be read
   */
  public static JournalStats of(MovementJournal journal) {
    Map<StockKey, Long> marks = new HashMap<>();
    journal.replay(new MovementJournal.Visitor() {
      @Override
      public void accepted(Movement movement) {
        marks.putIfAbsent(movement.key(), 0L);
      }

      @Override
      public void applied(StockKey key, long sequence) {
        marks.merge(key, sequence, Math::max);
      }

      @Override
      public void compacted(CompactedKey summary) {
        applied(summary.key(), summary.appliedSequence());
      }
    });
    long[] counts = new long[2];
    journal.replay(new MovementJournal.Visitor() {
      @Override
      public void accepted(Movement movement) {
        counts[0]++;
        if (movement.sequence() > marks.getOrDefault(movement.key(), 0L)) {
          counts[1]++;
        }
      }

      @Override
      public void applied(StockKey key, long sequence) {}
    });
    return new JournalStats(counts[0], counts[1], marks.size());
  }
}
