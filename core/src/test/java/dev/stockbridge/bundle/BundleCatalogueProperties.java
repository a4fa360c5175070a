package dev.stockbridge.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Invariants of bundle flattening, expansion and the min-rule, checked against brute-force models
 * over random acyclic catalogues of up to {@value #SKUS} SKUs.
 */
class BundleCatalogueProperties {

  private static final int SKUS = 7;
  private static final Location DC = Location.of("dc");

  @Property
  void flattening_equalsNaiveRecursiveExpansion(
      @ForAll("definitions") Map<Sku, Map<Sku, Long>> defs) {
    BundleCatalogue catalogue = build(defs);
    assertThat(catalogue.bundles()).isEqualTo(defs.keySet());
    for (Sku bundle : defs.keySet()) {
      assertThat(catalogue.components(bundle)).isEqualTo(naive(defs, bundle));
    }
  }

  @Property
  void bundleAts_equalsLargestCountEveryComponentCanMake(
      @ForAll("definitions") Map<Sku, Map<Sku, Long>> defs,
      @ForAll @Size(SKUS) List<@IntRange(min = -20, max = 300) Integer> ats) {
    BundleCatalogue catalogue = build(defs);
    for (Sku bundle : defs.keySet()) {
      Map<Sku, Long> components = catalogue.components(bundle);
      long bruteForce = 0;
      while (canMake(bruteForce + 1, components, ats)) {
        bruteForce++;
      }
      assertThat(catalogue.availableToSell(bundle, sku -> ats.get(index(sku))))
          .isEqualTo(bruteForce);
    }
  }

  @Property
  void expandingNBundles_equalsNTimesTheirComponents(
      @ForAll("definitions") Map<Sku, Map<Sku, Long>> defs,
      @ForAll @IntRange(min = 1, max = 1000) int n) {
    BundleCatalogue catalogue = build(defs);
    for (Sku bundle : defs.keySet()) {
      Movement order = Movement.of(MovementKind.ORDER, bundle, DC, -n, "order o", "order/o/l");
      Map<Sku, Long> decremented = new TreeMap<>();
      for (Movement part : catalogue.expand(order)) {
        decremented.merge(part.sku(), part.quantity(), Long::sum);
      }
      Map<Sku, Long> expected = new TreeMap<>();
      catalogue.components(bundle).forEach((leaf, qty) -> expected.put(leaf, -n * qty));
      assertThat(decremented).isEqualTo(expected);
    }
  }

  @Property
  void expand_isDeterministic_whateverOrderTheCatalogueWasBuiltIn(
      @ForAll("definitions") Map<Sku, Map<Sku, Long>> defs, @ForAll Random random) {
    BundleCatalogue catalogue = build(defs);
    BundleCatalogue shuffled = buildShuffled(defs, random);
    for (Sku bundle : defs.keySet()) {
      Movement receipt = Movement.of(MovementKind.RECEIPT, bundle, DC, 2, "PO-1", "receipt/PO-1");
      List<Movement> expanded = catalogue.expand(receipt);
      assertThat(shuffled.expand(receipt)).isEqualTo(expanded).isEqualTo(catalogue.expand(receipt));
      assertThat(expanded).extracting(Movement::sku).isSorted().doesNotHaveDuplicates();
    }
  }

  @Property
  void reverseIndex_listsExactlyTheBundlesWhoseComponentsIncludeTheSku(
      @ForAll("definitions") Map<Sku, Map<Sku, Long>> defs) {
    BundleCatalogue catalogue = build(defs);
    for (int i = 0; i < SKUS; i++) {
      Sku sku = sku(i);
      List<Sku> expected = new ArrayList<>();
      for (Sku bundle : defs.keySet()) {
        if (catalogue.components(bundle).containsKey(sku)) {
          expected.add(bundle);
        }
      }
      assertThat(catalogue.bundlesContaining(sku)).containsExactlyElementsOf(expected);
    }
  }

  /** SKU {@code i} may contain only SKUs {@code j > i}, so every catalogue is acyclic. */
  @Provide
  Arbitrary<Map<Sku, Map<Sku, Long>>> definitions() {
    Arbitrary<Long> edge =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(0L)),
            Tuple.of(2, Arbitraries.longs().between(1, 4)));
    return edge.list()
        .ofSize(SKUS * SKUS)
        .map(
            quantities -> {
              Map<Sku, Map<Sku, Long>> defs = new TreeMap<>();
              for (int i = 0; i < SKUS; i++) {
                for (int j = i + 1; j < SKUS; j++) {
                  long qty = quantities.get(i * SKUS + j);
                  if (qty > 0) {
                    defs.computeIfAbsent(sku(i), k -> new TreeMap<>()).put(sku(j), qty);
                  }
                }
              }
              return defs;
            });
  }

  private static BundleCatalogue build(Map<Sku, Map<Sku, Long>> defs) {
    BundleCatalogue.Builder builder = BundleCatalogue.builder();
    defs.forEach(builder::bundle);
    return builder.build();
  }

  private static BundleCatalogue buildShuffled(Map<Sku, Map<Sku, Long>> defs, Random random) {
    List<Sku[]> edges = new ArrayList<>();
    defs.forEach((bundle, parts) -> parts.keySet().forEach(p -> edges.add(new Sku[] {bundle, p})));
    Collections.shuffle(edges, random);
    BundleCatalogue.Builder builder = BundleCatalogue.builder();
    edges.forEach(edge -> builder.component(edge[0], edge[1], defs.get(edge[0]).get(edge[1])));
    return builder.build();
  }

  /** Leaf quantities by walking every path, without memoisation or the catalogue's code. */
  private static Map<Sku, Long> naive(Map<Sku, Map<Sku, Long>> defs, Sku sku) {
    Map<Sku, Long> leaves = new HashMap<>();
    if (!defs.containsKey(sku)) {
      leaves.put(sku, 1L);
      return leaves;
    }
    defs.get(sku)
        .forEach(
            (part, qty) ->
                naive(defs, part).forEach((leaf, n) -> leaves.merge(leaf, qty * n, Long::sum)));
    return leaves;
  }

  private static boolean canMake(long bundles, Map<Sku, Long> components, List<Integer> ats) {
    return components.entrySet().stream()
        .allMatch(c -> bundles * c.getValue() <= ats.get(index(c.getKey())));
  }

  private static Sku sku(int i) {
    return Sku.of("S" + i);
  }

  private static int index(Sku sku) {
    return Integer.parseInt(sku.value().substring(1));
  }
}
