package dev.stockbridge.reconcile;

import static dev.stockbridge.reconcile.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Position;
import dev.stockbridge.StockKey;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.InventoryState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the storefront side: holdbacks and open reservations explain gaps; only stuck reservations are findings. */
class EntryChecksProperties {

  /**
   * For any split of sellable stock into shown and held back, and any open reservations whose
   * units available lacks, the only finding is RESERVATION_STUCK, exactly when some reservation is
   * open past the grace, with the stuck units as its residual.
   */
  @Property(tries = 300)
  void onlyStuckReservationsAreFindings(
      @ForAll @IntRange(min = 0, max = 500) int sellable,
      @ForAll @IntRange(min = 0, max = 500) int held,
      @ForAll @IntRange(min = 0, max = 6) int reservations,
      @ForAll long seed) {
    int holdback = Math.min(held, sellable);
    long shown = sellable - holdback;
    Random random = new Random(seed);
    List<Reservation> open = new ArrayList<>();
    long stuck = 0;
    long reserved = 0;
    for (int i = 0; i < reservations; i++) {
      long quantity = 1 + random.nextInt(5);
      long minutes = random.nextInt(120) - 60; // from an hour past the deadline to an hour ahead
      open.add(new Reservation(quantity, NOW.plus(Duration.ofMinutes(minutes))));
      reserved += quantity;
      if (minutes < -10) {
        stuck += quantity;
      }
    }
    StockKey key = StockKey.of("A", "l1");
    ShownStock row = new ShownStock(key, shown, shown - reserved, holdback, OptionalInt.empty(), Reservations.of(open), NOW, LastWriter.STOCKBRIDGE);
    SourceStock source = SourceStock.of(new Position(key, Map.of(InventoryState.AVAILABLE, (long) sellable)), NOW);

    List<Discrepancy> found = Fixtures.diff(Differ.builder().clock(new MutableClock(NOW)).build(), List.of(source), List.of(row));

    if (stuck == 0) {
      assertThat(found).isEmpty();
    } else {
      assertThat(found).singleElement().satisfies(d -> {
        assertThat(d.kind()).isEqualTo(DiscrepancyKind.RESERVATION_STUCK);
        assertThat(d.residual()).isEqualTo(-stuckUnits(open));
      });
    }
  }

  private static long stuckUnits(List<Reservation> open) {
    return open.stream().filter(r -> r.expiresAt().isBefore(NOW.minus(Duration.ofMinutes(10)))).mapToLong(Reservation::quantity).sum();
  }
}
