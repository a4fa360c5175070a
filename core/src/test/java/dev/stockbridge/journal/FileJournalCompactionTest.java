package dev.stockbridge.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.inspection.InspectionCounts;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.InventoryState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalCompactionTest {

  private static final Location DC = Location.of("dc");
  private static final StockKey TEE = new StockKey(Sku.of("TEE"), DC);
  private static final StockKey MUG = new StockKey(Sku.of("MUG"), DC);
  private static final StockKey CAP = new StockKey(Sku.of("CAP"), DC);

  @TempDir Path directory;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  /** A crash between two steps of a compaction: the test stops it there as a kill would. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash(String step) {
      super("killed after " + step);
    }
  }

  private FileJournal open(Path dir, Consumer<String> steps) {
    return FileJournal.builder(dir).clock(clock).retention(Duration.ofDays(1)).forcer(channel -> {}).steps(steps).open();
  }

  private FileJournal open(Path dir) {
    return open(dir, step -> {});
  }

  /**
   * A journal past its first compaction: a new directory's first log is {@value
   * FileJournal#FILE_NAME}, in the format of before (no time stamps, so its movements count as
   * accepted when read); the logs after it stamp their movements.
   */
  private FileJournal stamped(Path dir, Consumer<String> steps) {
    try (FileJournal journal = open(dir)) {
      journal.compact();
    }
    return open(dir, steps);
  }

  private FileJournal stamped(Path dir) {
    return stamped(dir, step -> {});
  }

  private static Movement movement(StockKey key, InventoryState state, long quantity, String id, long sequence) {
    MovementKind kind = quantity < 0 ? MovementKind.ORDER : MovementKind.RECEIPT;
    return new Movement(kind, key.sku(), key.location(), state, quantity, "cause " + id, id, sequence);
  }

  /** Three days of history: old applied movements, old unapplied ones, inspection units, a recent day. */
  private void history(FileJournal journal) {
    journal.append(List.of(movement(TEE, InventoryState.AVAILABLE, -1, "o1", 1), movement(TEE, InventoryState.AVAILABLE, -2, "o2", 2),
        movement(MUG, InventoryState.INSPECTION, 5, "r1", 1)));
    journal.applied(TEE, 2);
    journal.applied(MUG, 1);
    clock.advance(Duration.ofDays(1));
    journal.append(List.of(movement(CAP, InventoryState.AVAILABLE, -3, "o3", 1), movement(MUG, InventoryState.INSPECTION, -2, "i1", 2)));
    journal.applied(MUG, 2); // CAP's o3 stays unapplied, however old
    clock.advance(Duration.ofDays(2));
    journal.append(List.of(movement(TEE, InventoryState.AVAILABLE, -4, "o4", 3)));
    journal.applied(TEE, 3);
  }

  @Test
  void compact_dropsAppliedMovementsOlderThanTheRetention_andKeepsWhatTheyMeant() {
    JournalState before;
    JournalState after;
    try (FileJournal journal = stamped(directory)) {
      history(journal);
      before = JournalState.of(journal);
      journal.compact();
      after = JournalState.of(journal);
      assertThat(InspectionCounts.of(journal).waiting(MUG)).isEqualTo(3);
    }

    assertThat(after.meaning()).isEqualTo(before.meaning());
    // o4 was accepted just now: kept for its retention although applied; o3 unapplied: kept though old.
    assertThat(after.held()).containsExactlyInAnyOrder("o3", "o4");
    assertThat(before.held()).containsExactlyInAnyOrder("o1", "o2", "o3", "o4", "r1", "i1");
    assertThat(after.unapplied()).containsExactly("o3#1");
  }

  @Test
  void reopen_afterCompaction_replaysTheSnapshotThenWhatCameAfter() throws IOException {
    JournalState expected;
    try (FileJournal journal = stamped(directory)) {
      history(journal);
      journal.compact();
      journal.append(List.of(movement(TEE, InventoryState.AVAILABLE, -5, "o5", 4)));
      expected = JournalState.of(journal);
    }
    assertThat(names(directory)).containsExactlyInAnyOrder("ledger.id", "journal.lock", "snapshot-0000000001.journal",
        "movements-0000000002.journal");

    try (FileJournal journal = open(directory)) {
      assertThat(JournalState.of(journal)).isEqualTo(expected);
      assertThat(expected.last()).containsEntry(TEE, 4L).containsEntry(MUG, 2L).containsEntry(CAP, 1L);
      journal.compact();
      assertThat(JournalState.of(journal).meaning()).isEqualTo(expected.meaning());
    }
    assertThat(names(directory)).containsExactlyInAnyOrder("ledger.id", "journal.lock", "snapshot-0000000002.journal",
        "movements-0000000003.journal");
  }

  @Test
  void open_freshDirectory_holdsNothingAndIsNoJournalUntilOpened() {
    Path fresh = directory.resolve("fresh");
    assertThat(FileJournal.exists(fresh)).isFalse();
    try (FileJournal journal = open(fresh)) {
      assertThat(JournalState.of(journal).last()).isEmpty();
      journal.compact(); // nothing to compact is not an error
      assertThat(JournalState.of(journal).last()).isEmpty();
    }
    assertThat(FileJournal.exists(fresh)).isTrue();
  }

  @Test
  void secondOpen_failsWithoutTouchingTheFirstOnesFiles() throws IOException {
    try (FileJournal journal = stamped(directory)) {
      history(journal);
      journal.compact();
      List<String> files = names(directory);

      assertThatThrownBy(() -> open(directory)).isInstanceOf(StockbridgeException.class).hasMessageContaining("already open");

      assertThat(names(directory)).isEqualTo(files);
      journal.append(List.of(movement(TEE, InventoryState.AVAILABLE, -5, "o5", 4)));
      assertThat(JournalState.of(journal).unapplied()).containsExactly("o3#1", "o5#4");
    }
  }

  @Test
  void restore_ofABackupTakenBeforeOrAfterACompaction_replaysWhatTheBackupHeld() throws IOException {
    Path live = directory.resolve("live");
    Path early = directory.resolve("early");
    Path late = directory.resolve("late");
    JournalState atEarly;
    JournalState atLate;
    try (FileJournal journal = stamped(live)) {
      history(journal);
      atEarly = JournalState.of(journal);
    }
    copy(live, early);
    try (FileJournal journal = open(live)) {
      journal.compact();
      journal.append(List.of(movement(TEE, InventoryState.AVAILABLE, -5, "o5", 4)));
      atLate = JournalState.of(journal);
    }
    copy(live, late);
    try (FileJournal journal = open(live)) {
      journal.append(List.of(movement(TEE, InventoryState.AVAILABLE, -6, "o6", 5)));
      journal.compact();
    }

    restore(early, live);
    try (FileJournal journal = open(live)) {
      assertThat(JournalState.of(journal)).isEqualTo(atEarly);
    }
    restore(late, live);
    try (FileJournal journal = open(live)) {
      assertThat(JournalState.of(journal)).isEqualTo(atLate);
    }
  }

  @Test
  void killAfterAnyStepOfACompaction_losesNothingAndDoublesNothing() throws IOException {
    List<String> steps = new ArrayList<>();
    JournalState expected;
    try (FileJournal journal = stamped(directory.resolve("probe"), steps::add)) {
      history(journal);
      expected = JournalState.of(journal).meaning();
      journal.compact();
    }
    assertThat(steps).startsWith("rolled", "read", "written", "renamed", "durable").hasSizeGreaterThan(5);

    for (int stop = 0; stop < steps.size(); stop++) {
      String at = steps.get(stop);
      Path dir = directory.resolve("kill-" + stop);
      FileJournal journal = stamped(dir, step -> {
        if (step.equals(at)) {
          throw new Crash(step);
        }
      });
      history(journal);
      assertThatThrownBy(journal::compact).isInstanceOf(Crash.class);
      journal.close(); // the process is gone: its files are what the kill left

      try (FileJournal reopened = open(dir)) {
        JournalState state = JournalState.of(reopened);
        assertThat(state.meaning()).as("after a kill at %s", at).isEqualTo(expected);
        assertThat(state.duplicates()).as("after a kill at %s", at).isEmpty();
        reopened.append(List.of(movement(TEE, InventoryState.AVAILABLE, -5, "o5", 4)));
        reopened.compact();
        assertThat(JournalState.of(reopened).unapplied()).containsExactly("o3#1", "o5#4");
      }
    }
  }

  @Test
  void damagedSnapshotRecord_isSetAsideAndEveryIntactRecordKept() throws IOException {
    try (FileJournal journal = stamped(directory)) {
      history(journal);
      journal.compact();
    }
    Path snapshot = directory.resolve("snapshot-0000000001.journal");
    byte[] bytes = Files.readAllBytes(snapshot);
    int at = indexOf(bytes, "o3".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    bytes[at] ^= 0x20;
    Files.write(snapshot, bytes);

    try (FileJournal journal = open(directory)) {
      JournalState state = JournalState.of(journal);
      assertThat(state.held()).containsExactly("o4");
      assertThat(state.last()).containsEntry(TEE, 3L).containsEntry(MUG, 2L).containsEntry(CAP, 1L); // the key summaries are intact
      assertThat(state.units()).containsEntry(MUG + "/INSPECTION", 3L);
    }
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("snapshot-0000000001.journal.damaged-at-"));
    }
  }

  @Test
  void legacyJournal_opensUnchangedAndIsFoldedByItsFirstCompaction() throws IOException {
    JournalState expected;
    try (FileJournal journal = open(directory)) {
      history(journal);
      expected = JournalState.of(journal);
    }
    assertThat(names(directory)).contains(FileJournal.FILE_NAME).doesNotContain("snapshot-0000000000.journal");
    clock.advance(Duration.ofDays(2)); // a legacy log knows no times: its movements count as read now
    try (FileJournal journal = open(directory)) {
      journal.compact();
      assertThat(JournalState.of(journal).held()).as("nothing dropped before its retention ran from the open")
          .isEqualTo(expected.held());
    }
    clock.advance(Duration.ofDays(2));
    try (FileJournal journal = open(directory)) {
      journal.compact();
      assertThat(JournalState.of(journal).held()).containsExactly("o3");
      assertThat(JournalState.of(journal).meaning()).isEqualTo(expected.meaning());
    }
    assertThat(names(directory)).doesNotContain(FileJournal.FILE_NAME);
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Restores as an operator would: the directory emptied, the backup copied in. */
  private static void restore(Path backup, Path live) throws IOException {
    try (Stream<Path> files = Files.list(live)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    copy(backup, live);
  }
}
