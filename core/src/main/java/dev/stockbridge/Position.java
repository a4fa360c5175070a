package dev.stockbridge;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stock of one SKU at one location, by state. Quantities are never negative: a position
 * describes physical units. Immutable; every change returns a new position.
 *
 * @param key the SKU and location
 * @param quantities the quantity in each state; states with zero are omitted
 */
public record Position(StockKey key, Map<InventoryState, Long> quantities) {

  /**
   * Validates the position and drops zero quantities.
   *
   * @throws InvalidValueException if the key is null or a quantity is negative or out of range
   */
  public Position {
    Checks.notNull("key", key);
    Checks.notNull("quantities", quantities);
    Map<InventoryState, Long> copy = new TreeMap<>((a, b) -> a.name().compareTo(b.name()));
    quantities.forEach(
        (state, quantity) -> {
          Checks.notNull("state", state);
          Checks.quantity(key + " " + state, Checks.nonNegative(key + " " + state, Checks.notNull("quantity", quantity)));
          if (quantity != 0) {
            copy.put(state, quantity);
          }
        });
    quantities = Collections.unmodifiableMap(copy);
  }

  /**
   * An empty position.
   *
   * @param key the SKU and location
   * @return a position holding nothing
   */
  public static Position empty(StockKey key) {
    return new Position(key, Map.of());
  }

  /**
   * The quantity in one state.
   *
   * @param state the state
   * @return its quantity, zero if none
   */
  public long quantity(InventoryState state) {
    return quantities.getOrDefault(state, 0L);
  }

  /**
   * The quantity in sellable states: what may reach the storefront before commitments, safety
   * stock and channel controls.
   *
   * @return the sellable quantity
   */
  public long sellable() {
    return quantities.entrySet().stream()
        .filter(e -> e.getKey().sellable())
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * The quantity physically at the location: the sum of on-hand states.
   *
   * @return the on-hand quantity
   */
  public long onHand() {
    return quantities.entrySet().stream()
        .filter(e -> e.getKey().onHand())
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * Adds a signed quantity to one state.
   *
   * @param state the state
   * @param delta the signed change
   * @return the new position
   * @throws InvalidValueException if the state's quantity would go negative or overflow
   */
  public Position plus(InventoryState state, long delta) {
    long next = Quantities.add(key + " " + state, quantity(state), delta);
    if (next < 0) {
      throw new InvalidValueException(
          key + " " + state, quantity(state) + " + " + delta, "would go negative");
    }
    Map<InventoryState, Long> copy = new TreeMap<>((a, b) -> a.name().compareTo(b.name()));
    copy.putAll(quantities);
    copy.put(state, next);
    return new Position(key, copy);
  }

  /**
   * Applies a movement of this position's key. A {@link MovementKind#HOLDBACK} moves no physical
   * unit and leaves the position as it is.
   *
   * @param movement the movement
   * @return the new position
   * @throws InvalidValueException if the movement is for another key or would go negative
   */
  public Position apply(Movement movement) {
    if (!movement.key().equals(key)) {
      throw new InvalidValueException("movement", movement.key(), "is not for position " + key);
    }
    if (movement.holdback()) {
      return this;
    }
    return plus(movement.state(), movement.quantity());
  }

  /**
   * Moves units from one state to another, as when a returned unit passes inspection.
   *
   * @param model the state model that must allow the transition
   * @param from the current state
   * @param to the target state
   * @param quantity how many units, positive
   * @return the new position
   * @throws dev.stockbridge.IllegalTransitionException if the model forbids the transition
   * @throws InvalidValueException if the quantity is not positive or exceeds what {@code from}
   *     holds
   */
  public Position move(StateModel model, InventoryState from, InventoryState to, long quantity) {
    if (quantity <= 0) {
      throw new InvalidValueException("quantity", quantity, "must be positive to move stock");
    }
    model.requireTransition(from, to);
    return plus(from, -quantity).plus(to, quantity);
  }
}
