package dev.stockbridge.flow;

/** The in-memory ledger passes the contract. */
class InMemoryReceiptLedgerTest extends ReceiptLedgerContract {

  @Override
  ReceiptLedger ledger() {
    return ReceiptLedger.inMemory();
  }
}
