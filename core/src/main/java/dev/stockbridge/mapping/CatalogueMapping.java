package dev.stockbridge.mapping;

import static dev.stockbridge.mapping.MappingProblem.Kind.ORPHAN;
import static dev.stockbridge.mapping.MappingProblem.Kind.UNMAPPED;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockbridgeException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the storefront to the planner and back, at two levels:
 *
 * <ul>
 *   <li>SKU: each storefront {@link Sku} to one planner {@link VariantId}, one-to-one;
 *   <li>location: each {@link SupplyChannel} to one stock pool ({@link Location}), several channels
 *       possibly sharing a pool, and each pool to one planner {@link WarehouseId}, one-to-one.
 * </ul>
 *
 * <p>Every lookup returns a {@link Lookup}, never null: an unknown SKU, channel or warehouse is an
 * explicit {@link Lookup.Unmapped} the caller must handle, or an {@link UnmappedException} from
 * {@link Lookup#orElseThrow()}; a stock update for an unmapped SKU is never dropped silently.
 *
 * <p>Build one in code or from files with {@link #builder()}; the package documentation describes
 * the file formats. Immutable and thread-safe. Two mappings are equal when they map the same
 * values, wherever their entries came from.
 */
public final class CatalogueMapping {

  private final Map<Sku, VariantId> skus;
  private final Map<VariantId, Sku> skusByVariant;
  private final Map<SupplyChannel, Location> supplyChannels;
  private final Map<Location, Set<SupplyChannel>> channelsByLocation;
  private final Map<Location, WarehouseId> warehouses;
  private final Map<WarehouseId, Location> locationsByWarehouse;
  private final Map<Sku, Origin> origins;
  private final OrderDefaults orderDefaults;

  CatalogueMapping(
      Map<Sku, VariantId> skus,
      Map<SupplyChannel, Location> supplyChannels,
      Map<Location, WarehouseId> warehouses,
      OrderDefaults orderDefaults,
      Map<Sku, Origin> origins) {
    this.orderDefaults = orderDefaults;
    this.skus = copy(skus);
    this.skusByVariant = copy(inverse(skus));
    this.supplyChannels = copy(supplyChannels);
    this.warehouses = copy(warehouses);
    this.locationsByWarehouse = copy(inverse(warehouses));
    this.origins = copy(origins);
    Map<Location, Set<SupplyChannel>> byLocation = new LinkedHashMap<>();
    supplyChannels.forEach((channel, location) -> byLocation.computeIfAbsent(location, pool -> new LinkedHashSet<>()).add(channel));
    byLocation.replaceAll((location, channels) -> Collections.unmodifiableSet(channels));
    this.channelsByLocation = Collections.unmodifiableMap(byLocation);
  }

  /**
   * A builder for entries added in code, read from files, or both.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Maps a storefront SKU in a supply channel to the planner.
   *
   * @param sku the storefront SKU
   * @param channel the supply channel of the inventory entry
   * @return the planner variant and warehouse, or unmapped with {@link Lookup.Reason#UNKNOWN_SKU}
   *     or {@link Lookup.Reason#UNKNOWN_SUPPLY_CHANNEL} (the SKU is checked first)
   * @throws InvalidValueException if an argument is null
   */
  public Lookup<PlannerKey> toPlanner(Sku sku, SupplyChannel channel) {
    VariantId variant = skus.get(Checks.notNull("sku", sku));
    if (variant == null) {
      return new Lookup.Unmapped<>(Lookup.Reason.UNKNOWN_SKU, sku);
    }
    Location location = supplyChannels.get(Checks.notNull("supply_channel", channel));
    if (location == null) {
      return new Lookup.Unmapped<>(Lookup.Reason.UNKNOWN_SUPPLY_CHANNEL, channel);
    }
    return new Lookup.Mapped<>(new PlannerKey(variant, warehouses.get(location)));
  }

  /**
   * Maps a planner variant in a planner warehouse to the storefront.
   *
   * @param variant the planner variant id
   * @param warehouse the planner warehouse id
   * @return the SKU, its stock pool and the supply channels drawing on that pool, or unmapped with
   *     {@link Lookup.Reason#UNKNOWN_VARIANT} or {@link Lookup.Reason#UNKNOWN_WAREHOUSE} (the
   *     variant is checked first)
   * @throws InvalidValueException if an argument is null
   */
  public Lookup<StorefrontKey> toStorefront(VariantId variant, WarehouseId warehouse) {
    Sku sku = skusByVariant.get(Checks.notNull("planner_variant_id", variant));
    if (sku == null) {
      return new Lookup.Unmapped<>(Lookup.Reason.UNKNOWN_VARIANT, variant);
    }
    Location location = locationsByWarehouse.get(Checks.notNull("planner_warehouse", warehouse));
    if (location == null) {
      return new Lookup.Unmapped<>(Lookup.Reason.UNKNOWN_WAREHOUSE, warehouse);
    }
    return new Lookup.Mapped<>(new StorefrontKey(sku, location, channelsByLocation.get(location)));
  }

  /**
   * The planner variant of a storefront SKU.
   *
   * @param sku the storefront SKU
   * @return the variant, or unmapped with {@link Lookup.Reason#UNKNOWN_SKU}
   * @throws InvalidValueException if the SKU is null
   */
  public Lookup<VariantId> variant(Sku sku) {
    return find(skus, Checks.notNull("sku", sku), Lookup.Reason.UNKNOWN_SKU);
  }

  /**
   * The storefront SKU of a planner variant.
   *
   * @param variant the planner variant id
   * @return the SKU, or unmapped with {@link Lookup.Reason#UNKNOWN_VARIANT}
   * @throws InvalidValueException if the variant is null
   */
  public Lookup<Sku> sku(VariantId variant) {
    return find(skusByVariant, Checks.notNull("planner_variant_id", variant), Lookup.Reason.UNKNOWN_VARIANT);
  }

  /**
   * The stock pool a supply channel draws on.
   *
   * @param channel the supply channel
   * @return the location, or unmapped with {@link Lookup.Reason#UNKNOWN_SUPPLY_CHANNEL}
   * @throws InvalidValueException if the channel is null
   */
  public Lookup<Location> location(SupplyChannel channel) {
    return find(supplyChannels, Checks.notNull("supply_channel", channel), Lookup.Reason.UNKNOWN_SUPPLY_CHANNEL);
  }

  /**
   * The stock pool of a planner warehouse.
   *
   * @param warehouse the planner warehouse id
   * @return the location, or unmapped with {@link Lookup.Reason#UNKNOWN_WAREHOUSE}
   * @throws InvalidValueException if the warehouse is null
   */
  public Lookup<Location> location(WarehouseId warehouse) {
    return find(locationsByWarehouse, Checks.notNull("planner_warehouse", warehouse), Lookup.Reason.UNKNOWN_WAREHOUSE);
  }

  /**
   * The planner warehouse of a stock pool.
   *
   * @param location the stock pool
   * @return the warehouse, or unmapped with {@link Lookup.Reason#UNKNOWN_LOCATION}
   * @throws InvalidValueException if the location is null
   */
  public Lookup<WarehouseId> warehouse(Location location) {
    return find(warehouses, Checks.notNull("location", location), Lookup.Reason.UNKNOWN_LOCATION);
  }

  /**
   * Where order lines without a supply channel sell from: per distribution channel, per store,
   * then the location of the {@code *} row.
   *
   * @return the defaults; {@link OrderDefaults#none()}-like when nothing is mapped
   */
  public OrderDefaults orderDefaults() {
    return orderDefaults;
  }

  /**
   * The SKU level, in entry order.
   *
   * @return an unmodifiable map from storefront SKU to planner variant
   */
  public Map<Sku, VariantId> skus() {
    return skus;
  }

  /**
   * The channel level, in entry order.
   *
   * @return an unmodifiable map from supply channel to stock pool
   */
  public Map<SupplyChannel, Location> supplyChannels() {
    return supplyChannels;
  }

  /**
   * The pool level, in entry order.
   *
   * @return an unmodifiable map from stock pool to planner warehouse
   */
  public Map<Location, WarehouseId> warehouses() {
    return warehouses;
  }

  /**
   * Checks the SKU level against both catalogues. Reports, each at the line that mapped it, mapped
   * SKUs missing from the storefront and mapped variants missing from the planner ({@link
   * MappingProblem.Kind#ORPHAN}), then storefront SKUs with no mapping ({@link
   * MappingProblem.Kind#UNMAPPED}, source {@code "storefront"}, in SKU order).
   *
   * @param storefrontSkus every SKU the storefront sells
   * @param plannerVariants every variant id the planner knows
   * @return the problems, empty when the mapping and catalogues agree
   * @throws InvalidValueException if an argument is null
   */
  public List<MappingProblem> checkAgainst(
      Set<Sku> storefrontSkus, Set<VariantId> plannerVariants) {
    Checks.notNull("storefrontSkus", storefrontSkus);
    Checks.notNull("plannerVariants", plannerVariants);
    return MappingValidation.against(skus, origins, storefrontSkus, plannerVariants);
  }

  /**
   * Writes the SKU level as CSV with header {@code sku,planner_variant_id}. Leaves the writer open.
   *
   * @param out where to write
   * @throws StockbridgeException if writing fails
   */
  public void writeSkusCsv(Writer out) {
    write("SKU CSV", () -> CsvFormat.write(Table.SKUS, rows(Table.SKUS), out));
  }

  /**
   * Writes the location level as CSV with header {@code supply_channel,location,planner_warehouse},
   * one row per supply channel. Leaves the writer open.
   *
   * @param out where to write
   * @throws StockbridgeException if writing fails
   */
  public void writeLocationsCsv(Writer out) {
    write("location CSV", () -> CsvFormat.write(Table.LOCATIONS, rows(Table.LOCATIONS), out));
  }

  /**
   * Writes both levels as one JSON document. Leaves the writer open.
   *
   * @param out where to write
   * @throws StockbridgeException if writing fails
   */
  public void writeJson(Writer out) {
    write("JSON", () -> JsonFormat.write(this, out));
  }

  /** The rows of a table, in the column order of {@link Table#columns}. */
  List<List<String>> rows(Table table) {
    return MappingRows.of(this, table);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CatalogueMapping that
        && skus.equals(that.skus)
        && supplyChannels.equals(that.supplyChannels)
        && warehouses.equals(that.warehouses)
        && orderDefaults.equals(that.orderDefaults);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(skus, supplyChannels, warehouses, orderDefaults);
  }

  @Override
  public String toString() {
    return "CatalogueMapping[" + skus.size() + " skus, " + supplyChannels.size() + " supply channels, "
        + warehouses.size() + " locations, " + (orderDefaults.stores().size() + orderDefaults.distributionChannels().size())
        + " order defaults]";
  }

  private static <K, V> Lookup<V> find(Map<K, V> map, K key, Lookup.Reason reason) {
    V value = map.get(key);
    return value == null ? new Lookup.Unmapped<>(reason, key) : new Lookup.Mapped<>(value);
  }

  private static <K, V> Map<K, V> copy(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  private static <K, V> Map<V, K> inverse(Map<K, V> map) {
    Map<V, K> inverse = new LinkedHashMap<>();
    map.forEach((key, value) -> inverse.put(value, key));
    return inverse;
  }

  private static void write(String what, Output output) {
    try {
      output.write();
    } catch (IOException e) {
      throw new StockbridgeException("could not write the mapping as " + what + ": " + e, e);
    }
  }

  @FunctionalInterface
  private interface Output {
    void write() throws IOException;
  }

  /**
   * Collects entries from code and files, then validates them all at once in {@link #build()}.
   *
   * <p>Entries from every source are checked together, so a SKU in two files is a duplicate. Within
   * the SKU level and between supply channels, any repeat is an error, even of an identical entry:
   * a repeated row in a curated mapping file points to a merge or copy mistake. A pool's warehouse
   * may be restated with the same value (each location row does), but not changed. Not thread-safe;
   * {@link #build()} copies what it keeps.
   */
  public static final class Builder {

    private final MappingSources sources = new MappingSources();
    private int calls;

    private Builder() {}

    /**
     * Maps a storefront SKU to a planner variant.
     *
     * @param sku the storefront SKU
     * @param variant the planner variant id
     * @return this builder
     * @throws InvalidValueException if an argument is null
     */
    public Builder sku(Sku sku, VariantId variant) {
      sources.skus.add(new MappingEntry<>(Checks.notNull("sku", sku), Checks.notNull("planner_variant_id", variant), code()));
      return this;
    }

    /**
     * Maps a supply channel to the stock pool it draws on.
     *
     * @param channel the supply channel, or {@link SupplyChannel#none()}
     * @param location the stock pool
     * @return this builder
     * @throws InvalidValueException if an argument is null
     */
    public Builder channel(SupplyChannel channel, Location location) {
      sources.channels.add(new MappingEntry<>(Checks.notNull("supply_channel", channel), Checks.notNull("location", location), code()));
      return this;
    }

    /**
     * Maps a stock pool to its planner warehouse.
     *
     * @param location the stock pool
     * @param warehouse the planner warehouse id
     * @return this builder
     * @throws InvalidValueException if an argument is null
     */
    public Builder warehouse(Location location, WarehouseId warehouse) {
      sources.warehouses.add(new MappingEntry<>(Checks.notNull("location", location), Checks.notNull("planner_warehouse", warehouse), code()));
      return this;
    }

    /**
     * Makes a location the default for order lines without a supply channel in a store or
     * distribution channel ({@link OrderDefaults} gives the precedence).
     *
     * @param scope a store or a distribution channel
     * @param key its commercetools key
     * @param location the stock pool such lines sell from; it needs a planner warehouse
     * @return this builder
     * @throws InvalidValueException if an argument is null or the key is blank or padded
     */
    public Builder orderDefault(OrderDefaults.Scope scope, String key, Location location) {
      DefaultKey at = new DefaultKey(Checks.notNull("default_for", scope), Checks.token("key", key, 256));
      sources.defaults.add(new MappingEntry<>(at, Checks.notNull("location", location), code()));
      return this;
    }

    /**
     * Reads an order-defaults CSV file (UTF-8, header {@code default_for,key,location}), named in
     * problems by its path.
     *
     * @param file the file
     * @return this builder; problems in the file are reported by {@link #build()}
     */
    public Builder orderDefaultsCsv(Path file) {
      sources.read(file, sources.csv(Table.ORDER_DEFAULTS));
      return this;
    }

    /**
     * Reads order-defaults CSV text. Leaves the reader open.
     *
     * @param reader the text
     * @param source the name that problems give as their source, e.g. the file name
     * @return this builder; problems in the text are reported by {@link #build()}
     */
    public Builder orderDefaultsCsv(Reader reader, String source) {
      sources.read(reader, source, sources.csv(Table.ORDER_DEFAULTS));
      return this;
    }

    /**
     * Reads a SKU CSV file (UTF-8), named in problems by its path.
     *
     * @param file the file
     * @return this builder; problems in the file are reported by {@link #build()}
     */
    public Builder skusCsv(Path file) {
      sources.read(file, sources.csv(Table.SKUS));
      return this;
    }

    /**
     * Reads SKU CSV text. Leaves the reader open.
     *
     * @param reader the text
     * @param source the name that problems give as their source, e.g. the file name
     * @return this builder; problems in the text are reported by {@link #build()}
     */
    public Builder skusCsv(Reader reader, String source) {
      sources.read(reader, source, sources.csv(Table.SKUS));
      return this;
    }

    /**
     * Reads a location CSV file (UTF-8), named in problems by its path.
     *
     * @param file the file
     * @return this builder; problems in the file are reported by {@link #build()}
     */
    public Builder locationsCsv(Path file) {
      sources.read(file, sources.csv(Table.LOCATIONS));
      return this;
    }

    /**
     * Reads location CSV text. Leaves the reader open.
     *
     * @param reader the text
     * @param source the name that problems give as their source, e.g. the file name
     * @return this builder; problems in the text are reported by {@link #build()}
     */
    public Builder locationsCsv(Reader reader, String source) {
      sources.read(reader, source, sources.csv(Table.LOCATIONS));
      return this;
    }

    /**
     * Reads a JSON mapping file (UTF-8), named in problems by its path.
     *
     * @param file the file
     * @return this builder; problems in the file are reported by {@link #build()}
     */
    public Builder json(Path file) {
      sources.read(file, sources::readJson);
      return this;
    }

    /**
     * Reads JSON mapping text. Leaves the reader open.
     *
     * @param reader the text
     * @param source the name that problems give as their source, e.g. the file name
     * @return this builder; problems in the text are reported by {@link #build()}
     */
    public Builder json(Reader reader, String source) {
      sources.read(reader, source, sources::readJson);
      return this;
    }

    /**
     * Validates every entry and builds the mapping.
     *
     * @return the immutable mapping
     * @throws MappingException listing every problem: those found while reading files, duplicates
     *     in either direction, and orphans (a supply channel whose location has no planner
     *     warehouse, a warehouse whose location no supply channel draws on)
     */
    public CatalogueMapping build() {
      return MappingValidation.build(sources);
    }

    private Origin code() {
      return new Origin(Origin.CODE, ++calls);
    }
  }
}
