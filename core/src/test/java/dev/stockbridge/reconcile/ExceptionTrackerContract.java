package dev.stockbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.simulation.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ExceptionTracker} passes. Extend it and implement {@link #open}; a
 * durable tracker also overrides {@link #reopen}, so the steps here continue on what survived.
 */
abstract class ExceptionTrackerContract {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
  ExceptionTracker tracker;

  /**
   * Opens an empty tracker.
   *
   * @param clock the clock it dates with
   * @return the tracker under test
   */
  abstract ExceptionTracker open(Clock clock);

  /**
   * Opens the tracker again over the same storage, as after a restart; the default keeps it.
   *
   * @param tracker the tracker to reopen
   * @return the reopened tracker
   */
  ExceptionTracker reopen(ExceptionTracker tracker) {
    return tracker;
  }

  @BeforeEach
  void openTracker() {
    tracker = open(clock);
  }

  private void restart() {
    tracker = reopen(tracker);
  }

  private static Discrepancy unmapped(String sku) {
    return Discrepancy.catalogue(DiscrepancyKind.UNMAPPED, sku, Cause.UNMAPPED_SKU, Owner.ECOMMERCE, "no mapping");
  }

  @Test
  void shouldOpenOnceAndTrackFirstAndLastSeen_whenTheSameDiscrepancyRepeats() {
    assertThat(tracker.record(unmapped("A"))).isEqualTo(ExceptionTracker.Sighting.NEW);
    restart();
    clock.advance(Duration.ofHours(1));
    assertThat(tracker.record(unmapped("A"))).isEqualTo(ExceptionTracker.Sighting.REPEATED);
    restart();

    TrackedException t = tracker.find("UNMAPPED|A").orElseThrow();
    assertThat(t.status()).isEqualTo(ExceptionStatus.OPEN);
    assertThat(t.occurrences()).isEqualTo(2);
    assertThat(t.firstSeen()).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
    assertThat(t.lastSeen()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(t.owner()).isEqualTo(Owner.ECOMMERCE);
    assertThat(tracker.list(EnumSet.allOf(ExceptionStatus.class))).hasSize(1);
  }

  @Test
  void shouldKeepEveryHeldBackMovement_whenOneProblemHoldsBackSeveralBatches() {
    StockKey ghost = StockKey.of("GHOST", "l1");
    Movement first = Movement.of(MovementKind.ORDER, ghost.sku(), ghost.location(), -1, "order 1", "order/1/1");
    Movement second = Movement.of(MovementKind.ORDER, ghost.sku(), ghost.location(), -2, "order 2", "order/2/1");
    tracker.raise(new StockException("ENTRY_NOT_FOUND", ghost, List.of(first), "no entry", clock.instant()));
    restart();
    tracker.raise(new StockException("ENTRY_NOT_FOUND", ghost, List.of(first, second), "no entry", clock.instant()));
    restart();

    assertThat(tracker.list(EnumSet.allOf(ExceptionStatus.class)))
        .singleElement()
        .satisfies(t -> assertThat(t.movements()).containsExactly(first, second));
  }

  @Test
  void shouldMoveOpenToAcknowledgedToResolved_andRefuseToCloseTwice() {
    tracker.record(unmapped("A"));

    assertThat(tracker.acknowledge("UNMAPPED|A", "sam").status()).isEqualTo(ExceptionStatus.ACKNOWLEDGED);
    restart();
    assertThat(tracker.record(unmapped("A"))).isEqualTo(ExceptionTracker.Sighting.REPEATED);
    assertThat(tracker.find("UNMAPPED|A").orElseThrow().status()).isEqualTo(ExceptionStatus.ACKNOWLEDGED);
    TrackedException resolved = tracker.resolve("UNMAPPED|A", "sam");
    assertThat(resolved.status()).isEqualTo(ExceptionStatus.RESOLVED);
    assertThat(resolved.actor()).contains("sam");
    restart();
    assertThat(tracker.find("UNMAPPED|A").orElseThrow().actor()).contains("sam");
    assertThatThrownBy(() -> tracker.resolve("UNMAPPED|A", "sam"))
        .isInstanceOf(ExceptionLifecycleException.class).hasMessageContaining("already RESOLVED");
    assertThatThrownBy(() -> tracker.acknowledge("nope", "sam"))
        .isInstanceOf(ExceptionLifecycleException.class).hasMessageContaining("unknown");
  }

  @Test
  void shouldReopen_whenAClosedDiscrepancyIsSeenAgain() {
    tracker.record(unmapped("A"));
    tracker.resolve("UNMAPPED|A", "sam");
    restart();

    assertThat(tracker.record(unmapped("A"))).isEqualTo(ExceptionTracker.Sighting.REOPENED);
    restart();
    assertThat(tracker.find("UNMAPPED|A").orElseThrow().status()).isEqualTo(ExceptionStatus.OPEN);
  }

  @Test
  void shouldAutoResolveOnlyUnseenReconciliationExceptions_notEngineFailures() {
    tracker.record(unmapped("A"));
    tracker.record(unmapped("B"));
    tracker.raise(new StockException("ENTRY_NOT_FOUND", StockKey.of("C", "l1"), List.of(), "no entry", clock.instant()));

    restart();
    List<TrackedException> closed = tracker.autoResolve(Set.of("UNMAPPED|B"));
    restart();

    assertThat(closed).extracting(TrackedException::id).containsExactly("UNMAPPED|A");
    assertThat(tracker.find("UNMAPPED|A").orElseThrow().status()).isEqualTo(ExceptionStatus.AUTO_RESOLVED);
    assertThat(tracker.list(EnumSet.of(ExceptionStatus.OPEN))).extracting(TrackedException::id)
        .containsExactly("ENTRY_NOT_FOUND|C@l1", "UNMAPPED|B");
  }

  @Test
  void shouldDeduplicateEngineFailures_whenTheEngineRaisesTheSameProblemTwice() {
    StockException failure =
        new StockException("ENTRY_NOT_FOUND", StockKey.of("C", "l1"), List.of(), "no entry", clock.instant());

    tracker.raise(failure);
    restart();
    tracker.raise(failure);
    restart();

    TrackedException t = tracker.find("ENTRY_NOT_FOUND|C@l1").orElseThrow();
    assertThat(t.occurrences()).isEqualTo(2);
    assertThat(t.owner()).isEqualTo(Owner.ECOMMERCE);
    assertThat(t.fromReconciliation()).isFalse();
  }
}
