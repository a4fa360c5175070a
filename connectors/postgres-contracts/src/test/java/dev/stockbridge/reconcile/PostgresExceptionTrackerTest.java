package dev.stockbridge.reconcile;

import dev.stockbridge.postgres.PostgresConfig;
import dev.stockbridge.postgres.PostgresStore;
import dev.stockbridge.postgres.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The PostgreSQL tracker passes the tracker contract; each restart is another store on the same
 * database, as another process would be.
 */
class PostgresExceptionTrackerTest extends ExceptionTrackerContract {

  private final List<PostgresStore> stores = new ArrayList<>();
  private PostgresConfig config;
  private Clock clockUsed;

  @Override
  ExceptionTracker open(Clock clock) {
    config = TestDatabase.fresh();
    clockUsed = clock;
    return openStore().exceptions(clock);
  }

  @Override
  ExceptionTracker reopen(ExceptionTracker tracker) {
    return openStore().exceptions(clockUsed);
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
