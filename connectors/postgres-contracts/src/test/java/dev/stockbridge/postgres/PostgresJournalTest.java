package dev.stockbridge.postgres;

import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.MovementJournalContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL journal passes the journal contract, each replay after closing and reopening the store. */
class PostgresJournalTest extends MovementJournalContract {

  @RegisterExtension final TestStores stores = new TestStores();

  @Override
  protected MovementJournal open() {
    stores.fresh();
    return stores.open().journal();
  }

  @Override
  protected MovementJournal reopen(MovementJournal journal) {
    journal.close();
    return stores.open().journal();
  }
}
