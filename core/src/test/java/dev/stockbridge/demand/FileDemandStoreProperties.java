package dev.stockbridge.demand;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The file store answers as the in-memory one does, whatever happens to its index between puts:
 * reopened, reopened after a crash that lost its uncommitted updates, deleted.
 */
class FileDemandStoreProperties {

  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

  sealed interface Step permits Put, Reopen, Crash, DeleteIndex {}

  record Put(List<DemandLine> rows) implements Step {}

  record Reopen() implements Step {}

  record Crash() implements Step {}

  record DeleteIndex() implements Step {}

  @Property(tries = 60)
  void fileStore_answersAsTheInMemoryStore_acrossReopensCrashesAndIndexDeletions(
      @ForAll("steps") List<Step> steps,
      @ForAll("instants") List<Instant> sinces,
      @ForAll("sortLimits") int sortLimit) throws IOException {
    Path dir = Files.createTempDirectory("demand-property");
    Path file = dir.resolve("demand.log");
    InMemoryDemandStore expected = new InMemoryDemandStore();
    FileDemandStore store = FileDemandStore.open(file, 1, sortLimit);
    try {
      for (Step step : steps) {
        if (step instanceof Put put) {
          store.put(put.rows());
          expected.put(put.rows());
        } else if (step instanceof Reopen) {
          store.close();
          store = FileDemandStore.open(file, 1, sortLimit);
        } else if (step instanceof Crash) {
          store.crash();
          store = FileDemandStore.open(file, 1, sortLimit);
        } else {
          store.close();
          Files.delete(FileDemandStore.indexPath(file));
          store = FileDemandStore.open(file, 1, sortLimit);
        }
        assertSame(store, expected, sinces);
      }
    } finally {
      store.close();
      delete(dir);
    }
  }

  private static void assertSame(FileDemandStore store, InMemoryDemandStore expected, List<Instant> sinces) {
    List<DemandLine> all = new ArrayList<>();
    store.forEach(all::add);
    List<DemandLine> wanted = new ArrayList<>();
    expected.forEach(wanted::add);
    assertThat(all).isEqualTo(wanted);
    assertThat(store.size()).isEqualTo(wanted.size());
    for (Instant since : sinces) {
      List<DemandLine> got = new ArrayList<>();
      store.forEachUpdatedSince(since, got::add);
      List<DemandLine> want = new ArrayList<>();
      expected.forEachUpdatedSince(since, want::add);
      assertThat(got).as("updated since %s", since).isEqualTo(want);
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<DemandLine> rows = Combinators.combine(
            Arbitraries.integers().between(0, 15), // a small id pool: re-puts are common
            Arbitraries.integers().between(0, 40),
            Arbitraries.integers().between(0, 40),
            Arbitraries.integers().between(1, 3))
        .as((id, created, updated, quantity) -> row("r" + id, created, updated, quantity));
    Arbitrary<Step> put = rows.list().ofMinSize(0).ofMaxSize(6).map(Put::new);
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, put),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Reopen())),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Crash())),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new DeleteIndex())));
    return step.list().ofMinSize(1).ofMaxSize(25);
  }

  @Provide
  Arbitrary<List<Instant>> instants() {
    return Arbitraries.integers().between(-1, 42).map(m -> T0.plusSeconds(30L * m)).list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<Integer> sortLimits() {
    return Arbitraries.of(1, 3, DemandIndex.SORT_LIMIT);
  }

  private static DemandLine row(String id, int createdMinute, int updatedMinute, int quantity) {
    return new DemandLine(id, DemandKind.SALE, "o-" + id, Optional.empty(), "l", Sku.of("S"), quantity,
        BigDecimal.ONE, BigDecimal.ZERO, "EUR", List.of(), Location.of("dc"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), T0.plusSeconds(60L * createdMinute),
        T0.plusSeconds(60L * updatedMinute), Map.of());
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
