package dev.stockbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.reconcile.Differ;
import dev.stockbridge.reconcile.ExceptionStatus;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.reconcile.Reconciler;
import dev.stockbridge.reconcile.RunResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that the tracker benchmark's run finds 10,000 discrepancies that repeat from run to run. */
class ReconcileTrackerWorkloadTest {

  @TempDir Path directory;

  @Test
  void shouldFindTenThousandDiscrepanciesThatRepeat_whenRunTwiceOnTheFileTracker() {
    Clock clock = Clock.fixed(ReconcileTrackerWorkload.AS_OF, ZoneOffset.UTC);
    ReconcileTrackerWorkload workload = ReconcileTrackerWorkload.generate(ReconcileTrackerBenchmark.DISCREPANCIES);
    ExceptionTracker tracker = ExceptionTracker.file(directory.resolve("exceptions.json"), clock);
    Reconciler reconciler = Reconciler.builder().differ(Differ.builder().clock(clock).build()).tracker(tracker)
        .alerts(alert -> {}).clock(clock).build();

    RunResult first = reconciler.run(workload.input());
    RunResult second = reconciler.run(workload.input());

    assertThat(first.discrepancies()).hasSize(10_000);
    assertThat(first.alerted()).isEqualTo(10_000);
    assertThat(second.discrepancies()).hasSize(10_000);
    assertThat(second.alerted()).as("repeated, not new").isZero();
    assertThat(ExceptionTracker.file(directory.resolve("exceptions.json"), clock).list(EnumSet.of(ExceptionStatus.OPEN)))
        .hasSize(10_000).allSatisfy(t -> assertThat(t.occurrences()).isEqualTo(2));
  }
}
