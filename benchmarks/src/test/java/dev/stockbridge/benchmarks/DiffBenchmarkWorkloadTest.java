package dev.stockbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.reconcile.Differ;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.StockRows;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that the differ's two joins and the baseline find the same discrepancies, about 1 %. */
class DiffBenchmarkWorkloadTest {

  @Test
  void shouldFindTheSameDiscrepanciesInAllThree_whenOnePercentDiffer() {
    DiffWorkload workload = DiffWorkload.generate(40_000, 42);
    Differ differ = Differ.builder().clock(Clock.fixed(DiffWorkload.AS_OF, ZoneOffset.UTC)).build();
    List<Discrepancy> merged = new ArrayList<>();
    List<Discrepancy> hashed = new ArrayList<>();

    differ.diffStock(StockRows.sorted(Arrays.asList(workload.sortedSource).iterator()),
        StockRows.sorted(Arrays.asList(workload.sortedShown).iterator()), merged::add);
    differ.diffStock(StockRows.unsorted(Arrays.asList(workload.shuffledSource).iterator()),
        StockRows.unsorted(Arrays.asList(workload.shuffledShown).iterator()), hashed::add);
    List<Discrepancy> naive = NaiveDiff.diff(workload.shuffledSource, workload.shuffledShown);

    assertThat(merged).hasSize(workload.discrepancies);
    assertThat(workload.discrepancies).isBetween(320, 480);
    assertThat(hashed).containsExactlyInAnyOrderElementsOf(merged);
    assertThat(naive).containsExactlyInAnyOrderElementsOf(merged);
  }
}
