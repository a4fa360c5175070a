package dev.stockbridge.reconcile;

import static dev.stockbridge.reconcile.Fixtures.NOW;
import static dev.stockbridge.reconcile.Fixtures.shown;
import static dev.stockbridge.reconcile.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.engine.PeakWindow;
import dev.stockbridge.simulation.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

  private final MutableClock clock = new MutableClock(NOW); // a Friday, 09:00 UTC
  private final ExceptionTracker tracker = ExceptionTracker.inMemory(clock);
  private final List<Alert> alerts = new ArrayList<>();
  private final List<Movement> submitted = new ArrayList<>();

  private Reconciler.Builder reconciler() {
    return Reconciler.builder()
        .differ(Differ.builder().clock(clock).build())
        .tracker(tracker)
        .alerts(alerts::add)
        .reportLink(runId -> URI.create("https://reports.example/" + runId + ".html"))
        .clock(clock);
  }

  private static RunInput input(List<SourceStock> source, List<ShownStock> shown) {
    return new RunInput(Optional.empty(), StockRows.sorted(source.iterator()), StockRows.sorted(shown.iterator()));
  }

  @Test
  void shouldAlertOnceAndNotAgain_whenADiscrepancyPersistsAcrossRuns() {
    Reconciler r = reconciler().build();

    RunResult first = r.run(input(List.of(source("A", "l1", 5)), List.of(shown("A", "l1", 9))));
    clock.advance(Duration.ofHours(1));
    RunResult second = r.run(input(List.of(source("A", "l1", 5)), List.of(shown("A", "l1", 9))));

    assertThat(first.alerted()).isEqualTo(1);
    assertThat(second.alerted()).isZero();
    assertThat(alerts).hasSize(1);
    TrackedException t = tracker.find("QUANTITY_MISMATCH|A@l1").orElseThrow();
    assertThat(t.status()).isEqualTo(ExceptionStatus.OPEN);
    assertThat(t.occurrences()).isEqualTo(2);
    assertThat(t.lastSeen()).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void shouldAutoResolve_whenALaterRunNoLongerSeesTheDiscrepancy() {
    Reconciler r = reconciler().build();
    r.run(input(List.of(source("A", "l1", 5), source("B", "l1", 1)), List.of(shown("A", "l1", 9), shown("B", "l1", 3))));
    tracker.acknowledge("QUANTITY_MISMATCH|B@l1", "sam");

    RunResult later = r.run(input(List.of(source("A", "l1", 5), source("B", "l1", 1)),
        List.of(shown("A", "l1", 5), shown("B", "l1", 3))));

    assertThat(later.autoResolved()).extracting(TrackedException::id).containsExactly("QUANTITY_MISMATCH|A@l1");
    assertThat(tracker.find("QUANTITY_MISMATCH|A@l1").orElseThrow().status()).isEqualTo(ExceptionStatus.AUTO_RESOLVED);
    assertThat(tracker.find("QUANTITY_MISMATCH|B@l1").orElseThrow().status()).isEqualTo(ExceptionStatus.ACKNOWLEDGED);
  }

  @Test
  void shouldGroupAThousandMismatchesIntoOneAlertPointingAtTheReport() {
    List<SourceStock> source = IntStream.range(0, 1000).mapToObj(i -> source(String.format("S%04d", i), "l1", 5)).toList();
    List<ShownStock> shown = IntStream.range(0, 1000).mapToObj(i -> shown(String.format("S%04d", i), "l1", 6 + i % 7)).toList();

    RunResult result = reconciler().build().run(input(source, shown));

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.total()).isEqualTo(1000);
      assertThat(a.samples()).hasSize(Alert.SAMPLES);
      assertThat(a.samples().get(0).drift()).isEqualTo(7);
      assertThat(a.report()).contains(URI.create("https://reports.example/" + result.runId() + ".html"));
      assertThat(a.byKind()).containsEntry(DiscrepancyKind.QUANTITY_MISMATCH, 1000L);
    });
  }

  @Test
  void shouldCorrectOnlyWithinToleranceAndOnlyForTrustedCauses() {
    Reconciler r = reconciler()
        .corrections(new CorrectionPolicy(3, Set.of(Cause.MISSED_EVENT)), submitted::addAll)
        .build();

    RunResult result = r.run(input(
        List.of(source("A", "l1", 5), source("B", "l1", 5), source("C", "l1", 5)),
        List.of(shown("A", "l1", 7), shown("B", "l1", 15), shown("C", "l1", 7, LastWriter.OTHER))));

    assertThat(submitted).singleElement().satisfies(m -> {
      assertThat(m.kind()).isEqualTo(MovementKind.CORRECTION);
      assertThat(m.key().toString()).isEqualTo("A@l1");
      assertThat(m.quantity()).isEqualTo(-2);
      assertThat(m.idempotencyKey()).isEqualTo("correction/" + result.runId() + "/A@l1");
    });
    assertThat(tracker.list(EnumSet.of(ExceptionStatus.OPEN))).extracting(TrackedException::id)
        .containsExactly("QUANTITY_MISMATCH|B@l1", "QUANTITY_MISMATCH|C@l1");
  }

  @Test
  void shouldNotCorrectButRaise_whenTheRunFallsInAPeakWindow() {
    Reconciler r = reconciler()
        .corrections(new CorrectionPolicy(3, Set.of(Cause.MISSED_EVENT)), submitted::addAll)
        .peakWindows(List.of(PeakWindow.parse("Fri 08:00-10:00 UTC")))
        .build();

    r.run(input(List.of(source("A", "l1", 5)), List.of(shown("A", "l1", 7))));

    assertThat(submitted).isEmpty();
    assertThat(tracker.find("QUANTITY_MISMATCH|A@l1")).isPresent();
  }

  @Test
  void shouldHandCorrectionsToPeople_whenTheEngineRefusesThem() {
    Reconciler r = reconciler()
        .corrections(new CorrectionPolicy(3, Set.of(Cause.MISSED_EVENT)), movements -> {
          throw new StockbridgeException("queue full");
        })
        .build();

    RunResult result = r.run(input(List.of(source("A", "l1", 5)), List.of(shown("A", "l1", 7))));

    assertThat(result.corrections()).isEmpty();
    assertThat(tracker.find("QUANTITY_MISMATCH|A@l1")).isPresent();
    assertThat(alerts).hasSize(1);
  }

  @Test
  void shouldFinishTheRun_whenTheAlertSinkFails() {
    Reconciler r = reconciler().alerts(alert -> {
      throw new IllegalStateException("chat is down");
    }).build();

    RunResult result = r.run(input(List.of(source("A", "l1", 5)), List.of(shown("A", "l1", 7))));

    assertThat(result.alerted()).isEqualTo(1);
  }
}
