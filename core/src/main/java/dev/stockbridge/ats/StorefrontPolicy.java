package dev.stockbridge.ats;

import dev.stockbridge.Channel;
import dev.stockbridge.Checks;
import dev.stockbridge.Location;
import dev.stockbridge.Quantities;
import dev.stockbridge.StockKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What each storefront entry shows of its sellable stock: the {@link AtsPolicy} of the entry's
 * channel applied with the key's safety stock (the planner's minimum stock, where the warehouse
 * holds it back), and whether the entry may take backorders. Immutable and thread-safe; build one
 * with {@link #builder()}.
 *
 * <p>An entry's location is its supply channel; the channel whose controls apply is the location's
 * own channel ({@link Channel} of the same key) unless mapped otherwise. Several locations sharing
 * one stock pool therefore each show the pool's sellable stock less their own holdback.
 *
 * <p>Backorders: commercetools lets {@code ReserveOnOrder} orders through without stock wherever
 * {@code restockableInDays} is set, so it may only be written where this policy allows backorders;
 * by default nowhere.
 */
public final class StorefrontPolicy {

  private static final StorefrontPolicy SHOW_ALL = builder().build();

  private final AtsPolicy ats;
  private final Map<Location, Channel> channels;
  private final Set<Location> minimumStockNotHeld;
  private final Set<Location> backorderLocations;
  private final Set<StockKey> backorderKeys;

  private StorefrontPolicy(Builder builder) {
    this.ats = builder.ats;
    this.channels = Map.copyOf(builder.channels);
    this.minimumStockNotHeld = Set.copyOf(builder.minimumStockNotHeld);
    this.backorderLocations = Set.copyOf(builder.backorderLocations);
    this.backorderKeys = Set.copyOf(builder.backorderKeys);
  }

  /**
   * A builder with no controls, minimum stock held back everywhere and backorders nowhere.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The policy that holds back nothing but the minimum stock it is given, and allows no backorders.
   *
   * @return the shared policy
   */
  public static StorefrontPolicy showAll() {
    return SHOW_ALL;
  }

  /**
   * What an entry holds back and shows.
   *
   * @param key the SKU and location of the entry
   * @param sellable the sellable stock of its pool; negative when oversold
   * @param minimumStock the planner's minimum stock for the key, 0 if none
   * @return the figure, with its reasons
   * @throws dev.stockbridge.InvalidValueException if the key is null, sellable lies outside
   *     ±{@link Quantities#MAX} or the minimum stock is negative or too large
   */
  public HeldBack explain(StockKey key, long sellable, long minimumStock) {
    return explain(key, sellable, minimumStock, 0);
  }

  /**
   * What an entry holds back and shows, with an adaptive latency buffer ({@link LatencyBuffer}):
   * the units its orders may sell before the storefront shows the sales, held back like in-flight
   * commitments, before the safety stock and the channel's controls.
   *
   * @param key the SKU and location of the entry
   * @param sellable the sellable stock of its pool; negative when oversold
   * @param minimumStock the planner's minimum stock for the key, 0 if none
   * @param latencyBuffer the key's latency buffer, 0 if none
   * @return the figure, with its reasons
   * @throws dev.stockbridge.InvalidValueException if the key is null, sellable lies outside
   *     ±{@link Quantities#MAX} or the minimum stock or latency buffer is negative or too large
   */
  public HeldBack explain(StockKey key, long sellable, long minimumStock, long latencyBuffer) {
    Checks.notNull("key", key);
    Checks.quantity("minimumStock", Checks.nonNegative("minimumStock", minimumStock));
    Channel channel = channel(key.location());
    long safety = minimumStockHeld(key.location()) ? minimumStock : 0;
    AtsBreakdown breakdown = ats.explain(key, channel, sellable, latencyBuffer, safety);
    long held = Math.max(0, sellable) - breakdown.availableToSell();
    return new HeldBack(key, channel, sellable, held, breakdown);
  }

  /**
   * The channel whose controls apply at a location.
   *
   * @param location the location (supply channel)
   * @return the mapped channel, or the channel of the location's own key
   */
  public Channel channel(Location location) {
    Channel mapped = channels.get(Checks.notNull("location", location));
    return mapped != null ? mapped : Channel.of(location.key());
  }

  /**
   * Whether the planner's minimum stock is held back at a warehouse (the default) or is only the
   * storefront's notification threshold there.
   *
   * @param location the warehouse
   * @return {@code true} if it is held back
   */
  public boolean minimumStockHeld(Location location) {
    return !minimumStockNotHeld.contains(Checks.notNull("location", location));
  }

  /**
   * Whether an entry may take backorders, and so may carry {@code restockableInDays}.
   *
   * @param key the SKU and location
   * @return {@code true} only where the policy allows it
   */
  public boolean allowsBackorders(StockKey key) {
    Checks.notNull("key", key);
    return backorderKeys.contains(key) || backorderLocations.contains(key.location());
  }

  /**
   * Collects the policy. Not thread-safe; the policy it builds is.
   */
  public static final class Builder {

    private AtsPolicy ats = AtsPolicy.unrestricted();
    private final Map<Location, Channel> channels = new HashMap<>();
    private final Set<Location> minimumStockNotHeld = new HashSet<>();
    private final Set<Location> backorderLocations = new HashSet<>();
    private final Set<StockKey> backorderKeys = new HashSet<>();

    private Builder() {}

    /**
     * Sets the available-to-sell controls (buffers, caps, floors, exclusions by channel).
     *
     * @param policy the controls
     * @return this builder
     * @throws dev.stockbridge.InvalidValueException if policy is null
     */
    public Builder ats(AtsPolicy policy) {
      this.ats = Checks.notNull("policy", policy);
      return this;
    }

    /**
     * Applies a channel's controls at a location other than the location's own channel.
     *
     * @param location the location (supply channel)
     * @param channel the channel whose controls apply there
     * @return this builder
     * @throws dev.stockbridge.InvalidValueException if an argument is null
     */
    public Builder channel(Location location, Channel channel) {
      channels.put(Checks.notNull("location", location), Checks.notNull("channel", channel));
      return this;
    }

    /**
     * Makes the planner's minimum stock at one warehouse a notification threshold only, held back
     * from nothing.
     *
     * @param location the warehouse
     * @return this builder
     * @throws dev.stockbridge.InvalidValueException if location is null
     */
    public Builder minimumStockNotHeld(Location location) {
      minimumStockNotHeld.add(Checks.notNull("location", location));
      return this;
    }

    /**
     * Allows backorders for every SKU at one location.
     *
     * @param location the location
     * @return this builder
     * @throws dev.stockbridge.InvalidValueException if location is null
     */
    public Builder backorders(Location location) {
      backorderLocations.add(Checks.notNull("location", location));
      return this;
    }

    /**
     * Allows backorders for one SKU at one location.
     *
     * @param key the SKU and location
     * @return this builder
     * @throws dev.stockbridge.InvalidValueException if key is null
     */
    public Builder backorders(StockKey key) {
      backorderKeys.add(Checks.notNull("key", key));
      return this;
    }

    /**
     * Builds the policy from a copy of the configuration.
     *
     * @return the policy
     */
    public StorefrontPolicy build() {
      return new StorefrontPolicy(this);
    }
  }
}
