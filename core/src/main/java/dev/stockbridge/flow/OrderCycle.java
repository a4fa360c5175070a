package dev.stockbridge.flow;

import dev.stockbridge.Sku;
import java.time.Instant;
import java.util.Set;

/**
 * What one run of {@link OrderFlow} did, for the host to print or graph. Immutable.
 *
 * @param start the flow's starting point: orders placed before it are demand history only
 * @param firstStart whether this run set the starting point (the flow's first run)
 * @param orders orders read and handed on
 * @param movements stock movements the engine accepted for them
 * @param history orders placed before the start, kept as demand history and never decremented
 * @param demandLines demand lines stored
 * @param quarantined orders newly held or still held after this run's attempt
 * @param released quarantined orders read again, mapped and processed this run
 * @param unmappedSkus SKUs sold that the mapping does not know (their demand is held back)
 */
public record OrderCycle(
    Instant start, boolean firstStart, int orders, long movements, int history, int demandLines, int quarantined, int released, Set<Sku> unmappedSkus) {

  /** Copies. */
  public OrderCycle {
    unmappedSkus = Set.copyOf(unmappedSkus);
  }
}
