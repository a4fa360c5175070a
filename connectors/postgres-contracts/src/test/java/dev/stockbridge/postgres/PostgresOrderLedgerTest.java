package dev.stockbridge.postgres;

import dev.stockbridge.spi.OrderLedgerStore;
import dev.stockbridge.spi.OrderLedgerStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The PostgreSQL order ledger passes the store contract, each read after closing and reopening the store. */
class PostgresOrderLedgerTest extends OrderLedgerStoreContract {

  private final List<PostgresStore> stores = new ArrayList<>();
  private PostgresConfig config;

  @Override
  protected OrderLedgerStore open() {
    config = TestDatabase.fresh();
    return openStore().orderLedger();
  }

  @Override
  protected OrderLedgerStore reopen(OrderLedgerStore ledger) {
    ledger.close();
    return openStore().orderLedger();
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
