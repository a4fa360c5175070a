package dev.stockbridge.planner;

import dev.stockbridge.mapping.WarehouseId;
import java.util.Objects;

/**
 * A warehouse known to Inventory Planner (the list's shape is unverified; see the connector's
 * package documentation).
 *
 * @param id the warehouse id, e.g. {@code c955_330498075}
 * @param displayName the name people see, the id when absent
 * @param disabled whether the warehouse is disabled
 */
public record PlannerWarehouse(WarehouseId id, String displayName, boolean disabled) {

  /** Validates that nothing is null. */
  public PlannerWarehouse {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
  }
}
