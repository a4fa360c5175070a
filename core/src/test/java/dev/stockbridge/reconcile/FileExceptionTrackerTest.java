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
import dev.stockbridge.reconcile.alert.Alert;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.state.InventoryState;
import java.io.IOException;
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
  @ValueSource(strings = {"", "{not json", "{\"format\":1,\"exceptions\":[", "{\"format\":2,\"exceptions\":[]}",
      "{\"format\":1}", "[]", "{\"format\":1,\"exceptions\":[{\"id\":\"X\",\"occurrences\":1}]}"})
  void shouldFailNamingTheFile_whenTheFileIsDamaged(String content) throws IOException {
    Files.writeString(file(), content, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ExceptionTracker.file(file(), clock))
        .isInstanceOfSatisfying(TrackerFileException.class, e -> assertThat(e.file()).isEqualTo(file()))
        .hasMessageContaining(file().toString());
  }

  @Test
  void shouldFailNamingTheFile_whenASavedFileIsCutShort() throws IOException {
    tracker.record(Discrepancy.catalogue(DiscrepancyKind.UNMAPPED, "CUP", Cause.UNMAPPED_SKU, Owner.ECOMMERCE, "x"));
    byte[] saved = Files.readAllBytes(file());
    Files.write(file(), Arrays.copyOf(saved, saved.length / 2));

    assertThatThrownBy(() -> ExceptionTracker.file(file(), clock))
        .isInstanceOf(TrackerFileException.class).hasMessageContaining(file().toString());
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

  /** A non-empty directory where the tracker writes its temporary file: every save fails. */
  private Path blockTheTemporaryFile() throws IOException {
    Path blocker = Files.createDirectory(directory.resolve("exceptions.json.tmp"));
    Files.writeString(blocker.resolve("keep"), "x");
    return blocker;
  }

  private static void unblock(Path blocker) throws IOException {
    Files.delete(blocker.resolve("keep"));
    Files.delete(blocker);
  }

  @Test
  void shouldUndoTheChange_whenTheDiskRefusesToSaveIt() throws IOException {
    Discrepancy cup = Discrepancy.catalogue(DiscrepancyKind.UNMAPPED, "CUP", Cause.UNMAPPED_SKU, Owner.ECOMMERCE, "x");
    Path blocker = blockTheTemporaryFile();

    assertThatThrownBy(() -> tracker.record(cup))
        .isInstanceOf(TrackerFileException.class).hasMessageContaining(file().toString());
    assertThat(tracker.find("UNMAPPED|CUP")).isEmpty();

    unblock(blocker);
    assertThat(tracker.record(cup)).isEqualTo(ExceptionTracker.Sighting.NEW);
    assertThat(reopen(tracker).find("UNMAPPED|CUP")).isPresent();
  }

  @Test
  void shouldKeepAnEngineFailureInMemoryAndSaveItNextTime_whenTheDiskRefusesItOnce() throws IOException {
    Path blocker = blockTheTemporaryFile();
    tracker.raise(new StockException("ENTRY_NOT_FOUND", StockKey.of("MUG", "paris"), List.of(), "no entry", clock.instant()));
    assertThat(tracker.find("ENTRY_NOT_FOUND|MUG@paris")).isPresent();

    unblock(blocker);
    tracker.record(Discrepancy.catalogue(DiscrepancyKind.UNMAPPED, "CUP", Cause.UNMAPPED_SKU, Owner.ECOMMERCE, "x"));

    assertThat(reopen(tracker).find("ENTRY_NOT_FOUND|MUG@paris")).isPresent();
  }
}
