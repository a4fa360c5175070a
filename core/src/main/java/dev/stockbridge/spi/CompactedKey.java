package dev.stockbridge.spi;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockKey;
import dev.stockbridge.InventoryState;
import java.util.Map;

/**
 * What a compacted journal still knows of one key after removing movements the storefront applied
 * and whose retention ended: the highest sequence the key was given (so new movements are numbered
 * above every one the storefront has seen), the highest sequence marked applied, and per inventory
 * state the units the removed movements moved (so counts derived from the journal, such as units
 * waiting in inspection, stay what they were).
 *
 * @param key the SKU and location
 * @param lastSequence the highest sequence given to a movement of the key
 * @param appliedSequence the highest sequence marked applied
 * @param units per state, the sum of the removed movements' quantities; states summing to 0 left out
 */
public record CompactedKey(StockKey key, long lastSequence, long appliedSequence, Map<InventoryState, Long> units) {

  /**
   * Validates and copies.
   *
   * @throws InvalidValueException if a field is null or a sequence negative
   */
  public CompactedKey {
    Checks.notNull("key", key);
    if (lastSequence < 0 || appliedSequence < 0) {
      throw new InvalidValueException("sequence", Math.min(lastSequence, appliedSequence), "must not be negative");
    }
    units = Map.copyOf(Checks.notNull("units", units));
  }

  /**
   * Units the removed movements moved into or out of one state.
   *
   * @param state the state
   * @return the sum, 0 if none
   */
  public long units(InventoryState state) {
    return units.getOrDefault(state, 0L);
  }
}
