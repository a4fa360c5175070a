package dev.stockbridge.mapping;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where an order line without a supply channel sells from. Precedence, first match wins: a default
 * for the line's distribution channel, a default for the order's store, then the location mapped
 * to entries without a supply channel (the {@code *} row). A line that has a supply channel never
 * comes here: its channel decides. Mapping files write a default as an {@code order_defaults} row
 * ({@code default_for,key,location}). Immutable and thread-safe.
 */
public final class OrderDefaults {

  private static final OrderDefaults NONE = new OrderDefaults(Map.of(), Map.of(), null);

  private final Map<String, Location> distributionChannels;
  private final Map<String, Location> stores;
  private final Location fallback;

  private OrderDefaults(Map<String, Location> distributionChannels, Map<String, Location> stores, Location fallback) {
    this.distributionChannels = Collections.unmodifiableMap(new LinkedHashMap<>(distributionChannels));
    this.stores = Collections.unmodifiableMap(new LinkedHashMap<>(stores));
    this.fallback = fallback;
  }

  /** What a default is for, as mapping files write it in {@code default_for}. */
  public enum Scope {
    /** A commercetools distribution channel, by key: the line's sales channel. */
    DISTRIBUTION_CHANNEL("distribution_channel"),
    /** A commercetools store, by key: the order's store. */
    STORE("store");

    private final String text;

    Scope(String text) {
      this.text = text;
    }

    /**
     * The text form in mapping files.
     *
     * @return {@code "distribution_channel"} or {@code "store"}
     */
    public String text() {
      return text;
    }

    /**
     * Reads the text form.
     *
     * @param text {@code "distribution_channel"} or {@code "store"} (case ignored)
     * @return the scope
     * @throws InvalidValueException if the text is neither
     */
    public static Scope parse(String text) {
      Checks.notNull("default_for", text);
      for (Scope scope : values()) {
        if (scope.text.equals(text.toLowerCase(Locale.ROOT))) {
          return scope;
        }
      }
      throw new InvalidValueException("default_for", text, "must be store or distribution_channel");
    }
  }

  /**
   * No defaults: lines without a supply channel have no location.
   *
   * @return the empty defaults
   */
  public static OrderDefaults none() {
    return NONE;
  }

  /**
   * Defaults from maps.
   *
   * @param distributionChannels location by distribution channel key
   * @param stores location by store key
   * @param fallback the location for every other line without a supply channel, if any
   * @return the defaults
   * @throws InvalidValueException if an argument, key or location is null, or a key is blank
   */
  public static OrderDefaults of(Map<String, Location> distributionChannels, Map<String, Location> stores, Optional<Location> fallback) {
    return new OrderDefaults(checked("distribution_channel", distributionChannels), checked("store", stores),
        Checks.notNull("fallback", fallback).orElse(null));
  }

  private static Map<String, Location> checked(String field, Map<String, Location> map) {
    Checks.notNull(field, map).forEach((key, location) -> {
      Checks.token(field, key, 256);
      Checks.notNull("location", location);
    });
    return map;
  }

  /**
   * The location of a line without a supply channel.
   *
   * @param distributionChannel the line's distribution channel key, if it has one
   * @param store the order's store key, if it has one
   * @return the location by the precedence above, or empty if no default applies
   * @throws InvalidValueException if an argument is null
   */
  public Optional<Location> location(Optional<String> distributionChannel, Optional<String> store) {
    Location byChannel = Checks.notNull("distributionChannel", distributionChannel).map(distributionChannels::get).orElse(null);
    if (byChannel != null) {
      return Optional.of(byChannel);
    }
    Location byStore = Checks.notNull("store", store).map(stores::get).orElse(null);
    return Optional.ofNullable(byStore != null ? byStore : fallback);
  }

  /**
   * The defaults per distribution channel.
   *
   * @return location by distribution channel key, in entry order
   */
  public Map<String, Location> distributionChannels() {
    return distributionChannels;
  }

  /**
   * The defaults per store.
   *
   * @return location by store key, in entry order
   */
  public Map<String, Location> stores() {
    return stores;
  }

  /**
   * The location for lines no other default covers: the {@code *} row.
   *
   * @return the location, if mapped
   */
  public Optional<Location> fallback() {
    return Optional.ofNullable(fallback);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OrderDefaults that && distributionChannels.equals(that.distributionChannels) && stores.equals(that.stores)
        && fallback().equals(that.fallback());
  }

  @Override
  public int hashCode() {
    return 31 * (31 * distributionChannels.hashCode() + stores.hashCode()) + fallback().hashCode();
  }

  @Override
  public String toString() {
    return "OrderDefaults[distribution channels " + distributionChannels + ", stores " + stores + ", otherwise " + fallback().map(Location::key).orElse("none") + "]";
  }
}
