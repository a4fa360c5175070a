package dev.stockbridge.flow;

import dev.stockbridge.postgres.PostgresStore;
import dev.stockbridge.postgres.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The PostgreSQL receipt ledger passes the receipt ledger contract. */
class PostgresReceiptLedgerTest extends ReceiptLedgerContract {

  private final List<PostgresStore> stores = new ArrayList<>();

  @Override
  ReceiptLedger ledger() {
    PostgresStore store = PostgresStore.open(TestDatabase.fresh());
    stores.add(store);
    return store.receipts();
  }

  @AfterEach
  void closeStores() {
    stores.forEach(PostgresStore::close);
  }
}
