package dev.stockbridge.postgres;

import dev.stockbridge.demand.DemandStore;
import dev.stockbridge.demand.DemandStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL demand store passes the demand store contract across reopening. */
class PostgresDemandStoreTest extends DemandStoreContract {

  @RegisterExtension final TestStores stores = new TestStores();

  @Override
  protected DemandStore open() {
    stores.fresh();
    return stores.open().demand();
  }

  @Override
  protected DemandStore reopen(DemandStore store) {
    return stores.open().demand();
  }
}
