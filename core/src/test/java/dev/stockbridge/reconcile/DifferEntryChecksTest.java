package dev.stockbridge.reconcile;

import static dev.stockbridge.reconcile.Fixtures.NOW;
import static dev.stockbridge.reconcile.Fixtures.diff;
import static dev.stockbridge.reconcile.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.simulation.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Holdbacks, reservations and stray backorder switches on the storefront side of the differ. */
class DifferEntryChecksTest {

  private final MutableClock clock = new MutableClock(NOW);

  private Differ.Builder differ() {
    return Differ.builder().clock(clock);
  }

  private static ShownStock entry(String sku, long onStock, long available, long held, Reservations reservations) {
    return new ShownStock(StockKey.of(sku, "l1"), onStock, available, held, OptionalInt.empty(), reservations, NOW, LastWriter.STOCKBRIDGE);
  }

  private static Reservations open(long... quantitiesThenMinutesFromNow) {
    List<Reservation> list = new ArrayList<>();
    for (int i = 0; i < quantitiesThenMinutesFromNow.length; i += 2) {
      list.add(new Reservation(quantitiesThenMinutesFromNow[i], NOW.plus(Duration.ofMinutes(quantitiesThenMinutesFromNow[i + 1]))));
    }
    return Reservations.of(list);
  }

  @Test
  void shouldCountHeldBackUnitsAsSellable_whenTheEntryHoldsSomeBack() {
    // 10 sellable, 3 held back (minimum stock): the entry shows 7, which is right.
    List<Discrepancy> found = diff(differ().build(), List.of(source("A", "l1", 10)), List.of(entry("A", 7, 7, 3, Reservations.unknown())));

    assertThat(found).isEmpty();
  }

  @Test
  void shouldTallyWhatIsHeldBack_listingLatencyBuffersFirstThenTheLargest_withinItsBound() {
    List<SourceStock> source = new ArrayList<>();
    List<ShownStock> shown = new ArrayList<>();
    int entries = Holdings.LISTED + 50;
    for (int i = 0; i < entries; i++) {
      String sku = String.format("S%04d", i);
      long held = i % 7 + 1;
      String why = i == 120 ? "latency 1 (30 order units in 60 s × 900 ms of lag and p99), safety " + (held - 1) : "safety " + held;
      source.add(source(sku, "l1", 20));
      shown.add(new ShownStock(StockKey.of(sku, "l1"), 20 - held, 20 - held, held, OptionalInt.empty(), Reservations.unknown(), NOW,
          LastWriter.STOCKBRIDGE, why));
    }
    source.add(source("Z-NONE", "l1", 5));
    shown.add(entry("Z-NONE", 5, 5, 0, Reservations.unknown()));

    DiffStats stats = differ().build().diffStock(StockRows.sorted(source.iterator()), StockRows.sorted(shown.iterator()), d -> { });

    Holdings holdings = stats.holdings();
    assertThat(holdings.entries()).isEqualTo(entries);
    assertThat(holdings.units()).isEqualTo(shown.stream().mapToLong(ShownStock::heldBack).sum());
    assertThat(holdings.latencyBuffers()).isEqualTo(1);
    assertThat(holdings.listed()).hasSize(Holdings.LISTED);
    assertThat(holdings.listed().get(0).key()).as("the latency buffer first, though it holds little").isEqualTo(StockKey.of("S0120", "l1"));
    assertThat(holdings.listed().subList(1, Holdings.LISTED)).extracting(Holdings.Held::held).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(holdings.listed().get(Holdings.LISTED - 1).held()).as("only the largest make the list").isGreaterThan(1);
  }

