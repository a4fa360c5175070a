package dev.stockbridge.planner;

import dev.stockbridge.mapping.WarehouseId;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stock order (purchase order, transfer or assembly) as Inventory Planner reports it. Status
 * names are compared case-insensitively: writes use upper case, reads have come back in lower.
 *
 * @param id the order id
 * @param reference the order's reference, empty when absent
 * @param status the status as sent, e.g. {@code "OPEN"} or {@code "partially received"}
 * @param type {@code po}, {@code transfer} or {@code assembly}; empty when absent
 * @param warehouse the receiving warehouse
 * @param expectedDate when the goods are expected
 * @param lastModified when the order last changed
 * @param items the lines
 */
public record PurchaseOrder(
    String id,
    String reference,
    String status,
    String type,
    WarehouseId warehouse,
    Optional<LocalDate> expectedDate,
    Optional<OffsetDateTime> lastModified,
    List<PurchaseOrderItem> items) {

  private static final Set<String> OPEN = Set.of("open", "partially received", "partially_received");

  /** Validates and copies. */
  public PurchaseOrder {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(expectedDate, "expectedDate");
    Objects.requireNonNull(lastModified, "lastModified");
    items = List.copyOf(items);
  }

  /**
   * Whether the order has a status, ignoring case.
   *
   * @param name the status name, e.g. {@code "CLOSED"}
   * @return whether it matches
   */
  public boolean hasStatus(String name) {
    return status.equalsIgnoreCase(name);
  }

  /**
   * Whether goods are still expected: the status is {@code OPEN} or {@code PARTIALLY RECEIVED}, in
   * any case.
   *
   * @return {@code true} for an open order
   */
  public boolean open() {
    return OPEN.contains(status.toLowerCase(java.util.Locale.ROOT));
  }
}
