package dev.stockbridge.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.InventoryState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Compaction never changes what a journal means; it only forgets keys past the retention. */
class FileJournalCompactionProperties {

  private static final Location DC = Location.of("dc");
  private static final Duration RETENTION = Duration.ofDays(1);

  /** One step of a random history. */
  record Op(int kind, int key, int amount) {}

  @Provide
  Arbitrary<List<Op>> histories() {
    Arbitrary<Op> op = Arbitraries.integers().between(0, 9).flatMap(kind -> Arbitraries.integers().between(0, 3)
        .flatMap(key -> Arbitraries.integers().between(1, 30).map(amount -> new Op(kind, key, amount))));
    return op.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 60)
  void replayAfterCompaction_meansWhatReplayWithoutItMeans(@ForAll("histories") List<Op> history) throws IOException {
    Path compactedDir = Files.createTempDirectory("compacted-");
    Path plainDir = Files.createTempDirectory("plain-");
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Map<Integer, Long> last = new HashMap<>();
    Map<String, Instant> acceptedAt = new HashMap<>();
    try {
      FileJournal compacted = FileJournal.builder(compactedDir).clock(clock).retention(RETENTION).forcer(c -> {}).open();
      compacted.compact(); // past the first log, which has no time stamps
      FileJournal plain = FileJournal.builder(plainDir).clock(clock).retainForever().compactAfterBytes(Long.MAX_VALUE)
          .forcer(c -> {}).open();
      int n = 0;
      for (Op op : history) {
        StockKey key = new StockKey(Sku.of("SKU-" + op.key()), DC);
        switch (op.kind()) {
          case 0, 1, 2, 3 -> {
            long sequence = last.merge(op.key(), 1L, Long::sum);
            boolean inspection = op.kind() == 3;
            String id = "m" + (++n);
            Movement m = new Movement(inspection ? MovementKind.RECEIPT : MovementKind.ORDER, key.sku(), DC,
                inspection ? InventoryState.INSPECTION : InventoryState.AVAILABLE, inspection ? op.amount() : -op.amount(),
                "cause " + id, id, sequence);
            compacted.append(List.of(m));
            plain.append(List.of(m));
            acceptedAt.put(id + "#" + sequence + "@" + key, clock.instant());
          }
          case 4, 5 -> {
            long upTo = Math.max(0, last.getOrDefault(op.key(), 0L) - op.amount() % 3);
            compacted.applied(key, upTo);
            plain.applied(key, upTo);
          }
          case 6, 7 -> clock.advance(Duration.ofHours(op.amount()));
          case 8 -> compacted.compact();
          default -> {
            compacted.close();
            compacted = FileJournal.builder(compactedDir).clock(clock).retention(RETENTION).forcer(c -> {}).open();
          }
        }
      }
      compacted.compact();
      JournalState withCompaction = JournalState.of(compacted);
      JournalState without = JournalState.of(plain);
      compacted.close();
      plain.close();

      assertThat(withCompaction.meaning()).isEqualTo(without.meaning());
      assertThat(withCompaction.duplicates()).isEmpty();
      assertThat(without.held()).containsAll(withCompaction.held());
      Set<String> mustHold = new TreeSet<>();
      Instant cutoff = clock.instant().minus(RETENTION);
      acceptedAt.forEach((movement, at) -> {
        String id = movement.substring(0, movement.indexOf('#'));
        if (!at.isBefore(cutoff) || without.unapplied().contains(movement.substring(0, movement.indexOf('@')))) {
          mustHold.add(id);
        }
      });
      assertThat(withCompaction.held()).as("every key within the retention or unapplied").containsAll(mustHold);
    } finally {
      delete(compactedDir);
      delete(plainDir);
    }
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
