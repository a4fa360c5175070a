package dev.stockbridge.order;

import dev.stockbridge.spi.OrderLedgerStore;
import dev.stockbridge.spi.OrderLedgerStoreContract;

/** The in-memory order ledger passes the store contract. */
class InMemoryOrderLedgerTest extends OrderLedgerStoreContract {
  @Override
  protected OrderLedgerStore open() {
    return new InMemoryOrderLedger();
  }
}
