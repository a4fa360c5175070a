package dev.stockbridge.ats;

import dev.stockbridge.Channel;
import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Quantities;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import java.util.HashMap;
import java.util.Map;

/**
 * The available-to-sell policy: how much of a SKU's stock at a location each channel shows. A pure
 * function of its inputs and the configured controls. Immutable and thread-safe; build one with
 * {@link #builder()}.
 *
 * <p>The figure is computed in this order:
 *
 * <ol>
 *   <li><b>Base:</b> {@code max(0, sellable − in-flight commitments − safety stock)}; oversold
 *       stock shows 0.
 *   <li><b>Exclusion:</b> an excluded channel shows 0.
 *   <li><b>Buffer:</b> hold back a number of units, or a percentage of the stock rounded up, so the
 *       channel never shows more than the exact value; never below 0.
 *   <li><b>Cap:</b> show at most the cap (a "max listed" quantity).
 *   <li><b>Floor:</b> if fewer than the floor remain, show 0 (end the listing rather than sell the
 *       last few units on a channel that lags).
 * </ol>
 *
 * <p>Worked example: sellable 120, in flight 5, safety stock 15, with a 10% buffer, cap 50 and
 * floor 3: base = 100; not excluded; the buffer holds back 10 → 90; the cap gives 50; 50 is not
 * below 3, so the channel shows <b>50</b>. With sellable 27 instead: base = 7; the buffer holds
 * back {@code ceil(0.7)} = 1 → 6; under the cap; 6 ≥ 3, so <b>6</b>. With sellable 22: base = 2;
 * the buffer holds back 1 → 1; 1 is below the floor 3, so <b>0</b>.
 *
 * <p>Controls are chosen per (SKU, location, channel); the most specific scope that has them wins,
 * and its controls replace, never merge with, the less specific ones:
 *
 * <ol>
 *   <li>{@link AtsScope#CHANNEL_SKU_LOCATION}: one SKU at one location in the channel;
 *   <li>{@link AtsScope#CHANNEL_SKU}: one SKU at every location in the channel;
 *   <li>{@link AtsScope#CHANNEL}: every SKU in the channel;
 *   <li>{@link AtsScope#DEFAULT}: the policy's defaults.
 * </ol>
 *
 * <p>Because the most specific controls replace the rest, a channel-wide exclusion can be lifted
 * for one SKU by giving that SKU its own controls.
 */
public final class AtsPolicy {

  private static final AtsPolicy UNRESTRICTED = builder().build();

  private final AtsControls defaults;
  private final Map<Channel, AtsControls> byChannel;
  private final Map<SkuScope, AtsControls> bySku;
  private final Map<KeyScope, AtsControls> byKey;

  private AtsPolicy(Builder builder) {
    this.defaults = builder.defaults;
    this.byChannel = Map.copyOf(builder.byChannel);
    this.bySku = Map.copyOf(builder.bySku);
    this.byKey = Map.copyOf(builder.byKey);
  }

  /**
   * A builder whose defaults are {@link AtsControls#none()} and which has no overrides.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A policy without controls: every channel shows {@code max(0, sellable − in-flight
   * commitments − safety stock)}.
   *
   * @return the shared policy
   */
  public static AtsPolicy unrestricted() {
    return UNRESTRICTED;
  }

  /**
   * The available-to-sell a channel shows for one SKU at one location.
   *
   * @param key the SKU and location
   * @param channel the channel
   * @param sellable stock in sellable states; negative when oversold
   * @param inFlightCommitments units committed to orders not yet reflected in {@code sellable}
   * @param safetyStock units never offered for sale
   * @return the quantity to show, never negative
   * @throws InvalidValueException if the key or channel is null, sellable lies outside ±{@link
   *     Quantities#MAX}, or in-flight commitments or safety stock are negative or too large
   */
  public long availableToSell(
      StockKey key, Channel channel, long sellable, long inFlightCommitments, long safetyStock) {
    return explain(key, channel, sellable, inFlightCommitments, safetyStock).availableToSell();
  }

