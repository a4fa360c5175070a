package dev.stockbridge.postgres;

import dev.stockbridge.demand.DemandStore;
import dev.stockbridge.demand.DemandStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The PostgreSQL demand store passes the demand store contract across reopening. */
class PostgresDemandStoreTest extends DemandStoreContract {

  private final List<PostgresStore> stores = new ArrayList<>();
  private PostgresConfig config;

  @Override
  protected DemandStore open() {
    config = TestDatabase.fresh();
    return openStore().demand();
  }

  @Override
  protected DemandStore reopen(DemandStore store) {
    return openStore().demand();
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
