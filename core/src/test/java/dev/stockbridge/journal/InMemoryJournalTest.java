package dev.stockbridge.journal;

import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.MovementJournalContract;

class InMemoryJournalTest extends MovementJournalContract {

  @Override
  protected MovementJournal open() {
    return new InMemoryJournal();
  }
}
