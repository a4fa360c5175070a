package dev.stockbridge.flow;

import dev.stockbridge.Checks;
import dev.stockbridge.StockKey;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.spi.Supply;
import java.util.HashMap;
import java.util.Map;

/**
 * Supply signals and receipts: from a {@link SupplySource} onto the storefront entries (through the
 * engine, coalesced into each key's next update) and into the engine as movements. Only keys whose
 * supply changed since the last run are handed on, so a steady catalogue costs no storefront writes;
 * the first run of a process hands on every key once. Not thread-safe: one thread runs it.
 */
public final class SupplyFlow {

  private final SupplySource source;
  private final StockEngine engine;
  /** What this process last handed on per key; bounded by the keys the source covers. */
  private final Map<StockKey, Supply> handed = new HashMap<>();

  /**
   * Creates the flow.
   *
   * @param source where supply comes from
   * @param engine where it goes, started
   */
  public SupplyFlow(SupplySource source, StockEngine engine) {
    this.source = Checks.notNull("source", source);
    this.engine = Checks.notNull("engine", engine);
  }

  /**
   * Runs once: reads the source, hands on the changed supply fields and books the movements.
   *
   * @return what this run did
   */
  public SupplyCycle runOnce() {
    SupplyReading reading = source.read();
    int updated = 0;
    for (Map.Entry<StockKey, Supply> entry : reading.supply().entrySet()) {
      if (!entry.getValue().equals(handed.get(entry.getKey()))) {
        engine.setSupply(entry.getKey(), entry.getValue());
        handed.put(entry.getKey(), entry.getValue());
        updated++;
      }
    }
    long movements = reading.movements().isEmpty() ? 0 : engine.submit(reading.movements()).accepted();
    source.commit(reading);
    return new SupplyCycle(reading.supply().size(), updated, movements, reading.note());
  }
}