  @Test
  void shouldReportTheResidualBeyondTheHoldback_whenTheEntryShowsTooLittle() {
    List<Discrepancy> found = diff(differ().build(), List.of(source("A", "l1", 10)), List.of(entry("A", 5, 5, 3, Reservations.unknown())));

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.QUANTITY_MISMATCH);
      assertThat(d.shown()).isEqualTo(OptionalLong.of(8));
      assertThat(d.residual()).isEqualTo(-2);
      assertThat(d.detail()).contains("shows 5 (+3 held back)");
    });
  }

  @Test
  void shouldExplainTheAvailableGap_whenOpenReservationsAreInsideTheirDeadline() {
    // on stock 10, available 6: 4 units in two carts, both valid for a few more minutes
    List<Discrepancy> found = diff(differ().build(), List.of(source("A", "l1", 10)), List.of(entry("A", 10, 6, 0, open(3, 5, 1, 20))));

    assertThat(found).isEmpty();
  }

  @Test
  void shouldExplainTheAvailableGap_whenReservationsAreNotRead() {
    List<Discrepancy> found = diff(differ().build(), List.of(source("A", "l1", 10)), List.of(entry("A", 10, 6, 0, Reservations.unknown())));

    assertThat(found).isEmpty();
  }

  @Test
  void shouldToleratePlatformLateExpiry_whenAReservationIsJustPastItsDeadline() {
    List<Discrepancy> found = diff(differ().build(), List.of(source("A", "l1", 10)), List.of(entry("A", 10, 8, 0, open(2, -9))));

    assertThat(found).isEmpty();
  }

  @Test
  void shouldReportStuckReservations_whenOpenWellPastTheirDeadline() {
    // 2 units reserved an hour past the deadline, 3 still valid: the stuck 2 are a finding
    List<Discrepancy> found = diff(differ().build(), List.of(source("A", "l1", 10)), List.of(entry("A", 10, 5, 0, open(2, -60, 3, 5))));

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.RESERVATION_STUCK);
      assertThat(d.owner()).isEqualTo(Owner.ECOMMERCE);
      assertThat(d.cause()).isEqualTo(Cause.RESERVATION_NOT_RELEASED);
      assertThat(d.residual()).isEqualTo(-2);
      assertThat(d.expected()).isEqualTo(OptionalLong.of(10));
      assertThat(d.shown()).isEqualTo(OptionalLong.of(5));
      assertThat(d.detail()).contains("2 of A@l1").contains(NOW.minus(Duration.ofHours(1)).toString());
    });
  }

  @Test
  void shouldReportStuckReservations_whenTheGraceIsShorter() {
    List<Discrepancy> found = diff(differ().reservationGrace(Duration.ofMinutes(5)).build(),
        List.of(source("A", "l1", 10)), List.of(entry("A", 10, 8, 0, open(2, -9))));

    assertThat(found).extracting(Discrepancy::kind).containsExactly(DiscrepancyKind.RESERVATION_STUCK);
  }

  @Test
  void shouldReportAvailableMismatch_whenTheGapExceedsTheOpenReservations() {
    // available 4 of 10, but open reservations hold only 2: 4 units missing from sale
    List<Discrepancy> found = diff(differ().build(), List.of(source("A", "l1", 10)), List.of(entry("A", 10, 4, 0, open(2, 5))));

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.AVAILABLE_MISMATCH);
      assertThat(d.expected()).isEqualTo(OptionalLong.of(8));
      assertThat(d.shown()).isEqualTo(OptionalLong.of(4));
      assertThat(d.residual()).isEqualTo(-4);
      assertThat(d.owner()).isEqualTo(Owner.ECOMMERCE);
    });
  }

  @Test
  void shouldReportAvailableMismatch_whenAvailableExceedsOnStock() {
    List<Discrepancy> found = diff(differ().build(), List.of(source("A", "l1", 10)), List.of(entry("A", 10, 12, 0, Reservations.unknown())));

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.AVAILABLE_MISMATCH);
      assertThat(d.residual()).isEqualTo(2);
    });
  }

  @Test
  void shouldCompareOnStockAndAvailableSeparately_whenBothAreWrong() {
    // on stock 12 where 10 are expected, and 3 stuck reserved units: two findings on one key
    DiffStats[] stats = new DiffStats[1];
    List<Discrepancy> found = new ArrayList<>();
    stats[0] = differ().build().diffStock(StockRows.sorted(List.of(source("A", "l1", 10)).iterator()),
        StockRows.sorted(List.of(entry("A", 12, 9, 0, open(3, -30))).iterator()), found::add);

    assertThat(found).extracting(Discrepancy::kind)
        .containsExactlyInAnyOrder(DiscrepancyKind.RESERVATION_STUCK, DiscrepancyKind.QUANTITY_MISMATCH);
    assertThat(stats[0].keysWithDiscrepancies()).isEqualTo(1);
    assertThat(stats[0].keysInAgreement()).isZero();
  }

  @Test
  void shouldReportTheBackorderSwitch_whenRestockableDaysAreSetWithoutThePolicy() {
    ShownStock stray = new ShownStock(StockKey.of("A", "l1"), 10, 10, 0, OptionalInt.of(0), Reservations.unknown(), NOW, LastWriter.OTHER);
    List<Discrepancy> found = diff(differ().build(), List.of(source("A", "l1", 10)), List.of(stray));

    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.BACKORDERS_WITHOUT_POLICY);
      assertThat(d.owner()).isEqualTo(Owner.ECOMMERCE);
      assertThat(d.cause()).isEqualTo(Cause.STRAY_BACKORDER_SWITCH);
      assertThat(d.action()).contains("setRestockableInDays");
      assertThat(d.detail()).contains("restockableInDays 0");
    });
  }

  @Test
  void shouldAcceptRestockableDays_whenThePolicyAllowsBackorders() {
    ShownStock allowed = new ShownStock(StockKey.of("A", "l1"), 10, 10, 0, OptionalInt.of(7), Reservations.unknown(), NOW, LastWriter.OTHER);
    StorefrontPolicy policy = StorefrontPolicy.builder().backorders(Location.of("l1")).build();

    assertThat(diff(differ().policy(policy).build(), List.of(source("A", "l1", 10)), List.of(allowed))).isEmpty();
  }

  @Test
  void shouldCountABundleOnce_whenItHasAStraySwitchAndDrifts() {
    BundleCatalogue kits = BundleCatalogue.builder().component(Sku.of("KIT"), Sku.of("A"), 1).build();
    ShownStock kit = new ShownStock(StockKey.of("KIT", "l1"), 9, 9, 0, OptionalInt.of(3), Reservations.unknown(), NOW, LastWriter.OTHER);
    List<Discrepancy> found = new ArrayList<>();
    DiffStats stats = differ().bundles(kits).build().diffStock(
        StockRows.sorted(List.of(source("A", "l1", 5)).iterator()),
        StockRows.sorted(List.of(entry("A", 5, 5, 0, Reservations.unknown()), kit).iterator()), found::add);

    assertThat(found).extracting(Discrepancy::kind)
        .containsExactly(DiscrepancyKind.BACKORDERS_WITHOUT_POLICY, DiscrepancyKind.BUNDLE_DRIFT);
    assertThat(stats.keysWithDiscrepancies()).isEqualTo(1);
    assertThat(stats.keysCompared()).isEqualTo(2);
  }
}
