package dev.stockbridge.mapping;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;

/**
 * The result of a mapping lookup: {@link Mapped} with the value, or {@link Unmapped} saying what
 * was not found. Never null, so an unknown SKU cannot slip through as a missing value: the caller
 * handles {@link Unmapped} explicitly or calls {@link #orElseThrow()}.
 *
 * <pre>{@code
 * if (mapping.toPlanner(sku, channel) instanceof Lookup.Mapped<PlannerKey> mapped) {
 *   feed.add(mapped.value());
 * }
 * }</pre>
 *
 * @param <T> the type of the mapped value
 */
public sealed interface Lookup<T> permits Lookup.Mapped, Lookup.Unmapped {

  /**
   * Whether the lookup found a value.
   *
   * @return true for {@link Mapped}
   */
  boolean isMapped();

  /**
   * The mapped value, or an exception naming what was not mapped.
   *
   * @return the value
   * @throws UnmappedException if this is {@link Unmapped}
   */
  T orElseThrow();

  /** Why a lookup found nothing: which kind of value was unknown. */
  enum Reason {
    /** The storefront SKU has no planner variant. */
    UNKNOWN_SKU("sku %s has no planner variant"),
    /** The planner variant has no storefront SKU. */
    UNKNOWN_VARIANT("planner variant %s has no storefront sku"),
    /** The supply channel is not mapped to a stock pool. */
    UNKNOWN_SUPPLY_CHANNEL("supply channel %s is not mapped to a location"),
    /** The stock pool has no planner warehouse. */
    UNKNOWN_LOCATION("location %s has no planner warehouse"),
    /** The planner warehouse is not mapped to a stock pool. */
    UNKNOWN_WAREHOUSE("planner warehouse %s is not mapped to a location");

    private final String template;

    Reason(String template) {
      this.template = template;
    }

    String describe(Object key) {
      return String.format(template, "\"" + key + "\"");
    }
  }

  /**
   * A found value.
   *
   * @param value the value
   * @param <T> the type of the value
   */
  record Mapped<T>(T value) implements Lookup<T> {

    /**
     * Validates the value.
     *
     * @throws InvalidValueException if the value is null
     */
    public Mapped {
      Checks.notNull("value", value);
    }

    @Override
    public boolean isMapped() {
      return true;
    }

    @Override
    public T orElseThrow() {
      return value;
    }
  }

  /**
   * Nothing found.
   *
   * @param reason which kind of value was unknown
   * @param key the value looked up: a {@link dev.stockbridge.Sku}, {@link VariantId}, {@link
   *     SupplyChannel}, {@link dev.stockbridge.Location} or {@link WarehouseId}, as the reason says
   * @param <T> the type the lookup would have returned
   */
  record Unmapped<T>(Reason reason, Object key) implements Lookup<T> {

    /**
     * Validates the parts.
     *
     * @throws InvalidValueException if either is null
     */
    public Unmapped {
      Checks.notNull("reason", reason);
      Checks.notNull("key", key);
    }

    @Override
    public boolean isMapped() {
      return false;
    }

    @Override
    public T orElseThrow() {
      throw new UnmappedException(reason, key);
    }

    /**
     * What was not found, e.g. {@code sku "MUG" has no planner variant}.
     *
     * @return the description
     */
    public String message() {
      return reason.describe(key);
    }
  }
}
