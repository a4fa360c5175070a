package dev.stockbridge.commercetools;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.OrderDefaults;
import dev.stockbridge.mapping.SupplyChannel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which commercetools supply channel holds each location's inventory entries, and back. Explicit
 * pairs come first; any other location uses the supply channel with the same key (and any other
 * channel the location with its key), so the common setup needs no configuration at all. Each
 * location has exactly one channel, since the stock adapter writes to one entry per key. Order lines
 * without a supply channel take their location from the {@linkplain #defaults() order defaults}.
 * Immutable and thread-safe.
 */
public final class LocationChannels {

  private final Map<Location, SupplyChannel> channels;
  private final Map<SupplyChannel, Location> locations;
  private final OrderDefaults defaults;

  private LocationChannels(Map<Location, SupplyChannel> channels) {
    this(channels, OrderDefaults.none());
  }

  private LocationChannels(Map<Location, SupplyChannel> channels, OrderDefaults defaults) {
    this.channels = Map.copyOf(channels);
    Map<SupplyChannel, Location> back = new HashMap<>();
    channels.forEach(
        (location, channel) -> {
          Location other = back.put(channel, location);
          if (other != null) {
            throw new InvalidValueException(
                "supply_channel", channel.text(), "is mapped from two locations, " + other + " and " + location);
          }
        });
    this.locations = Map.copyOf(back);
    // The * row is the last default: the location of entries without a supply channel.
    this.defaults = OrderDefaults.of(defaults.distributionChannels(), defaults.stores(),
        Optional.ofNullable(back.get(SupplyChannel.none())).or(defaults::fallback));
  }

  /**
   * Maps every location to the supply channel with the same key.
   *
   * @return the mapping
   */
  public static LocationChannels sameKeys() {
    return new LocationChannels(Map.of());
  }

  /**
   * Maps the given locations explicitly; every other location to the channel with its key.
   *
   * @param channels supply channel by location; {@link SupplyChannel#none()} for channel-less entries
   * @return the mapping
   * @throws InvalidValueException if two locations map to one channel
   */
  public static LocationChannels of(Map<Location, SupplyChannel> channels) {
    return new LocationChannels(new LinkedHashMap<>(Checks.notNull("channels", channels)));
  }

  /**
   * Takes the supply channels and order defaults of a catalogue mapping.
   *
   * @param mapping the catalogue mapping
   * @return the mapping
   * @throws InvalidValueException if several channels draw on one location: the stock adapter
   *     needs exactly one entry per (SKU, location) to write to
   */
  public static LocationChannels from(CatalogueMapping mapping) {
    Map<Location, SupplyChannel> channels = new LinkedHashMap<>();
    mapping.supplyChannels().forEach(
        (channel, location) -> {
          SupplyChannel other = channels.put(location, channel);
          if (other != null) {
            throw new InvalidValueException(
                "location", location.key(), "draws on two supply channels, " + other + " and " + channel);
          }
        });
    return new LocationChannels(channels, mapping.orderDefaults());
  }

  /**
   * The same channels with other order defaults (their fallback yields to a mapped {@code *}
   * channel).
   *
   * @param orderDefaults where lines without a supply channel sell from
   * @return the mapping
   */
  public LocationChannels withDefaults(OrderDefaults orderDefaults) {
    return new LocationChannels(channels, Checks.notNull("orderDefaults", orderDefaults));
  }

  /**
   * Where order lines without a supply channel sell from: per distribution channel, per store,
   * then the location of entries without a supply channel.
   *
   * @return the defaults
   */
  public OrderDefaults defaults() {
    return defaults;
  }

  /**
   * The supply channel holding a location's entries.
   *
   * @param location the location
   * @return its supply channel
   */
  public SupplyChannel channel(Location location) {
    SupplyChannel mapped = channels.get(location);
    return mapped != null ? mapped : SupplyChannel.of(location.key());
  }

  /**
   * The location of a supply channel's entries.
   *
   * @param channel the supply channel
   * @return its location
   * @throws UnknownChannelException for {@link SupplyChannel#none()} when no location is mapped to it
   */
  public Location location(SupplyChannel channel) {
    Location mapped = locations.get(channel);
    if (mapped != null) {
      return mapped;
    }
    if (channel instanceof SupplyChannel.Keyed keyed) {
      return Location.of(keyed.key());
    }
    throw new UnknownChannelException(SupplyChannel.NONE_TEXT, "entries without a supply channel have no location; map one");
  }

  @Override
  public String toString() {
    return "LocationChannels" + channels;
  }
}
