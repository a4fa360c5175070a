package dev.stockbridge.state;

import dev.stockbridge.InventoryState;
import dev.stockbridge.StateModel;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Sku;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns external status strings (a WMS's {@code "qc"}, {@code "B-stock"}, an ERP's {@code
 * "Available"}) into {@link InventoryState}s. Matching ignores case and surrounding whitespace.
 * A status with no rule raises {@link UnknownStatusException}: an unknown status is never
 * silently sellable. Immutable and thread-safe.
 */
public final class StatusMapping {

  private final Map<String, InventoryState> rules;

  private StatusMapping(Map<String, InventoryState> rules) {
    this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
  }

  /**
   * A builder over a state model; rules may only name states the model knows.
   *
   * @param model the state model
   * @return a new builder, with each state's own name already mapped to it
   */
  public static Builder builder(StateModel model) {
    return new Builder(model);
  }

  /**
   * A mapping that knows each standard state by its own name plus common warehouse synonyms:
   * {@code "in stock"}, {@code "sellable"}, {@code "allocated"}, {@code "committed"}, {@code
   * "incoming"}, {@code "qc"}, {@code "quality_control"}, {@code "returned"}, {@code "broken"},
   * {@code "hold"}.
   *
   * @return the standard mapping
   */
  public static StatusMapping standard() {
    return builder(StateModel.standard())
        .map("in stock", InventoryState.AVAILABLE)
        .map("sellable", InventoryState.AVAILABLE)
        .map("allocated", InventoryState.RESERVED)
        .map("committed", InventoryState.RESERVED)
        .map("incoming", InventoryState.IN_TRANSIT)
        .map("qc", InventoryState.INSPECTION)
        .map("quality_control", InventoryState.INSPECTION)
        .map("returned", InventoryState.INSPECTION)
        .map("broken", InventoryState.DAMAGED)
        .map("hold", InventoryState.QUARANTINE)
        .build();
  }

  /**
   * Resolves an external status.
   *
   * @param status the external status, e.g. {@code "QC"}
   * @param sku the SKU it was reported for, named in the error
   * @return the state
   * @throws UnknownStatusException if no rule covers the status
   */
  public InventoryState resolve(String status, Sku sku) {
    InventoryState state = status == null ? null : rules.get(normalise(status));
    if (state == null) {
      throw new UnknownStatusException(status, sku);
    }
    return state;
  }

  /**
   * The rules, keyed by normalised (lower-case, stripped) status.
   *
   * @return an unmodifiable view of the rules
   */
  public Map<String, InventoryState> rules() {
    return rules;
  }

  private static String normalise(String status) {
    return status.strip().toLowerCase(Locale.ROOT);
  }

  /** Collects rules. Not thread-safe; {@link #build()} takes a copy. */
  public static final class Builder {
    private final StateModel model;
    private final Map<String, InventoryState> rules = new LinkedHashMap<>();

    private Builder(StateModel model) {
      this.model = Objects.requireNonNull(model, "model");
      model.states().forEach(state -> rules.put(normalise(state.name()), state));
    }

    /**
     * Maps an external status to a state, replacing any earlier rule for the same status.
     *
     * @param status the external status, matched case-insensitively
     * @param state the state it means
     * @return this builder
     * @throws InvalidValueException if the status is blank or the state is not in the model
     */
    public Builder map(String status, InventoryState state) {
      if (status == null || status.isBlank()) {
        throw new InvalidValueException("status", status, "must not be blank");
      }
      if (state == null || model.find(state.name()).filter(state::equals).isEmpty()) {
        throw new InvalidValueException(
            "state", state, "is not registered in the state model (status \"" + status + "\")");
      }
      rules.put(normalise(status), state);
      return this;
    }

    /**
     * Maps an external status to a state by the state's name.
     *
     * @param status the external status
     * @param stateName the state's name in the model, case-insensitive
     * @return this builder
     * @throws InvalidValueException if the status is blank or no state has that name
     */
    public Builder map(String status, String stateName) {
      InventoryState state =
          model
              .find(stateName)
              .orElseThrow(
                  () ->
                      new InvalidValueException(
                          "state", stateName, "is not registered in the state model (status \"" + status + "\")"));
      return map(status, state);
    }

    /**
     * Builds the immutable mapping.
     *
     * @return the mapping
     */
    public StatusMapping build() {
      return new StatusMapping(rules);
    }
  }
}
