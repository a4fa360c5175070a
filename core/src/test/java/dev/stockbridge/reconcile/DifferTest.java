package dev.stockbridge.reconcile;

import static dev.stockbridge.reconcile.Fixtures.NOW;
import static dev.stockbridge.reconcile.Fixtures.diff;
import static dev.stockbridge.reconcile.Fixtures.order;
import static dev.stockbridge.reconcile.Fixtures.receipt;
import static dev.stockbridge.reconcile.Fixtures.shown;
import static dev.stockbridge.reconcile.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Movement;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.InventoryState;
import dev.stockbridge.simulation.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DifferTest {

  private final MutableClock clock = new MutableClock(NOW);

  private Differ.Builder differ() {
    return Differ.builder().clock(clock);
  }

  @Test
  void shouldReportNothing_whenBothSidesAgree() {
    List<Discrepancy> found = diff(differ().build(),
        List.of(source("A", "l1", 5), source("B", "l1", 0)),
        List.of(shown("A", "l1", 5), shown("B", "l1", 0)));

    assertThat(found).isEmpty();
  }

  @Test
  void shouldReportQuantityMismatchWithBothSides_whenGapExceedsTolerance() {
    List<Discrepancy> found = diff(differ().tolerance(Tolerance.units(1)).build(),
        List.of(source("A", "l1", 10), source("B", "l1", 10)),
        List.of(shown("A", "l1", 11), shown("B", "l1", 14)));

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.QUANTITY_MISMATCH);
      assertThat(d.subject()).isEqualTo("B@l1");
      assertThat(d.expected()).isEqualTo(OptionalLong.of(10));
      assertThat(d.shown()).isEqualTo(OptionalLong.of(14));
      assertThat(d.residual()).isEqualTo(4);
      assertThat(d.owner()).isEqualTo(Owner.OPS);
      assertThat(d.cause()).isEqualTo(Cause.MISSED_EVENT);
      assertThat(d.action()).isNotBlank();
    });
  }

  @Test
  void shouldBlameManualEdit_whenSomeoneElseWroteTheEntryLast() {
    List<Discrepancy> found = diff(differ().build(),
        List.of(source("A", "l1", 10)), List.of(shown("A", "l1", 25, LastWriter.OTHER)));

    assertThat(found).singleElement().extracting(Discrepancy::cause).isEqualTo(Cause.MANUAL_EDIT);
  }

  @Test
  void shouldExplainTheGap_whenUnappliedMovementsCoverIt() {
    InFlight inFlight = key -> key.equals(StockKey.of("A", "l1")) ? List.of(receipt("A", "l1", 6, "po-1")) : List.of();
    Differ differ = differ().inFlight(inFlight).build();
    List<Discrepancy> found = new ArrayList<>();

    DiffStats stats = differ.diffStock(
        StockRows.sorted(List.of(source("A", "l1", 16)).iterator()),
        StockRows.sorted(List.of(shown("A", "l1", 10)).iterator()), found::add);

    assertThat(found).isEmpty();
    assertThat(stats.explainedInFlight()).isEqualTo(1);
  }

  @Test
  void shouldCountEachKeyUnderOneOutcome_soTheTotalsAddUp() {
    // A agrees, B is explained by a receipt in flight, C differs, D is missing on the storefront
    // and holds -3 (residual +3), E is stale AND explained: it counts once, as differing.
    Movement po = receipt("B", "l1", 6, "po-1");
    Movement poE = receipt("E", "l1", 2, "po-2");
    Differ differ = differ().freshnessTarget(Duration.ofHours(1))
        .inFlight(key -> key.sku().value().equals("B") ? List.of(po) : key.sku().value().equals("E") ? List.of(poE) : List.of())
        .build();
    clock.advance(Duration.ofHours(2));
    List<Discrepancy> found = new ArrayList<>();
    SourceStock minus3 = new SourceStock(source("D", "l1", 0).position(), -3, NOW.plus(Duration.ofHours(2)));

    DiffStats stats = differ.diffStock(
        StockRows.sorted(List.of(fresh("A", 5), fresh("B", 16), fresh("C", 4), minus3, source("E", "l1", 7)).iterator()),
        StockRows.sorted(List.of(shown("A", "l1", 5), shown("B", "l1", 10), shown("C", "l1", 9), shown("E", "l1", 5)).iterator()),
        found::add);

    assertThat(stats.keysCompared()).isEqualTo(5);
    assertThat(stats.keysInAgreement()).isEqualTo(1);
    assertThat(stats.explainedInFlight()).isEqualTo(1);
    assertThat(stats.keysWithDiscrepancies()).isEqualTo(3);
    assertThat(found).extracting(Discrepancy::dedupeKey)
        .containsExactly("QUANTITY_MISMATCH|C@l1", "MISSING_IN_STOREFRONT|D@l1", "STALE|E@l1");
    assertThat(found.get(1).residual()).isEqualTo(3);
    assertThat(found.get(1).expected()).isEqualTo(OptionalLong.of(-3));
  }

  private SourceStock fresh(String sku, long available) {
    SourceStock s = source(sku, "l1", available);
    return new SourceStock(s.position(), s.expected(), clock.instant());
  }

  @Test
  void shouldListTheInFlightMovementsAndTheResidual_whenTheyExplainOnlyPart() {
    Movement po = receipt("A", "l1", 6, "po-1");
    List<Discrepancy> found = diff(differ().inFlight(key -> List.of(po)).build(),
        List.of(source("A", "l1", 20)), List.of(shown("A", "l1", 10)));

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.residual()).isEqualTo(-4);
      assertThat(d.inFlight()).containsExactly(po);
      assertThat(d.detail()).contains("after 6 in flight");
    });
  }

  @Test
  void shouldCountAnOrderInsideTheConsistencyLagAsInFlight_whetherOrNotItShowsYet() {
    Movement sale = order("A", "l1", 3, "o-1");
    RecentOrders orders = (key, since) ->
        NOW.minusSeconds(4).isBefore(since) ? List.of() : List.of(new PlacedOrder(sale, NOW.minusSeconds(4)));
    Differ differ = differ().recentOrders(orders, Duration.ofSeconds(10)).build();

    // The source already deducted the order; the storefront may not show it yet (10 vs 7)...
    assertThat(diff(differ, List.of(source("A", "l1", 7)), List.of(shown("A", "l1", 10)))).isEmpty();
    // ...or may already show it (7 vs 7): both agree within the lag.
    assertThat(diff(differ, List.of(source("A", "l1", 7)), List.of(shown("A", "l1", 7)))).isEmpty();
  }

  @Test
  void shouldNotCountAnOrderAsInFlight_whenItIsOlderThanTheLag() {
    Movement sale = order("A", "l1", 3, "o-1");
    RecentOrders orders = (key, since) ->
        NOW.minusSeconds(4).isBefore(since) ? List.of() : List.of(new PlacedOrder(sale, NOW.minusSeconds(4)));
    Differ differ = differ().recentOrders(orders, Duration.ofSeconds(10)).build();
    clock.advance(Duration.ofSeconds(30));

    assertThat(diff(differ, List.of(source("A", "l1", 7)), List.of(shown("A", "l1", 10))))
        .singleElement().satisfies(d -> {
          assertThat(d.kind()).isEqualTo(DiscrepancyKind.QUANTITY_MISMATCH);
          assertThat(d.inFlight()).isEmpty();
          assertThat(d.residual()).isEqualTo(3);
        });
  }

  @Test
  void shouldReportStateNotSellable_whenTheSurplusIsHeldInInspection() {
    List<Discrepancy> found = diff(differ().build(),
        List.of(source("A", "l1", Map.of(InventoryState.AVAILABLE, 10L, InventoryState.INSPECTION, 4L,
            InventoryState.DAMAGED, 2L))),
        List.of(shown("A", "l1", 14)));

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.STATE_NOT_SELLABLE);
      assertThat(d.cause()).isEqualTo(Cause.STATE_NOT_SELLABLE_YET);
      assertThat(d.residual()).isEqualTo(4);
      assertThat(d.detail()).contains("4 in INSPECTION");
    });
  }

  @Test
  void shouldReportMissingInStorefront_whenTheSourceHasARowTheStorefrontLacks() {
    List<Discrepancy> found = diff(differ().build(), List.of(source("A", "l1", 5)), List.of());

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.MISSING_IN_STOREFRONT);
      assertThat(d.owner()).isEqualTo(Owner.ECOMMERCE);
      assertThat(d.expected()).isEqualTo(OptionalLong.of(5));
      assertThat(d.shown()).isEmpty();
    });
  }

  @Test
  void shouldReportMissingInPlanner_whenTheStorefrontHasAnEntryTheSourceLacks() {
    List<Discrepancy> found = diff(differ().build(), List.of(), List.of(shown("A", "l1", 5)));

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.MISSING_IN_PLANNER);
      assertThat(d.owner()).isEqualTo(Owner.OPS);
    });
  }

  @Test
  void shouldReportStaleAndNotBlameAnEvent_whenTheSourceIsOlderThanItsTarget() {
    clock.advance(Duration.ofHours(2));
    List<Discrepancy> found = diff(differ().freshnessTarget(Duration.ofHours(1)).build(),
        List.of(source("A", "l1", 5), source("B", "l1", 5)),
        List.of(shown("A", "l1", 5), shown("B", "l1", 9)));

    assertThat(found).extracting(Discrepancy::dedupeKey)
        .containsExactly("STALE|A@l1", "STALE|B@l1", "QUANTITY_MISMATCH|B@l1");
    assertThat(found.get(2).cause()).isEqualTo(Cause.STALE_FEED);
  }

  @Test
  void shouldReportBundleDrift_whenTheBundleEntryDiffersFromItsComponentsMinRule() {
    BundleCatalogue bundles = BundleCatalogue.builder()
        .bundle(Sku.of("KIT"), Map.of(Sku.of("CUP"), 2L, Sku.of("SAUCER"), 1L)).build();
    Differ differ = differ().bundles(bundles).build();

    List<Discrepancy> drift = diff(differ,
        List.of(source("CUP", "l1", 9), source("SAUCER", "l1", 3)),
        List.of(shown("CUP", "l1", 9), shown("KIT", "l1", 7), shown("SAUCER", "l1", 3)));
    List<Discrepancy> none = diff(differ,
        List.of(source("CUP", "l1", 9), source("SAUCER", "l1", 3)),
        List.of(shown("CUP", "l1", 9), shown("KIT", "l1", 3), shown("SAUCER", "l1", 3)));

    assertThat(drift).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.BUNDLE_DRIFT);
      assertThat(d.expected()).isEqualTo(OptionalLong.of(3));
      assertThat(d.shown()).isEqualTo(OptionalLong.of(7));
      assertThat(d.cause()).isEqualTo(Cause.BUNDLE_PARENT);
    });
    assertThat(none).isEmpty();
  }

  @Test
  void shouldFindTheSameDiscrepancies_whenHashJoiningUnsortedSides() {
    List<SourceStock> source = List.of(source("C", "l1", 1), source("A", "l1", 5), source("B", "l2", 2));
    List<ShownStock> shown = List.of(shown("B", "l2", 7), shown("D", "l1", 1), shown("A", "l1", 5));
    List<Discrepancy> found = new ArrayList<>();

    differ().build().diffStock(StockRows.unsorted(source.iterator()), StockRows.unsorted(shown.iterator()), found::add);

    assertThat(found).extracting(Discrepancy::dedupeKey).containsExactlyInAnyOrder(
        "MISSING_IN_STOREFRONT|C@l1", "QUANTITY_MISMATCH|B@l2", "MISSING_IN_PLANNER|D@l1");
  }

  @Test
  void shouldMatchByKey_whenHashJoinedKeysShareAHash() {
    // "Aa" and "BB" have the same String hash, so these keys collide.
    assertThat(StockKey.of("Aa", "l1").hashCode()).isEqualTo(StockKey.of("BB", "l1").hashCode());
    List<SourceStock> source = List.of(source("BB", "l1", 2), source("Aa", "l1", 1), source("AaAa", "l1", 1));
    List<ShownStock> shown = List.of(shown("Aa", "l1", 1), shown("BBBB", "l1", 3), shown("BB", "l1", 2));
    List<Discrepancy> found = new ArrayList<>();

    differ().build().diffStock(StockRows.unsorted(source.iterator()), StockRows.unsorted(shown.iterator()), found::add);

    assertThat(found).extracting(Discrepancy::dedupeKey).containsExactlyInAnyOrder(
        "MISSING_IN_STOREFRONT|AaAa@l1", "MISSING_IN_PLANNER|BBBB@l1");
  }

  @Test
  void shouldRefuse_whenTheHashJoinedStorefrontSideHasTwoRowsForOneKey() {
    List<ShownStock> shown = List.of(shown("BB", "l1", 2), shown("Aa", "l1", 1), shown("BB", "l1", 2));

    assertThatThrownBy(() -> differ().build().diffStock(StockRows.unsorted(List.<SourceStock>of().iterator()),
        StockRows.unsorted(shown.iterator()), d -> { }))
        .isInstanceOf(dev.stockbridge.InvalidValueException.class)
        .hasMessageContaining("BB@l1");
  }

  @Test
  void shouldRefuse_whenASideDeclaredSortedIsNot() {
    Differ differ = differ().build();

    assertThatThrownBy(() -> diff(differ, List.of(source("B", "l1", 1), source("A", "l1", 1)), List.of()))
        .isInstanceOf(UnsortedInputException.class)
        .hasMessageContaining("A@l1 came after B@l1");
    assertThatThrownBy(() -> diff(differ, List.of(), List.of(shown("A", "l1", 1), shown("A", "l1", 1))))
        .isInstanceOf(UnsortedInputException.class)
        .hasMessageContaining("storefront");
    assertThatThrownBy(() -> diff(differ, List.of(source("A", "l1", 1), source("B", "l1", 1)),
        List.of(shown("A", "l1", 1), shown("A", "l1", 1))))
        .isInstanceOf(UnsortedInputException.class)
        .hasMessageContaining("storefront rows are not sorted by key: A@l1 came after A@l1");
  }

  @Test
  void shouldReportProgress_everyConfiguredNumberOfKeys() {
    List<Long> heard = new ArrayList<>();
    Differ differ = differ().progress((keys, found) -> heard.add(keys), 2).build();

    diff(differ, List.of(source("A", "l1", 1), source("B", "l1", 1), source("C", "l1", 1), source("D", "l1", 1),
        source("E", "l1", 1)), List.of());

    assertThat(heard).containsExactly(2L, 4L);
  }
}
