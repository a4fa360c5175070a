package dev.stockbridge.reconcile;

import dev.stockbridge.Sku;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.MappingProblem;
import dev.stockbridge.mapping.VariantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The catalogue half of the {@link Differ}: compares SKU sets (storefront variants, planner
 * variants, the mapping) and finds published SKUs without planning data. Stateless.
 */
final class CatalogueDiff {

  private CatalogueDiff() {}

  /** Diffs the catalogue view; see {@link Differ#diffCatalogue}. */
  static long diff(CatalogueView view, Consumer<? super Discrepancy> out) {
    Map<VariantId, List<PlannerItem>> planner = new HashMap<>();
    view.inScope().forEach(i -> planner.computeIfAbsent(i.variant(), v -> new ArrayList<>()).add(i));
    TreeMap<String, Discrepancy> found = new TreeMap<>();
    Consumer<Discrepancy> add = d -> found.putIfAbsent(d.dedupeKey(), d);
    for (MappingProblem problem : view.mapping().checkAgainst(view.storefrontSkus(), planner.keySet())) {
      switch (problem.kind()) {
        case UNMAPPED -> add.accept(Discrepancy.catalogue(
            DiscrepancyKind.UNMAPPED, problem.value(), Cause.UNMAPPED_SKU, Owner.ECOMMERCE,
            problem.message()));
        case ORPHAN -> orphan(view, planner, problem, add);
        default -> { }
      }
    }
    for (VariantId variant : planner.keySet()) {
      if (!view.mapping().sku(variant).isMapped()) {
        add.accept(Discrepancy.catalogue(
            DiscrepancyKind.UNMAPPED, "variant:" + variant, Cause.UNMAPPED_SKU, Owner.ECOMMERCE,
            "planner variant \"" + variant + "\" has no storefront sku"));
      }
    }
    for (Sku sku : view.storefrontSkus()) {
      if (view.mapping().variant(sku) instanceof Lookup.Mapped<VariantId> mapped
          && planner.containsKey(mapped.value())) {
        planningData(sku, mapped.value(), planner.get(mapped.value())).ifPresent(add);
      }
    }
    found.values().forEach(out);
    return found.size();
  }

  private static void orphan(
      CatalogueView view, Map<VariantId, List<PlannerItem>> planner, MappingProblem problem,
      Consumer<Discrepancy> add) {
    if (problem.field().equals("sku")) {
      Sku sku = Sku.of(problem.value());
      VariantId variant = view.mapping().variant(sku).orElseThrow();
      if (planner.containsKey(variant)) {
        // The planner's own figure, negative after oversell, so the row shows both sides.
        long inStock = planner.get(variant).stream().mapToLong(PlannerItem::inStock).sum();
        add.accept(new Discrepancy(
            DiscrepancyKind.MISSING_IN_STOREFRONT, sku.value(), Optional.empty(), OptionalLong.of(inStock),
            OptionalLong.empty(), -inStock, List.of(), Cause.NOT_IN_STOREFRONT, Owner.ECOMMERCE,
            "the planner stocks variant \"" + variant + "\" (" + inStock + " in stock) but the storefront"
                + " publishes no sku \"" + sku + "\""));
      }
    } else {
      Sku sku = view.mapping().sku(VariantId.of(problem.value())).orElseThrow();
      if (view.storefrontSkus().contains(sku)) {
        add.accept(Discrepancy.catalogue(
            DiscrepancyKind.MISSING_IN_PLANNER, sku.value(), Cause.NOT_IN_PLANNER, Owner.OPS,
            "the storefront publishes sku \"" + sku + "\" but the planner has no variant \""
                + problem.value() + "\""));
      }
    }
  }

  private static Optional<Discrepancy> planningData(Sku sku, VariantId variant, List<PlannerItem> items) {
    boolean leadTime = items.stream().anyMatch(i -> i.leadTimeDays().isPresent());
    boolean cost = items.stream().anyMatch(i -> i.unitCost().isPresent());
    if (leadTime && cost) {
      return Optional.empty();
    }
    String missing = !leadTime && !cost ? "lead time and cost" : leadTime ? "cost" : "lead time";
    return Optional.of(Discrepancy.catalogue(
        DiscrepancyKind.NEW_SKU_WITHOUT_PLANNING_DATA, sku.value(), Cause.MISSING_PLANNING_DATA,
        cost ? Owner.OPS : Owner.FINANCE,
        "published sku \"" + sku + "\" (planner variant \"" + variant + "\") has no " + missing));
  }
}
