package dev.stockbridge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.InventoryState;
import dev.stockbridge.Movement;
import dev.stockbridge.inspection.InspectionCounts;
import dev.stockbridge.simulation.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;

/** Compaction never changes what a replay gives the engine, whatever came before it. */
class PostgresJournalCompactionProperties {

  private static final List<InventoryState> STATES = List.of(InventoryState.AVAILABLE, InventoryState.INSPECTION);

  /** One step of a journal's life. */
  record Step(int kind, int key, int amount) {}

  @Provide
  Arbitrary<List<Step>> lives() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(1, 6)).as(Step::new);
    return step.list().ofMinSize(5).ofMaxSize(40);
  }

  @Property(tries = 8)
  void replayAfterCompaction_givesTheEngineTheSameState(@ForAll("lives") List<Step> life) {
    // jqwik ignores JUnit's default timeout: this keeps a hang from blocking the build.
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(life));
  }

  private static void run(List<Step> life) {
    MutableClock clock = new MutableClock(PostgresJournalCompactionTest.T0);
    try (PostgresStore store = PostgresStore.open(TestDatabase.fresh())) {
      PostgresJournal journal = store.journal(PostgresJournalCompactionTest.options(clock));
      long[] next = new long[4];
      List<Step> steps = new ArrayList<>(life);
      steps.add(new Step(3, 0, 0)); // always end with a compaction
      for (Step step : steps) {
        String sku = "K" + step.key();
        switch (step.kind()) {
          case 0 -> {
            List<Movement> batch = new ArrayList<>();
            for (int i = 0; i < step.amount(); i++) {
              batch.add(PostgresJournalCompactionTest.movement(sku, ++next[step.key()],
                  STATES.get((int) (next[step.key()] % 2)), step.amount()));
            }
            journal.append(batch);
          }
          case 1 -> journal.applied(PostgresJournalCompactionTest.key(sku), next[step.key()] * step.amount() / 6);
          case 2 -> clock.advance(Duration.ofHours(step.amount() * 5L));
          default -> {
            JournalState before = JournalState.of(journal, clock.instant().minus(PostgresJournalCompactionTest.RETENTION));
            var inspection = InspectionCounts.of(journal).all();
            journal.compact();
            assertThat(JournalState.of(journal, clock.instant().minus(PostgresJournalCompactionTest.RETENTION)))
                .isEqualTo(before);
            assertThat(InspectionCounts.of(journal).all()).isEqualTo(inspection);
            assertThat(before.duplicates()).isEmpty();
          }
        }
      }
    }
  }
}
