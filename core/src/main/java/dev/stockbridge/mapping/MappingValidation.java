package dev.stockbridge.mapping;

import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_CHANNEL;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_DEFAULT;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_LOCATION;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_SKU;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_VARIANT;
import static dev.stockbridge.mapping.MappingProblem.Kind.DUPLICATE_WAREHOUSE;
import static dev.stockbridge.mapping.MappingProblem.Kind.ORPHAN;
import static dev.stockbridge.mapping.MappingProblem.Kind.UNMAPPED;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mapping's rules: duplicates in either direction and orphans, checked over every entry of
 * every source at once when a mapping is built, and the SKU level checked against both catalogues.
 * Stateless.
 */
final class MappingValidation {

  private static final Pairing SKU_PAIRING =
      new Pairing("sku", DUPLICATE_SKU, "planner_variant_id", DUPLICATE_VARIANT, false);
  private static final Pairing CHANNEL_PAIRING =
      new Pairing("supply_channel", DUPLICATE_CHANNEL, "location", null, false);
  private static final Pairing WAREHOUSE_PAIRING =
      new Pairing("location", DUPLICATE_LOCATION, "planner_warehouse", DUPLICATE_WAREHOUSE, true);

  private static final Pairing DEFAULT_PAIRING =
      new Pairing("key", DUPLICATE_DEFAULT, "location", null, false);

  private MappingValidation() {}

  /**
   * Validates every entry collected and builds the mapping.
   *
   * @throws MappingException listing every problem found while reading and validating
   */
  static CatalogueMapping build(MappingSources sources) {
    List<MappingProblem> found = new ArrayList<>(sources.problems);
    Map<Sku, MappingEntry<Sku, VariantId>> skuIndex = index(sources.skus, SKU_PAIRING, found);
    Map<SupplyChannel, MappingEntry<SupplyChannel, Location>> channelIndex =
        index(sources.channels, CHANNEL_PAIRING, found);
    Map<Location, MappingEntry<Location, WarehouseId>> warehouseIndex =
        index(sources.warehouses, WAREHOUSE_PAIRING, found);
    Set<Location> drawnOn = new HashSet<>();
    for (MappingEntry<SupplyChannel, Location> channel : channelIndex.values()) {
      drawnOn.add(channel.value());
      if (!warehouseIndex.containsKey(channel.value())) {
        Origin origin = channel.origin();
        found.add(
            origin.problem(
                ORPHAN,
                "location",
                channel.value().key(),
                origin.here()
                    + " maps supply_channel "
                    + quote(channel.key())
                    + " to location "
                    + quote(channel.value())
                    + ", which has no planner_warehouse"));
      }
    }
    for (MappingEntry<Location, WarehouseId> warehouse : warehouseIndex.values()) {
      if (!drawnOn.contains(warehouse.key())) {
        Origin origin = warehouse.origin();
        found.add(
            origin.problem(
                ORPHAN,
                "location",
                warehouse.key().key(),
                origin.here()
                    + " maps location "
                    + quote(warehouse.key())
                    + " to planner_warehouse "
                    + quote(warehouse.value())
                    + ", but no supply_channel draws on that location"));
      }
    }
    Map<DefaultKey, MappingEntry<DefaultKey, Location>> defaultIndex =
        index(sources.defaults, DEFAULT_PAIRING, found);
    for (MappingEntry<DefaultKey, Location> entry : defaultIndex.values()) {
      if (!warehouseIndex.containsKey(entry.value())) {
        Origin origin = entry.origin();
        found.add(
            origin.problem(
                ORPHAN,
                "location",
                entry.value().key(),
                origin.here()
                    + " makes location "
                    + quote(entry.value())
                    + " the default for "
                    + entry.key()
                    + ", but that location has no planner_warehouse: map it in the locations table"));
      }
    }
    if (!found.isEmpty()) {
      throw new MappingException(found, sources.cause);
    }
    Map<Sku, Origin> origins = new LinkedHashMap<>();
    skuIndex.forEach((sku, entry) -> origins.put(sku, entry.origin()));
    Map<SupplyChannel, Location> channels = values(channelIndex);
    Map<String, Location> byChannel = new LinkedHashMap<>();
    Map<String, Location> byStore = new LinkedHashMap<>();
    defaultIndex.forEach(
        (key, entry) ->
            (key.scope() == OrderDefaults.Scope.STORE ? byStore : byChannel)
                .put(key.key(), entry.value()));
    OrderDefaults defaults =
        OrderDefaults.of(
            byChannel,
            byStore,
            java.util.Optional.ofNullable(channels.get(SupplyChannel.none())));
    return new CatalogueMapping(
        values(skuIndex), channels, values(warehouseIndex), defaults, origins);
  }

