package dev.stockbridge.engine;

import dev.stockbridge.spi.OrderLedgerStore;
import java.time.Duration;
import java.util.Objects;

/**
 * The order ledger's settings. Not API.
 *
 * @param store where what each order line decremented and restocked is kept
 * @param parkFor how long a cancellation or return waits for its order before it is raised
 * @param retention how long an order is kept after its last event (long enough for returns)
 * @param sweepEvery how often the engine sweeps the ledger on its housekeeping thread
 */
record OrderLedgerConfig(OrderLedgerStore store, Duration parkFor, Duration retention, Duration sweepEvery) {

  /** Validates. */
  OrderLedgerConfig {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(parkFor, "parkFor");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(sweepEvery, "sweepEvery");
  }
}
