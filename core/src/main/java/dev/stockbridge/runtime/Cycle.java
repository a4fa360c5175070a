package dev.stockbridge.runtime;

import dev.stockbridge.flow.FeedCycle;
import dev.stockbridge.flow.OrderCycle;
import dev.stockbridge.flow.SupplyCycle;
import dev.stockbridge.inspection.InspectionCycle;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one cycle of {@link Stockbridge} did: each flow's result, or its failure. A failed flow
 * never stops the others in the same cycle. Immutable.
 *
 * @param startedAt when the cycle began
 * @param orders the order intake's result, if it ran and succeeded
 * @param supply the supply flow's result, if it ran and succeeded
 * @param inspections the inspection flow's result, if it ran and succeeded
 * @param feeds the feed flow's result, if it was due, ran and succeeded
 * @param failures each failed flow's name ({@code "orders"}, {@code "supply"}, {@code
 *     "inspections"}, {@code "feeds"}) and its failure
 * @param standby whether no flow ran because another instance holds the lease
 */
public record Cycle(
    Instant startedAt, Optional<OrderCycle> orders, Optional<SupplyCycle> supply, Optional<InspectionCycle> inspections, Optional<FeedCycle> feeds,
    Map<String, RuntimeException> failures, boolean standby) {

  /** Copies. */
  public Cycle {
    failures = Map.copyOf(failures);
  }

  /**
   * A cycle in which the flows, the feeds among them, ran (or failed).
   *
   * @param startedAt when the cycle began
   * @param orders the order intake's result
   * @param supply the supply flow's result
   * @param inspections the inspection flow's result
   * @param feeds the feed flow's result
   * @param failures each failed flow's name and its failure
   */
  public Cycle(Instant startedAt, Optional<OrderCycle> orders, Optional<SupplyCycle> supply,
      Optional<InspectionCycle> inspections, Optional<FeedCycle> feeds, Map<String, RuntimeException> failures) {
    this(startedAt, orders, supply, inspections, feeds, failures, false);
  }

  /**
   * A cycle of a standby: nothing ran, another instance holds the lease.
   *
   * @param startedAt when the cycle began
   * @return the cycle
   */
  public static Cycle standby(Instant startedAt) {
    return new Cycle(startedAt, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), true);
  }

  /**
   * The failures, in the order the flows ran.
   *
   * @return the failures; empty if every flow succeeded
   */
  public List<RuntimeException> failed() {
    return failures.values().stream().toList();
  }
}
