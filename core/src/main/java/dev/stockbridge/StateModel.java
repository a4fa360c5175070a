package dev.stockbridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The states stock can be in and the transitions allowed between them. Immutable and thread-safe;
 * build one with {@link #builder()} or take {@link #standard()}.
 *
 * <p>The standard model follows the physical life of a unit: it arrives ({@code IN_TRANSIT →
 * INSPECTION | AVAILABLE}), is checked ({@code INSPECTION → AVAILABLE | DAMAGED | QUARANTINE}),
 * sold ({@code AVAILABLE → RESERVED}, and {@code RESERVED → AVAILABLE} when the order is
 * cancelled), or set aside ({@code AVAILABLE → DAMAGED | QUARANTINE | INSPECTION}, {@code
 * QUARANTINE → AVAILABLE | DAMAGED}). A returned unit always enters {@code INSPECTION}, never
 * {@code AVAILABLE} directly.
 */
public final class StateModel {

  private static final StateModel STANDARD =
      builder()
          .transition(InventoryState.IN_TRANSIT, InventoryState.INSPECTION)
          .transition(InventoryState.IN_TRANSIT, InventoryState.AVAILABLE)
          .transition(InventoryState.INSPECTION, InventoryState.AVAILABLE)
          .transition(InventoryState.INSPECTION, InventoryState.DAMAGED)
          .transition(InventoryState.INSPECTION, InventoryState.QUARANTINE)
          .transition(InventoryState.AVAILABLE, InventoryState.RESERVED)
          .transition(InventoryState.RESERVED, InventoryState.AVAILABLE)
          .transition(InventoryState.AVAILABLE, InventoryState.DAMAGED)
          .transition(InventoryState.AVAILABLE, InventoryState.QUARANTINE)
          .transition(InventoryState.AVAILABLE, InventoryState.INSPECTION)
          .transition(InventoryState.QUARANTINE, InventoryState.AVAILABLE)
          .transition(InventoryState.QUARANTINE, InventoryState.DAMAGED)
          .build();

  private final Map<String, InventoryState> states;
  private final Map<InventoryState, Set<InventoryState>> transitions;

  private StateModel(Builder builder) {
    this.states = Collections.unmodifiableMap(new LinkedHashMap<>(builder.states));
    Map<InventoryState, Set<InventoryState>> copy = new LinkedHashMap<>();
    builder.transitions.forEach((from, to) -> copy.put(from, Set.copyOf(to)));
    this.transitions = Collections.unmodifiableMap(copy);
  }

  /**
   * The built-in states with the standard transitions described above.
   *
   * @return the shared standard model
   */
  public static StateModel standard() {
    return STANDARD;
  }

  /**
   * A builder that already knows the six built-in states and no transitions.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this model's states and transitions, to extend it.
   *
   * @return a new builder seeded with this model
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    states.values().forEach(builder::register);
    transitions.forEach((from, to) -> to.forEach(target -> builder.transition(from, target)));
    return builder;
  }

  /**
   * Looks a state up by name, case-insensitively.
   *
   * @param name the state's name
   * @return the state, or empty if no state of that name is registered
   */
  public Optional<InventoryState> find(String name) {
    return name == null
        ? Optional.empty()
        : Optional.ofNullable(states.get(name.strip().toUpperCase(java.util.Locale.ROOT)));
  }

  /**
   * All registered states, built-in first, in registration order.
   *
   * @return the states
   */
  public List<InventoryState> states() {
    return List.copyOf(states.values());
  }

  /**
   * Tells whether stock may move directly from one state to another.
   *
   * @param from the current state
   * @param to the target state
   * @return whether the transition is allowed
   */
  public boolean allows(InventoryState from, InventoryState to) {
    return transitions.getOrDefault(from, Set.of()).contains(to);
  }

  /**
   * Checks a transition.
   *
   * @param from the current state
   * @param to the target state
   * @throws IllegalTransitionException if the transition is not allowed
   */
  public void requireTransition(InventoryState from, InventoryState to) {
    if (!allows(from, to)) {
      throw new IllegalTransitionException(from, to, transitions.getOrDefault(from, Set.of()));
    }
  }

  /**
   * Collects states and transitions. Not thread-safe; {@link #build()} takes a copy, so the builder
   * may be reused.
   */
  public static final class Builder {
    private final Map<String, InventoryState> states = new LinkedHashMap<>();
    private final Map<InventoryState, Set<InventoryState>> transitions = new LinkedHashMap<>();

    private Builder() {
      for (InventoryState state :
          List.of(
              InventoryState.AVAILABLE,
              InventoryState.RESERVED,
              InventoryState.IN_TRANSIT,
              InventoryState.INSPECTION,
              InventoryState.DAMAGED,
              InventoryState.QUARANTINE)) {
        states.put(state.name(), state);
      }
    }

    /**
     * Registers a state. Registering an identical state twice is harmless.
     *
     * @param state the state
     * @return this builder
     * @throws InvalidValueException if another state of the same name is registered
     */
    public Builder register(InventoryState state) {
      Objects.requireNonNull(state, "state");
      InventoryState existing = states.putIfAbsent(state.name(), state);
      if (existing != null && !existing.equals(state)) {
        throw new InvalidValueException(
            "state", state.name(), "is already registered as " + describe(existing));
      }
      return this;
    }

    /**
     * Allows stock to move from one state to another. Registers both states.
     *
     * @param from the current state
     * @param to the target state
     * @return this builder
     * @throws InvalidValueException if the states are equal or clash with registered ones
     */
    public Builder transition(InventoryState from, InventoryState to) {
      register(from);
      register(to);
      if (from.equals(to)) {
        throw new InvalidValueException("transition", from + " → " + to, "must change the state");
      }
      transitions.computeIfAbsent(from, any -> new LinkedHashSet<>()).add(to);
      return this;
    }

    /**
     * Builds the immutable model.
     *
     * @return the model
     */
    public StateModel build() {
      return new StateModel(this);
    }

    private static String describe(InventoryState state) {
      List<String> traits = new ArrayList<>();
      traits.add(state.sellable() ? "sellable" : "not sellable");
      traits.add(state.onHand() ? "on hand" : "not on hand");
      return String.join(", ", traits);
    }
  }
}
