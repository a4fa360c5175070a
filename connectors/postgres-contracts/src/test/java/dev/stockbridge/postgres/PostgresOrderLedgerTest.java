package dev.stockbridge.postgres;

import dev.stockbridge.spi.OrderLedgerStore;
import dev.stockbridge.spi.OrderLedgerStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL order ledger passes the store contract, each read after closing and reopening the store. */
class PostgresOrderLedgerTest extends OrderLedgerStoreContract {

  @RegisterExtension final TestStores stores = new TestStores();

  @Override
  protected OrderLedgerStore open() {
    stores.fresh();
    return stores.open().orderLedger();
  }

  @Override
  protected OrderLedgerStore reopen(OrderLedgerStore ledger) {
    ledger.close();
    return stores.open().orderLedger();
  }
}
