package dev.stockbridge.flow;

import dev.stockbridge.Checks;
import dev.stockbridge.StockKey;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.spi.Supply;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Supply signals and receipts: from a {@link SupplySource} onto the storefront entries (through the
 * engine, coalesced into each key's next update) and into the engine as movements. A minimum stock
 * (the supply's safety stock) is also handed to the engine as a holdback, so the storefront never
 * sells it. Only keys whose
 * supply changed since the last run are handed on, so a steady catalogue costs no storefront writes;
 * the first run of a process hands on every key once. Not thread-safe: one thread runs it.
 */
public final class SupplyFlow {

  private final SupplySource source;
  private final StockEngine engine;
  private final Clock clock;
  /** What this process last handed on per key; bounded by the keys the source covers. */
  private final Map<StockKey, Supply> handed = new HashMap<>();

  /**
   * Creates the flow.
   *
   * @param source where supply comes from
   * @param engine where it goes, started
   */
  public SupplyFlow(SupplySource source, StockEngine engine) {
    this(source, engine, Clock.systemUTC());
  }

  /**
   * Creates the flow with a clock (it stamps each minimum-stock change's id).
   *
   * @param source where supply comes from
   * @param engine where it goes, started
   * @param clock the clock
   */
  public SupplyFlow(SupplySource source, StockEngine engine, Clock clock) {
    this.source = Checks.notNull("source", source);
    this.engine = Checks.notNull("engine", engine);
    this.clock = Checks.notNull("clock", clock);
  }

  /**
   * Runs once: reads the source, hands on the changed supply fields and books the movements.
   *
   * @return what this run did
   */
  public SupplyCycle runOnce() {
    SupplyReading reading = source.read();
    int updated = 0;
    long at = clock.millis();
    for (Map.Entry<StockKey, Supply> entry : reading.supply().entrySet()) {
      Supply before = handed.get(entry.getKey());
      Supply now = entry.getValue();
      if (!now.equals(before)) {
        engine.setSupply(entry.getKey(), now);
        if (now.safetyStock().isPresent() && (before == null || !now.safetyStock().equals(before.safetyStock()))) {
          // The planner's minimum stock is held back from sale (a HOLDBACK movement), not only shown.
          long units = now.safetyStock().getAsLong();
          engine.changeMinimumStock(entry.getKey(), units, "planner-minimum/" + entry.getKey() + "/" + units + "/" + at);
        }
        handed.put(entry.getKey(), now);
        updated++;
      }
    }
    long movements = reading.movements().isEmpty() ? 0 : engine.submit(reading.movements()).accepted();
    source.commit(reading);
    return new SupplyCycle(reading.supply().size(), updated, movements, reading.note());
  }
}
