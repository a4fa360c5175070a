package dev.stockbridge.postgres;

import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.MovementJournalContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The PostgreSQL journal passes the journal contract, each replay after closing and reopening the store. */
class PostgresJournalTest extends MovementJournalContract {

  private final List<PostgresStore> stores = new ArrayList<>();
  private PostgresConfig config;

  @Override
  protected MovementJournal open() {
    config = TestDatabase.fresh();
    return openStore().journal();
  }

  @Override
  protected MovementJournal reopen(MovementJournal journal) {
    journal.close();
    return openStore().journal();
  }

  private PostgresStore openStore() {
    PostgresStore store = PostgresStore.open(config);
    stores.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    stores.forEach(PostgresStore::close);
  }
}