  /** The SKU level against both catalogues; see {@link CatalogueMapping#checkAgainst}. */
  static List<MappingProblem> against(
      Map<Sku, VariantId> skus, Map<Sku, Origin> origins, Set<Sku> storefrontSkus, Set<VariantId> plannerVariants) {
    List<MappingProblem> problems = new ArrayList<>();
    skus.forEach(
        (sku, variant) -> {
          Origin origin = origins.get(sku);
          if (!storefrontSkus.contains(sku)) {
            problems.add(
                origin.problem(
                    ORPHAN,
                    "sku",
                    sku.value(),
                    origin.here() + " maps sku " + quote(sku) + ", which the storefront lacks"));
          }
          if (!plannerVariants.contains(variant)) {
            problems.add(
                origin.problem(
                    ORPHAN,
                    "planner_variant_id",
                    variant.value(),
                    origin.here()
                        + " maps planner_variant_id "
                        + quote(variant)
                        + ", which the planner lacks"));
          }
        });
    storefrontSkus.stream()
        .filter(sku -> !skus.containsKey(sku))
        .sorted()
        .forEach(
            sku ->
                problems.add(
                    new MappingProblem(
                        UNMAPPED,
                        "storefront",
                        MappingProblem.NO_LINE,
                        "sku",
                        sku.value(),
                        "storefront sku " + quote(sku) + " has no planner variant")));
    return List.copyOf(problems);
  }

  private static <K, V> Map<K, MappingEntry<K, V>> index(
      List<MappingEntry<K, V>> entries, Pairing pairing, List<MappingProblem> found) {
    Map<K, MappingEntry<K, V>> byKey = new LinkedHashMap<>();
    Map<V, MappingEntry<K, V>> byValue = new HashMap<>();
    for (MappingEntry<K, V> entry : entries) {
      MappingEntry<K, V> sameKey = byKey.putIfAbsent(entry.key(), entry);
      MappingEntry<K, V> sameValue =
          pairing.valueKind() == null ? null : byValue.putIfAbsent(entry.value(), entry);
      if (sameKey != null && sameKey.value().equals(entry.value())) {
        if (!pairing.repeatsAllowed()) {
          found.add(repeat(entry, sameKey, pairing));
        }
        continue;
      }
      if (sameKey != null) {
        found.add(repeat(entry, sameKey, pairing));
      }
      if (sameValue != null) {
        found.add(repeat(flip(entry), flip(sameValue), pairing.flip()));
      }
    }
    return byKey;
  }

  /** "line 7 repeats sku "X" first seen on line 3 (planner_variant_id "2" here, "1" there)". */
  private static MappingProblem repeat(MappingEntry<?, ?> entry, MappingEntry<?, ?> first, Pairing pairing) {
    Origin origin = entry.origin();
    String field = pairing.keyField();
    String other = pairing.valueField();
    String message =
        origin.here()
            + " repeats "
            + field
            + " "
            + quote(entry.key())
            + " first seen on "
            + first.origin().describe(origin)
            + (entry.value().equals(first.value())
                ? " with the same " + other
                : " (" + other + " " + quote(entry.value()) + " here, "
                    + quote(first.value()) + " there)");
    return origin.problem(pairing.keyKind(), field, String.valueOf(entry.key()), message);
  }

  private static <K, V> MappingEntry<V, K> flip(MappingEntry<K, V> entry) {
    return new MappingEntry<>(entry.value(), entry.key(), entry.origin());
  }

  private static <K, V> Map<K, V> values(Map<K, MappingEntry<K, V>> index) {
    Map<K, V> values = new LinkedHashMap<>();
    index.forEach((key, entry) -> values.put(key, entry.value()));
    return values;
  }

  private static String quote(Object value) {
    return "\"" + value + "\"";
  }

  /** How one level pairs keys with values; {@code valueKind} is null when values may repeat. */
  private record Pairing(
      String keyField,
      MappingProblem.Kind keyKind,
      String valueField,
      MappingProblem.Kind valueKind,
      boolean repeatsAllowed) {

    /** The same pairing seen from the value side, for naming a repeated value. */
    Pairing flip() {
      return new Pairing(valueField, valueKind, keyField, keyKind, repeatsAllowed);
    }
  }
}
