package dev.stockbridge.inspection;

import dev.stockbridge.InventoryState;
import dev.stockbridge.StateModel;
import dev.stockbridge.state.StatusMapping;

/** The statuses an inspection file may report. Stateless. */
public final class InspectionStatuses {

  private InspectionStatuses() {}

  /**
   * The standard warehouse statuses ({@link StatusMapping#standard()}) plus {@code passed} (sellable)
   * and {@code failed} (damaged).
   *
   * @return the mapping
   */
  public static StatusMapping standard() {
    StatusMapping.Builder builder = StatusMapping.builder(StateModel.standard());
    StatusMapping.standard().rules().forEach(builder::map);
    return builder.map("passed", InventoryState.AVAILABLE).map("failed", InventoryState.DAMAGED).build();
  }
}
