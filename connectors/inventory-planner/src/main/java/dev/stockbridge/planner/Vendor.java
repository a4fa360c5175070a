package dev.stockbridge.planner;

import java.util.Objects;

/**
 * A supplier known to Inventory Planner.
 *
 * @param id the vendor id
 * @param name the vendor's name, the id when absent
 */
public record Vendor(String id, String name) {

  /** Validates that nothing is null. */
  public Vendor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
