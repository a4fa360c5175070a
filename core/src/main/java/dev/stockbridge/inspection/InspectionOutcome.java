package dev.stockbridge.inspection;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.StockKey;
import dev.stockbridge.InventoryState;
import dev.stockbridge.StateModel;
import java.util.List;
import java.util.Objects;

/**
 * The result of inspecting received units: they leave INSPECTION for another state, sellable
 * ({@link InventoryState#AVAILABLE}) when they passed. Only then does the storefront gain them.
 *
 * @param key the SKU and location
 * @param quantity the units inspected, positive
 * @param inspectionId the inspection's id, unique; keys the movements so a repeat is applied once
 * @param result the state the units move to
 */
public record InspectionOutcome(StockKey key, long quantity, String inspectionId, InventoryState result) {

  /**
   * Validates the outcome against the standard state model.
   *
   * @throws InvalidValueException if the quantity is not positive or a part is null or blank
   * @throws dev.stockbridge.IllegalTransitionException if INSPECTION may not move to the
   *     result
   */
  public InspectionOutcome {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(result, "result");
    if (quantity <= 0) {
      throw new InvalidValueException("quantity", quantity, "must be positive (" + key + ")");
    }
    if (inspectionId == null || inspectionId.isBlank()) {
      throw new InvalidValueException("inspectionId", inspectionId, "must not be blank");
    }
    StateModel.standard().requireTransition(InventoryState.INSPECTION, result);
  }

  /**
   * Units that passed inspection and are now sellable.
   *
   * @param key the SKU and location
   * @param quantity the units, positive
   * @param inspectionId the inspection's id
   * @return the outcome
   * @throws InvalidValueException if a value is invalid
   */
  public static InspectionOutcome passed(StockKey key, long quantity, String inspectionId) {
    return new InspectionOutcome(key, quantity, inspectionId, InventoryState.AVAILABLE);
  }

  /**
   * The pair of TRANSFER movements that books the outcome: out of INSPECTION, into the result.
   *
   * @return the two movements, unsequenced
   */
  public List<Movement> movements() {
    String cause = "inspection " + inspectionId + " to " + result;
    String id = "inspection/" + inspectionId + "/" + key;
    return List.of(
        new Movement(MovementKind.TRANSFER, key.sku(), key.location(), InventoryState.INSPECTION, -quantity, cause,
            IdempotencyKeys.of(MovementKind.TRANSFER, id + "/out"), Movement.UNSEQUENCED),
        new Movement(MovementKind.TRANSFER, key.sku(), key.location(), result, quantity, cause,
            IdempotencyKeys.of(MovementKind.TRANSFER, id + "/in"), Movement.UNSEQUENCED));
  }
}
