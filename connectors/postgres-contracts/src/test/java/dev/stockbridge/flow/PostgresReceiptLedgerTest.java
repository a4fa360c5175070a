package dev.stockbridge.flow;

import dev.stockbridge.postgres.TestStores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL receipt ledger passes the receipt ledger contract. */
class PostgresReceiptLedgerTest extends ReceiptLedgerContract {

  @RegisterExtension final TestStores stores = new TestStores();

  @Override
  ReceiptLedger ledger() {
    stores.fresh();
    return stores.open().receipts();
  }
}