  /**
   * The same computation as {@link #availableToSell}, with every step and the controls applied.
   *
   * @param key the SKU and location
   * @param channel the channel
   * @param sellable stock in sellable states; negative when oversold
   * @param inFlightCommitments units committed to orders not yet reflected in {@code sellable}
   * @param safetyStock units never offered for sale
   * @return the breakdown
   * @throws InvalidValueException as for {@link #availableToSell}
   */
  public AtsBreakdown explain(
      StockKey key, Channel channel, long sellable, long inFlightCommitments, long safetyStock) {
    Checks.notNull("key", key);
    Checks.notNull("channel", channel);
    AtsScope scope = AtsScope.CHANNEL_SKU_LOCATION;
    AtsControls controls = byKey.get(new KeyScope(channel, key));
    if (controls == null) {
      scope = AtsScope.CHANNEL_SKU;
      controls = bySku.get(new SkuScope(channel, key.sku()));
    }
    if (controls == null) {
      scope = AtsScope.CHANNEL;
      controls = byChannel.get(channel);
    }
    if (controls == null) {
      scope = AtsScope.DEFAULT;
      controls = defaults;
    }
    return new AtsBreakdown(scope, controls, sellable, inFlightCommitments, safetyStock);
  }

  private record SkuScope(Channel channel, Sku sku) {
    @Override
    public String toString() {
      return channel + "/" + sku;
    }
  }

  private record KeyScope(Channel channel, StockKey key) {
    @Override
    public String toString() {
      return channel + "/" + key;
    }
  }

  /**
   * Collects default controls and overrides, then builds an {@link AtsPolicy}. Not thread-safe; the
   * policy it builds is. Each scope may be given controls once: a second call for the same scope
   * is refused, because two conflicting configuration rows should not resolve silently.
   */
  public static final class Builder {

    private AtsControls defaults = AtsControls.none();
    private final Map<Channel, AtsControls> byChannel = new HashMap<>();
    private final Map<SkuScope, AtsControls> bySku = new HashMap<>();
    private final Map<KeyScope, AtsControls> byKey = new HashMap<>();

    private Builder() {}

    /**
     * Sets the controls used where no override matches, replacing the previous defaults.
     *
     * @param controls the default controls
     * @return this builder
     * @throws InvalidValueException if controls is null
     */
    public Builder defaults(AtsControls controls) {
      this.defaults = Checks.notNull("controls", controls);
      return this;
    }

    /**
     * Sets the controls for every SKU in one channel.
     *
     * @param channel the channel
     * @param controls the controls
     * @return this builder
     * @throws InvalidValueException if an argument is null or the channel already has controls
     */
    public Builder channel(Channel channel, AtsControls controls) {
      put(byChannel, Checks.notNull("channel", channel), controls, AtsScope.CHANNEL);
      return this;
    }

    /**
     * Sets the controls for one SKU at every location in one channel.
     *
     * @param channel the channel
     * @param sku the SKU
     * @param controls the controls
     * @return this builder
     * @throws InvalidValueException if an argument is null or the scope already has controls
     */
    public Builder channelSku(Channel channel, Sku sku, AtsControls controls) {
      Checks.notNull("channel", channel);
      SkuScope scope = new SkuScope(channel, Checks.notNull("sku", sku));
      put(bySku, scope, controls, AtsScope.CHANNEL_SKU);
      return this;
    }

    /**
     * Sets the controls for one SKU at one location in one channel.
     *
     * @param channel the channel
     * @param key the SKU and location
     * @param controls the controls
     * @return this builder
     * @throws InvalidValueException if an argument is null or the scope already has controls
     */
    public Builder channelSkuLocation(Channel channel, StockKey key, AtsControls controls) {
      Checks.notNull("channel", channel);
      KeyScope scope = new KeyScope(channel, Checks.notNull("key", key));
      put(byKey, scope, controls, AtsScope.CHANNEL_SKU_LOCATION);
      return this;
    }

    /**
     * Builds the policy from a copy of the configuration.
     *
     * @return the policy
     */
    public AtsPolicy build() {
      return new AtsPolicy(this);
    }

    private static <K> void put(
        Map<K, AtsControls> map, K key, AtsControls controls, AtsScope scope) {
      Checks.notNull("controls", controls);
      if (map.putIfAbsent(key, controls) != null) {
        throw new InvalidValueException(
            scope.name(), key.toString(), "already has controls; give each scope controls once");
      }
    }
  }
}
