package dev.stockbridge.reconcile;

import static dev.stockbridge.reconcile.Fixtures.shown;
import static dev.stockbridge.reconcile.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.InventoryState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileExceptionTrackerTest extends ExceptionTrackerContract {

  private static final InventoryState REFURBISHED = new InventoryState("REFURBISHED", false, true);

  @TempDir
  Path directory;

  private Path file() {
    return directory.resolve("exceptions.json");
  }

  @Override
  ExceptionTracker open(Clock clock) {
    return ExceptionTracker.file(file(), clock);
  }

  @Override
  ExceptionTracker reopen(ExceptionTracker tracker) {
    return ExceptionTracker.file(file(), clock);
  }

  private static Movement movement(String key, InventoryState state, long sequence) {
    return new Movement(MovementKind.RECEIPT, Sku.of("MUG"), Location.of("london"), state, 3, "po " + key, key, sequence);
  }

  @Test
  void shouldKeepEveryDetail_whenReopened() {
    Discrepancy mismatch = new Discrepancy(DiscrepancyKind.QUANTITY_MISMATCH, "MUG@london",
        Optional.of(StockKey.of("MUG", "london")), OptionalLong.of(5), OptionalLong.of(9), 4,
        List.of(movement("po/1/1", InventoryState.AVAILABLE, 0)), Cause.MISSED_EVENT, Owner.OPS, "shown 9, expected 5");
    tracker.record(mismatch);
    tracker.record(Discrepancy.catalogue(DiscrepancyKind.UNMAPPED, "CUP", Cause.UNMAPPED_SKU, Owner.ECOMMERCE, "no mapping"));
    clock.advance(Duration.ofMinutes(5));
    tracker.record(mismatch);
    tracker.raise(new StockException("ENTRY_NOT_FOUND", StockKey.of("MUG", "paris"),
        List.of(movement("po/2/1", REFURBISHED, 7)), "no entry", clock.instant()));
    tracker.acknowledge("UNMAPPED|CUP", "sam");
    List<TrackedException> before = tracker.list(EnumSet.allOf(ExceptionStatus.class));

    List<TrackedException> after = reopen(tracker).list(EnumSet.allOf(ExceptionStatus.class));

    assertThat(after).isEqualTo(before).hasSize(3);
    assertThat(after.get(0).movements()).singleElement().satisfies(m -> {
      assertThat(m.state()).isEqualTo(REFURBISHED);
      assertThat(m.sequence()).isEqualTo(7);
    });
    TrackedException reopenedMismatch = after.get(1);
    assertThat(reopenedMismatch.discrepancy()).contains(mismatch);
    assertThat(reopenedMismatch.firstSeen()).isBefore(reopenedMismatch.lastSeen());
    assertThat(after.get(2).status()).isEqualTo(ExceptionStatus.ACKNOWLEDGED);
  }

  @Test
  void shouldNotAlertAgainButAutoResolve_whenARunFollowsARestart() {
    List<Alert> alerts = new ArrayList<>();
    RunInput both = new RunInput(Optional.empty(),
        StockRows.sorted(List.of(source("A", "l1", 5), source("B", "l1", 1)).iterator()),
        StockRows.sorted(List.of(shown("A", "l1", 9), shown("B", "l1", 3)).iterator()));
    RunInput onlyA = new RunInput(Optional.empty(),
        StockRows.sorted(List.of(source("A", "l1", 5), source("B", "l1", 3)).iterator()),
        StockRows.sorted(List.of(shown("A", "l1", 9), shown("B", "l1", 3)).iterator()));

    RunResult first = reconciler(tracker, alerts).run(both);
    clock.advance(Duration.ofHours(1));
    RunResult second = reconciler(reopen(tracker), alerts).run(onlyA);

    assertThat(first.alerted()).isEqualTo(2);
    assertThat(second.alerted()).isZero();
    assertThat(alerts).hasSize(1);
    assertThat(second.autoResolved()).extracting(TrackedException::id).containsExactly("QUANTITY_MISMATCH|B@l1");
    assertThat(reopen(tracker).find("QUANTITY_MISMATCH|B@l1").orElseThrow().status())
        .isEqualTo(ExceptionStatus.AUTO_RESOLVED);
  }

  private Reconciler reconciler(ExceptionTracker t, List<Alert> alerts) {
    return Reconciler.builder()
        .differ(Differ.builder().clock(clock).build())
        .tracker(t)
        .alerts(alerts::add)
        .reportLink(runId -> URI.create("https://reports.example/" + runId + ".html"))
        .clock(clock)
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "{not json", "{\"format\":1,\"exceptions\":[", "{\"format\":2,\"exceptions\":[]}",
      "{\"format\":1}", "[]", "{\"format\":1,\"exceptions\":[{\"id\":\"X\",\"occurrences\":1}]}"})
  void shouldFailNamingTheFileAndLeaveIt_whenAnOldJsonFileIsDamaged(String content) throws IOException {
    Files.writeString(file(), content, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ExceptionTracker.file(file(), clock))
        .isInstanceOfSatisfying(TrackerFileException.class, e -> assertThat(e.file()).isEqualTo(file()))
        .hasMessageContaining(file().toString());
    assertThat(file()).hasContent(content);
  }

  @Test
  void shouldFailNamingTheFile_whenAnOldJsonFileIsCutShort() throws IOException {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    TrackerFileFormat.write(List.of(tracked("UNMAPPED|CUP")), json);
    Files.write(file(), Arrays.copyOf(json.toByteArray(), json.size() / 2));

    assertThatThrownBy(() -> ExceptionTracker.file(file(), clock))
        .isInstanceOf(TrackerFileException.class).hasMessageContaining(file().toString());
  }

  private TrackedException tracked(String id) {
    return new TrackedException(id, "UNMAPPED", "CUP", Owner.ECOMMERCE, ExceptionStatus.ACKNOWLEDGED, clock.instant(),
        clock.instant().plusSeconds(60), 2, "no mapping",
        Optional.of(Discrepancy.catalogue(DiscrepancyKind.UNMAPPED, "CUP", Cause.UNMAPPED_SKU, Owner.ECOMMERCE, "no mapping")),
        Optional.of("sam"), List.of());
  }

  @Test
  void shouldConvertTheOldJsonFile_whenOpened() throws IOException {
    List<TrackedException> old = List.of(tracked("UNMAPPED|CUP"), tracked("UNMAPPED|MUG"));
    try (OutputStream out = Files.newOutputStream(file())) {
      TrackerFileFormat.write(old, out);
    }

    ExceptionTracker converted = ExceptionTracker.file(file(), clock);

    assertThat(converted.list(EnumSet.allOf(ExceptionStatus.class))).isEqualTo(old);
    assertThat(Arrays.copyOf(Files.readAllBytes(file()), 4)).as("now a record log")
        .isEqualTo(new byte[] {(byte) 0x89, 'S', 'B', 'X'});
    converted.resolve("UNMAPPED|MUG", "sam");
    assertThat(reopen(converted).find("UNMAPPED|MUG").orElseThrow().status()).isEqualTo(ExceptionStatus.RESOLVED);
    assertThat(reopen(converted).find("UNMAPPED|CUP")).contains(old.get(0));
  }

  @Test
  void shouldDropOnlyTheTornChangeWithAWarning_whenTheLastSaveWasCutShort() throws IOException {
    tracker.record(unmapped("CUP"));
    long intact = Files.size(file());
    tracker.record(unmapped("MUG"));
    Files.write(file(), Arrays.copyOf(Files.readAllBytes(file()), (int) Files.size(file()) - 7));

    ExceptionTracker reopened = reopen(tracker);

    assertThat(reopened.list(EnumSet.allOf(ExceptionStatus.class))).extracting(TrackedException::id)
        .containsExactly("UNMAPPED|CUP");
    assertThat(Files.size(file())).as("the torn record is cut off").isEqualTo(intact);
    reopened.record(unmapped("TEA"));
    assertThat(reopen(tracker).list(EnumSet.allOf(ExceptionStatus.class))).extracting(TrackedException::id)
        .containsExactly("UNMAPPED|CUP", "UNMAPPED|TEA");
  }

  @Test
  void shouldSetTheDamagedChangeAsideAndKeepLaterOnes_whenBytesInTheMiddleAreDamaged() throws IOException {
    tracker.record(unmapped("CUP"));
    long firstEnd = Files.size(file());
    tracker.record(unmapped("MUG"));
    tracker.record(unmapped("TEA"));
    byte[] bytes = Files.readAllBytes(file());
    bytes[(int) firstEnd + 20] ^= 0x40; // inside MUG's record
    Files.write(file(), bytes);

    assertThat(reopen(tracker).list(EnumSet.allOf(ExceptionStatus.class))).extracting(TrackedException::id)
        .containsExactly("UNMAPPED|CUP", "UNMAPPED|TEA");
    assertThat(directory.resolve("exceptions.json.damaged-at-" + firstEnd)).isNotEmptyFile();
  }

  @Test
  void shouldSaveABatchWithOneForce_andCompactOnceTheFileOutgrowsIt() throws IOException {
    AtomicInteger forces = new AtomicInteger();
    ExceptionTracker counted = FileExceptionTracker.open(file(), clock, channel -> {
      forces.incrementAndGet();
      channel.force(false);
    });
    int afterOpen = forces.get();
    List<Discrepancy> many = IntStream.range(0, 600).mapToObj(i -> unmapped("SKU-" + i)).toList();

    counted.batch(t -> many.stream().map(t::record).toList());
    assertThat(forces.get() - afterOpen).as("one force for 600 changes").isEqualTo(1);
    long compacted = Files.size(file());
    for (int run = 2; run < 8; run++) {
      counted.batch(t -> many.stream().map(t::record).toList());
    }
    long grown = Files.size(file()); // 4,200 records for 600 exceptions: the last 3,600 only "seen again"
    assertThat(grown).isGreaterThan(compacted);
    counted.batch(t -> many.stream().map(t::record).toList()); // 4,800 records: eight times as many

    assertThat(Files.size(file())).as("compacted to one whole record per exception").isEqualTo(compacted);
    assertThat(reopen(tracker).find("UNMAPPED|SKU-7").orElseThrow().occurrences()).isEqualTo(8);
    assertThat(tracker.find("UNMAPPED|SKU-7").orElseThrow().occurrences())
        .as("a tracker open before the compaction follows the new file").isEqualTo(8);
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactlyInAnyOrder(file(), directory.resolve("exceptions.json.lock"));
    }
  }

  @Test
  void shouldKeepNoneOfTheBatch_whenOneOfItsChangesFails() {
    tracker.record(unmapped("CUP"));

    assertThatThrownBy(() -> tracker.batch(t -> {
      t.record(unmapped("MUG"));
      t.acknowledge("UNMAPPED|CUP", "sam");
      return t.resolve("UNMAPPED|NOPE", "sam");
    })).isInstanceOf(ExceptionLifecycleException.class);

    assertThat(tracker.find("UNMAPPED|MUG")).isEmpty();
    assertThat(tracker.find("UNMAPPED|CUP").orElseThrow().status()).isEqualTo(ExceptionStatus.OPEN);
    assertThat(reopen(tracker).list(EnumSet.allOf(ExceptionStatus.class))).hasSize(1);
  }

  private static Discrepancy unmapped(String sku) {
    return Discrepancy.catalogue(DiscrepancyKind.UNMAPPED, sku, Cause.UNMAPPED_SKU, Owner.ECOMMERCE, "no mapping");
  }

  @Test
  void shouldLeaveOnlyTheFile_whenChangesWereSaved() throws IOException {
    tracker.record(Discrepancy.catalogue(DiscrepancyKind.UNMAPPED, "CUP", Cause.UNMAPPED_SKU, Owner.ECOMMERCE, "x"));
    tracker.acknowledge("UNMAPPED|CUP", "sam");
    tracker.raise(new StockException("ENTRY_NOT_FOUND", StockKey.of("MUG", "paris"), List.of(), "no entry", clock.instant()));

    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactlyInAnyOrder(file(), directory.resolve("exceptions.json.lock"));
    }
  }

  @Test
  void shouldLoseNoChange_whenTwoProcessesShareTheFile() {
    ExceptionTracker sync = tracker; // say, a long-running sync
    ExceptionTracker reconcile = reopen(tracker); // and a scheduled reconcile, on the same file

    sync.raise(new StockException("ENTRY_NOT_FOUND", StockKey.of("MUG", "paris"), List.of(), "no entry", clock.instant()));
    reconcile.record(Discrepancy.catalogue(DiscrepancyKind.UNMAPPED, "CUP", Cause.UNMAPPED_SKU, Owner.ECOMMERCE, "x"));
    sync.acknowledge("UNMAPPED|CUP", "sam");

    assertThat(reopen(tracker).list(EnumSet.allOf(ExceptionStatus.class)))
        .extracting(TrackedException::id, TrackedException::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("ENTRY_NOT_FOUND|MUG@paris", ExceptionStatus.OPEN),
            org.assertj.core.groups.Tuple.tuple("UNMAPPED|CUP", ExceptionStatus.ACKNOWLEDGED));
    assertThat(reconcile.find("UNMAPPED|CUP")).get().extracting(TrackedException::status).isEqualTo(ExceptionStatus.ACKNOWLEDGED);
  }

  /** A tracker on the same file whose disk refuses every force while {@code diskFails} is set. */
  private ExceptionTracker failing(AtomicBoolean diskFails) {
    return FileExceptionTracker.open(file(), clock, channel -> {
      if (diskFails.get()) {
        throw new IOException("disk on fire");
      }
      channel.force(false);
    });
  }

  @Test
  void shouldUndoTheChange_whenTheDiskRefusesToSaveIt() throws IOException {
    Discrepancy cup = Discrepancy.catalogue(DiscrepancyKind.UNMAPPED, "CUP", Cause.UNMAPPED_SKU, Owner.ECOMMERCE, "x");
    AtomicBoolean diskFails = new AtomicBoolean(true);
    ExceptionTracker tracker = failing(diskFails);

    assertThatThrownBy(() -> tracker.record(cup))
        .isInstanceOf(TrackerFileException.class).hasMessageContaining(file().toString());
    assertThat(tracker.find("UNMAPPED|CUP")).isEmpty();
    assertThat(reopen(tracker).find("UNMAPPED|CUP")).as("cut off the file").isEmpty();

    diskFails.set(false);
    assertThat(tracker.record(cup)).isEqualTo(ExceptionTracker.Sighting.NEW);
    assertThat(reopen(tracker).find("UNMAPPED|CUP")).isPresent();
  }

  @Test
  void shouldKeepAnEngineFailureInMemoryAndSaveItNextTime_whenTheDiskRefusesItOnce() throws IOException {
    AtomicBoolean diskFails = new AtomicBoolean(true);
    ExceptionTracker tracker = failing(diskFails);
    tracker.raise(new StockException("ENTRY_NOT_FOUND", StockKey.of("MUG", "paris"), List.of(), "no entry", clock.instant()));
    assertThat(tracker.find("ENTRY_NOT_FOUND|MUG@paris")).isPresent();

    diskFails.set(false);
    tracker.record(Discrepancy.catalogue(DiscrepancyKind.UNMAPPED, "CUP", Cause.UNMAPPED_SKU, Owner.ECOMMERCE, "x"));

    assertThat(reopen(tracker).find("ENTRY_NOT_FOUND|MUG@paris")).isPresent();
  }
}
