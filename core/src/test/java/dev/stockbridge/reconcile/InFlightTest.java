package dev.stockbridge.reconcile;

import static dev.stockbridge.reconcile.Fixtures.order;
import static dev.stockbridge.reconcile.Fixtures.receipt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.spi.CompactedKey;
import dev.stockbridge.spi.Ledger;
import dev.stockbridge.spi.MovementJournal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InFlightTest {

  @Test
  void shouldHoldOnlyTheMovementsAboveEachKeysAppliedMark_whenReadFromAJournal() {
    InMemoryJournal journal = new InMemoryJournal();
    Movement sold = order("A", "l1", 2, "o-1").withSequence(1);
    Movement received = receipt("A", "l1", 6, "po-1").withSequence(2);
    Movement other = receipt("B", "l1", 1, "po-2").withSequence(1);
    journal.append(List.of(sold, received, other));
    journal.applied(StockKey.of("A", "l1"), 1);
    journal.applied(StockKey.of("B", "l1"), 1);

    InFlight pending = InFlight.pending(journal);
    journal.append(List.of(order("A", "l1", 1, "o-2").withSequence(3)));

    assertThat(pending.unapplied(StockKey.of("A", "l1"))).containsExactly(received);
    assertThat(pending.unapplied(StockKey.of("B", "l1"))).isEmpty();
    assertThat(pending.unapplied(StockKey.of("C", "l1"))).isEmpty();
  }

  @Test
  void shouldHoldNothingASummaryCovers_whenTheJournalReplaysItBeforeTheMovements() {
    Movement kept = order("A", "l1", 2, "o-1").withSequence(4); // applied, within the retention
    Movement waiting = order("A", "l1", 1, "o-2").withSequence(6);
    MovementJournal summaryFirst = new MovementJournal() { // as the PostgreSQL journal replays
      @Override
      public void replay(Visitor visitor) {
        visitor.compacted(new CompactedKey(StockKey.of("A", "l1"), 3, 5, Map.of()));
        visitor.accepted(kept);
        visitor.accepted(waiting);
      }

      @Override
      public void append(List<Movement> movements) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Ledger ledger() {
        throw new UnsupportedOperationException();
      }

      @Override
      public void applied(StockKey key, long sequence) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {}
    };

    assertThat(InFlight.pending(summaryFirst).unapplied(StockKey.of("A", "l1"))).containsExactly(waiting);
  }
}
