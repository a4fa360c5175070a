package dev.stockbridge.bundle;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.Quantities;
import dev.stockbridge.Sku;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * The bundles a storefront sells and the physical components each one is made of. A bundle has no
 * stock of its own: selling one decrements every component, and its available-to-sell is derived
 * from theirs. Immutable and thread-safe; build one with {@link #builder()}.
 *
 * <p>Nested bundles are flattened when the catalogue is built: if A holds 2 × B and B holds 3 × C,
 * then A holds 6 × C, and a leaf reached through two paths has its quantities summed. A bundle that
 * contains itself, directly or through nested bundles, is refused with a {@link
 * BundleCycleException} naming the cycle.
 */
public final class BundleCatalogue {

  private static final BundleCatalogue EMPTY = new BundleCatalogue(new TreeMap<>());

  /** Bundle → its leaf components with the quantity per one bundle, both sorted by SKU. */
  private final SortedMap<Sku, Map<Sku, Long>> components;

  /** Leaf component → the bundles whose flattened components include it. */
  private final Map<Sku, Set<Sku>> bundlesContaining;

  private BundleCatalogue(SortedMap<Sku, Map<Sku, Long>> flattened) {
    this.components = Collections.unmodifiableSortedMap(flattened);
    Map<Sku, SortedSet<Sku>> index = new TreeMap<>();
    for (Map.Entry<Sku, Map<Sku, Long>> bundle : flattened.entrySet()) {
      for (Sku leaf : bundle.getValue().keySet()) {
        index.computeIfAbsent(leaf, k -> new TreeSet<>()).add(bundle.getKey());
      }
    }
    Map<Sku, Set<Sku>> readOnly = new TreeMap<>();
    index.forEach((leaf, bundles) -> readOnly.put(leaf, Collections.unmodifiableSet(bundles)));
    this.bundlesContaining = Collections.unmodifiableMap(readOnly);
  }

  /**
   * A builder for a new catalogue.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A catalogue without bundles: every SKU is its own physical stock.
   *
   * @return the shared empty catalogue
   */
  public static BundleCatalogue empty() {
    return EMPTY;
  }

  /**
   * Tells whether a SKU is a bundle in this catalogue.
   *
   * @param sku the SKU
   * @return whether it is a bundle
   * @throws InvalidValueException if the SKU is null
   */
  public boolean isBundle(Sku sku) {
    return components.containsKey(Checks.notNull("sku", sku));
  }

  /**
   * All bundle SKUs, sorted.
   *
   * @return the bundles, read-only
   */
  public Set<Sku> bundles() {
    return components.keySet();
  }

  /**
   * The physical components of one bundle, nested bundles flattened.
   *
   * @param bundle the bundle SKU
   * @return each leaf component, sorted by SKU, with its total quantity per one bundle; read-only
   * @throws InvalidValueException if the SKU is null or not a bundle
   */
  public Map<Sku, Long> components(Sku bundle) {
    Map<Sku, Long> leaves = components.get(Checks.notNull("bundle", bundle));
    if (leaves == null) {
      throw new InvalidValueException(
          "bundle", bundle.value(), "is not a bundle in this catalogue");
    }
    return leaves;
  }

  /**
   * The bundles to recompute when a component's stock changes: every bundle, at any nesting depth,
   * whose flattened components include it. Only physical (leaf) SKUs are components in this
   * sense; a nested bundle has no stock of its own, so asking about one gives an empty set.
   *
   * @param component the component SKU
   * @return the bundles, sorted and read-only; empty if none
   * @throws InvalidValueException if the SKU is null
   */
  public Set<Sku> bundlesContaining(Sku component) {
    return bundlesContaining.getOrDefault(Checks.notNull("component", component), Set.of());
  }

  /**
   * Spreads a movement of a bundle over its physical components.
   *
   * <p>A movement of a SKU that is not a bundle is returned unchanged, as a one-element list. A
   * bundle movement becomes one movement per flattened leaf component, sorted by component SKU,
   * with the same kind, location, state and cause; quantity = bundle quantity × component quantity;
   * idempotency key = bundle key + {@code "/"} + component SKU escaped ({@link
   * dev.stockbridge.IdempotencyKeys#component}), so an order line keyed {@link
   * dev.stockbridge.IdempotencyKeys#orderLine} yields the keys of {@link
   * dev.stockbridge.IdempotencyKeys#orderLineComponent}; and no sequence, since each component key
   * has its own.
   *
   * @param movement the movement to expand
   * @return the movements to apply, never empty
   * @throws InvalidValueException if the movement is null, a component quantity would exceed
   *     ±{@link Quantities#MAX}, or a component key would be too long
   */
  public List<Movement> expand(Movement movement) {
    Map<Sku, Long> leaves = components.get(Checks.notNull("movement", movement).sku());
    if (leaves == null) {
      return List.of(movement);
    }
    List<Movement> expanded = new ArrayList<>(leaves.size());
    leaves.forEach(
        (component, perBundle) ->
            expanded.add(
                new Movement(
                    movement.kind(),
                    component,
                    movement.location(),
                    movement.state(),
                    Quantities.multiply(
                        "quantity of " + component + " for bundle " + movement.sku(),
                        movement.quantity(),
                        perBundle),
                    movement.cause(),
                    dev.stockbridge.IdempotencyKeys.component(movement.idempotencyKey(), component),
                    Movement.UNSEQUENCED)));
    return List.copyOf(expanded);
  }

  /**
   * A bundle's available-to-sell at one location: the minimum over its components of {@code
   * floor(component ATS / quantity per bundle)}. A negative component ATS (oversold) counts as 0.
   *
   * @param bundle the bundle SKU
   * @param componentAts each component's available-to-sell at the location
   * @return how many whole bundles the components can make, never negative
   * @throws InvalidValueException if the SKU is null or not a bundle, or the function is null
   */
  public long availableToSell(Sku bundle, ToLongFunction<Sku> componentAts) {
    Checks.notNull("componentAts", componentAts);
    long available = Long.MAX_VALUE;
    for (Map.Entry<Sku, Long> component : components(bundle).entrySet()) {
      long ats = Math.max(0, componentAts.applyAsLong(component.getKey()));
      available = Math.min(available, ats / component.getValue());
    }
    return available;
  }

  @Override
  public String toString() {
    return "BundleCatalogue" + components;
  }


  /**
   * Collects bundle definitions, then checks and flattens them into a {@link BundleCatalogue}. Not
   * thread-safe; the catalogue it builds is.
   *
   * <p>Each (bundle, component) pair may be listed once: listing a component twice for one bundle
   * is refused rather than summed or overwritten, because it usually means two conflicting
   * catalogue rows, and guessing which one is meant would sell stock that is not there.
   */
  public static final class Builder {

    private final Map<Sku, Map<Sku, Long>> direct = new TreeMap<>();

    private Builder() {}

    /**
     * Adds one component to a bundle, creating the bundle if it is new. The component may itself
     * be a bundle; it is flattened by {@link #build()}.
     *
     * @param bundle the bundle SKU
     * @param component the component SKU
     * @param quantityPerBundle how many of the component one bundle holds
     * @return this builder
     * @throws InvalidValueException if a SKU is null, the quantity is not positive or exceeds
     *     {@link Quantities#MAX}, or the component is already listed for this bundle
     */
    public Builder component(Sku bundle, Sku component, long quantityPerBundle) {
      Checks.notNull("bundle", bundle);
      Checks.notNull("component", component);
      if (quantityPerBundle <= 0 || quantityPerBundle > Quantities.MAX) {
        throw new InvalidValueException(
            "quantity",
            quantityPerBundle,
            "of component " + component + " in bundle " + bundle + " must be positive"
                + " and at most " + Quantities.MAX);
      }
      Map<Sku, Long> components = direct.computeIfAbsent(bundle, k -> new TreeMap<>());
      if (components.containsKey(component)) {
        throw new InvalidValueException(
            "component",
            component.value(),
            "is listed twice for bundle " + bundle + "; list it once with its total quantity");
      }
      components.put(component, quantityPerBundle);
      return this;
    }

    /**
     * Adds a bundle with all its components.
     *
     * @param bundle the bundle SKU
     * @param components each component SKU with how many of it one bundle holds
     * @return this builder
     * @throws InvalidValueException if the map is null or empty, or any component is invalid as
     *     for {@link #component(Sku, Sku, long)}
     */
    public Builder bundle(Sku bundle, Map<Sku, Long> components) {
      Checks.notNull("bundle", bundle);
      if (Checks.notNull("components", components).isEmpty()) {
        throw new InvalidValueException(
            "components", components, "of bundle " + bundle + " must not be empty");
      }
      components.forEach(
          (component, quantity) ->
              component(bundle, component, Checks.notNull("quantity of " + component, quantity)));
      return this;
    }

    /**
     * Checks for cycles and flattens nested bundles.
     *
     * @return the catalogue
     * @throws BundleCycleException if a bundle contains itself, directly or through nested bundles
     * @throws InvalidValueException if a flattened quantity would exceed {@link Quantities#MAX}
     */
    public BundleCatalogue build() {
      SortedMap<Sku, Map<Sku, Long>> flattened = new TreeMap<>();
      for (Sku bundle : direct.keySet()) {
        flatten(bundle, flattened, new ArrayList<>());
      }
      return new BundleCatalogue(flattened);
    }

    /** Depth-first; {@code path} holds the bundles being flattened, to name a cycle. */
    private Map<Sku, Long> flatten(Sku bundle, Map<Sku, Map<Sku, Long>> done, List<Sku> path) {
      Map<Sku, Long> known = done.get(bundle);
      if (known != null) {
        return known;
      }
      int seen = path.indexOf(bundle);
      if (seen >= 0) {
        List<Sku> cycle = new ArrayList<>(path.subList(seen, path.size()));
        cycle.add(bundle);
        throw new BundleCycleException(cycle);
      }
      path.add(bundle);
      Map<Sku, Long> leaves = new TreeMap<>();
      direct
          .get(bundle)
          .forEach(
              (component, quantity) -> {
                Map<Sku, Long> parts =
                    direct.containsKey(component)
                        ? flatten(component, done, path)
                        : Map.of(component, 1L);
                parts.forEach(
                    (leaf, perComponent) -> {
                      String field = "quantity of " + leaf + " per bundle " + bundle;
                      leaves.merge(
                          leaf,
                          Quantities.multiply(field, quantity, perComponent),
                          (a, b) -> Quantities.add(field, a, b));
                    });
              });
      path.remove(path.size() - 1);
      Map<Sku, Long> result = Collections.unmodifiableMap(leaves);
      done.put(bundle, result);
      return result;
    }
  }
}
