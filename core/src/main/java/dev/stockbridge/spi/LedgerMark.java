package dev.stockbridge.spi;

import dev.stockbridge.InvalidValueException;

/**
 * The mark an update sets on its entry: this ledger's highest sequence applied, as of a day.
 *
 * @param ledger the ledger writing
 * @param sequence the highest sequence of that ledger the update includes, at least 1
 * @param epochDay today, days since 1970-01-01 (for pruning marks of ledgers long gone)
 */
public record LedgerMark(Ledger ledger, long sequence, long epochDay) {

  /**
   * Validates the mark.
   *
   * @throws InvalidValueException if the ledger is null or the sequence not positive
   */
  public LedgerMark {
    if (ledger == null) {
      throw new InvalidValueException("ledger", null, "must not be null");
    }
    if (sequence <= 0) {
      throw new InvalidValueException("sequence", sequence, "must be positive");
    }
  }

  /**
   * The entry's marks after this one is set.
   *
   * @param read the entry as read
   * @return its marks with this ledger's replaced
   */
  public LedgerMarks applyTo(StockEntry read) {
    return read.marks().with(ledger.id(), sequence, epochDay);
  }
}
