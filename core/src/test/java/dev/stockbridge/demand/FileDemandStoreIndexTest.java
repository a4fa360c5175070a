package dev.stockbridge.demand;

import static dev.stockbridge.demand.DemandStoreContract.sale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.store.RecordLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file demand store's index on disk: caught up, rebuilt, never trusted beyond the log. */
class FileDemandStoreIndexTest {

  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

  @TempDir Path dir;

  private Path log() {
    return dir.resolve("demand.log");
  }

  private Path index() {
    return FileDemandStore.indexPath(log());
  }

  private static DemandLine row(String id, int createdMinute, int updatedMinute) {
    return new DemandLine(id, DemandKind.SALE, "o-" + id, Optional.empty(), "l", Sku.of("S"), 1,
        BigDecimal.ONE, BigDecimal.ZERO, "EUR", List.of(), Location.of("dc"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), T0.plusSeconds(60L * createdMinute),
        T0.plusSeconds(60L * updatedMinute), Map.of());
  }

  private static List<DemandLine> rows(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> row(prefix + i, i, i)).toList();
  }

  private static List<String> ids(DemandStore store) {
    List<String> ids = new ArrayList<>();
    store.forEach(line -> ids.add(line.id()));
    return ids;
  }

  private static List<String> idsSince(DemandStore store, int minute) {
    List<String> ids = new ArrayList<>();
    store.forEachUpdatedSince(T0.plusSeconds(60L * minute), line -> ids.add(line.id()));
    return ids;
  }

  private static List<String> idsOf(List<DemandLine> lines) {
    return lines.stream().map(DemandLine::id).toList();
  }

  /** Runs an action with System.err captured, where slf4j-simple logs, and returns what it logged. */
  private static String stderrOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldCreateTheLogAndTheIndex_whenTheDirectoryIsFresh() {
    Path fresh = dir.resolve("fresh.log");
    try (FileDemandStore store = FileDemandStore.open(fresh)) {
      assertThat(ids(store)).isEmpty();
      assertThat(store.size()).isZero();
      store.put(List.of(row("a", 1, 1)));
    }
    assertThat(fresh).exists();
    assertThat(FileDemandStore.indexPath(fresh)).exists();
    try (FileDemandStore store = FileDemandStore.open(fresh)) {
      assertThat(store.rebuiltAtOpen()).isFalse();
      assertThat(store.indexedAtOpen()).isZero();
      assertThat(ids(store)).containsExactly("a");
    }
  }

  @Test
  void shouldReadOnlyTheTail_whenReopenedAfterACrashThatLostTheLastIndexUpdates() {
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(rows("a", 200));
    }
    FileDemandStore crashed = FileDemandStore.open(log());
    assertThat(crashed.indexedAtOpen()).isZero();
    crashed.put(List.of(row("b0", 300, 300), row("b1", 301, 301)));
    crashed.put(List.of(row("a5", 5, 400))); // a re-put
    crashed.crash(); // the index's updates since opening never committed

    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.rebuiltAtOpen()).isFalse();
      assertThat(store.indexedAtOpen()).isEqualTo(3);
      assertThat(store.size()).isEqualTo(202);
      assertThat(idsSince(store, 300)).containsExactly("a5", "b0", "b1");
    }
  }

  @Test
  void shouldKeepEveryAcknowledgedRow_whenKilledBetweenTheLogAppendAndTheIndexUpdate() {
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(rows("a", 3));
    }
    // What a put had forced to the log when the process died, the index never told.
    try (RecordLog raw = RecordLog.open(log(), FileDemandStore.FORMAT)) {
      raw.append(List.of(ByteBuffer.wrap(DemandCodec.encode(row("b", 10, 10))),
          ByteBuffer.wrap(DemandCodec.encode(row("a1", 1, 11)))));
    }

    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.rebuiltAtOpen()).isFalse();
      assertThat(store.indexedAtOpen()).isEqualTo(2);
      assertThat(ids(store)).containsExactly("a0", "a1", "a2", "b");
      assertThat(idsSince(store, 10)).containsExactly("a1", "b");
    }
  }

  @Test
  void shouldRebuildWithTheSameResults_whenTheIndexIsDeleted() throws IOException {
    List<String> all;
    List<String> since;
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(rows("a", 50));
      store.put(List.of(row("a7", 7, 90), row("a3", 60, 61)));
      all = ids(store);
      since = idsSince(store, 40);
    }
    Files.delete(index());

    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.rebuiltAtOpen()).isTrue();
      assertThat(store.indexedAtOpen()).isEqualTo(52);
      assertThat(ids(store)).isEqualTo(all);
      assertThat(idsSince(store, 40)).isEqualTo(since).containsExactly("a7", "a40", "a41", "a42", "a43", "a44",
          "a45", "a46", "a47", "a48", "a49", "a3");
    }
  }

  @Test
  void shouldRebuildAndWarn_whenTheIndexFileIsOverwritten() throws IOException {
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(rows("a", 100));
    }
    long size = Files.size(index());
    try (RandomAccessFile raf = new RandomAccessFile(index().toFile(), "rw")) {
      raf.write(new byte[(int) size]); // every byte zero: no store header left
    }

    String logged = stderrOf(() -> {
      try (FileDemandStore store = FileDemandStore.open(log())) {
        assertThat(store.rebuiltAtOpen()).isTrue();
        assertThat(ids(store)).isEqualTo(idsOf(rows("a", 100)));
      }
    });
    assertThat(logged).contains("WARN").contains("index " + index() + " cannot be read");
  }

  @Test
  void shouldFailTheReadAndRebuildOnTheNextOpen_whenIndexPagesInTheMiddleAreOverwritten() throws IOException {
    try (FileDemandStore store = FileDemandStore.open(log())) {
      for (int batch = 0; batch < 20; batch++) {
        store.put(rows("a" + batch + "-", 500));
      }
    }
    long size = Files.size(index());
    try (RandomAccessFile raf = new RandomAccessFile(index().toFile(), "rw")) {
      raf.seek(size / 2);
      raf.write(new byte[4096]);
    }

    // MVStore reads pages when needed: damage past the pages opening reads shows on reading.
    try (FileDemandStore store = FileDemandStore.open(log())) {
      List<String> seen = new ArrayList<>();
      try {
        store.forEach(line -> seen.add(line.id()));
        assertThat(seen).hasSize(10_000); // the overwritten bytes held no live page
      } catch (DemandStoreException e) {
        assertThat(e).hasMessageContaining("read the index of");
      }
    }
    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.size()).isEqualTo(10_000);
      assertThat(ids(store)).hasSize(10_000);
    }
  }

  @Test
  void shouldCatchUp_whenTheIndexIsRestoredFromAnOlderBackup() throws IOException {
    Path backup = dir.resolve("index.backup");
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(rows("a", 10));
    }
    Files.copy(index(), backup);
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(List.of(row("b", 20, 20), row("a2", 2, 30)));
    }
    Files.copy(backup, index(), StandardCopyOption.REPLACE_EXISTING);

    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.rebuiltAtOpen()).isFalse();
      assertThat(store.indexedAtOpen()).isEqualTo(2);
      assertThat(store.size()).isEqualTo(11);
      assertThat(idsSince(store, 20)).containsExactly("a2", "b");
    }
  }

  @Test
  void shouldRebuildWithoutPhantomRows_whenTheLogIsRestoredFromABackupOlderThanTheIndex() throws IOException {
    Path backup = dir.resolve("log.backup");
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(rows("a", 10));
    }
    Files.copy(log(), backup);
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(List.of(row("phantom", 20, 20), row("a2", 2, 30)));
    }
    Files.copy(backup, log(), StandardCopyOption.REPLACE_EXISTING);

    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.rebuiltAtOpen()).isTrue();
      assertThat(ids(store)).isEqualTo(idsOf(rows("a", 10)));
      assertThat(idsSince(store, 0)).isEqualTo(idsOf(rows("a", 10)));
      assertThat(store.size()).isEqualTo(10);
      store.put(List.of(row("c", 40, 40)));
    }
    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.rebuiltAtOpen()).isFalse();
      assertThat(idsSince(store, 9)).containsExactly("a9", "c");
    }
  }

  @Test
  void shouldRebuild_whenTheLogIsRestoredOlderAndThenGrewToTheSameLength() throws IOException {
    // The index's mark lies inside the log, but the log holds other rows there.
    Path backup = dir.resolve("log.backup");
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(rows("a", 5));
    }
    Files.copy(log(), backup);
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(List.of(row("x1", 50, 50)));
      store.put(List.of(row("x2", 51, 51)));
    }
    Files.copy(backup, log(), StandardCopyOption.REPLACE_EXISTING);
    try (RecordLog raw = RecordLog.open(log(), FileDemandStore.FORMAT)) {
      raw.append(List.of(ByteBuffer.wrap(DemandCodec.encode(row("y1", 50, 50)))));
      raw.append(List.of(ByteBuffer.wrap(DemandCodec.encode(row("y2", 51, 51)))));
    }

    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.rebuiltAtOpen()).isTrue();
      assertThat(ids(store)).containsExactly("a0", "a1", "a2", "a3", "a4", "y1", "y2");
    }
  }

  @Test
  void shouldRebuild_whenTheIndexBelongsToAnotherLog() throws IOException {
    Path other = dir.resolve("other.log");
    try (FileDemandStore store = FileDemandStore.open(other)) {
      store.put(rows("other", 3));
    }
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(rows("a", 3));
    }
    Files.copy(FileDemandStore.indexPath(other), index(), StandardCopyOption.REPLACE_EXISTING);

    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.rebuiltAtOpen()).isTrue();
      assertThat(ids(store)).containsExactly("a0", "a1", "a2");
    }
  }

  @Test
  void shouldRefuseASecondOpen_inThisProcess() {
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(List.of(row("a", 1, 1)));
      assertThatThrownBy(() -> FileDemandStore.open(log()))
          .isInstanceOf(DemandStoreException.class)
          .hasMessageContaining("already open");
      assertThat(ids(store)).containsExactly("a");
    }
    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(ids(store)).containsExactly("a");
    }
  }

  @Test
  void shouldSetTheDamagedRowAsideAndKeepTheIndexConsistent_whenTheTailCaughtUpHoldsDamage() throws IOException {
    Path backup = dir.resolve("index.backup");
    long damagedAt;
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(List.of(row("a", 1, 1)));
    }
    Files.copy(index(), backup);
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(List.of(row("b", 2, 2)));
      damagedAt = Files.size(log());
      store.put(List.of(row("a", 1, 3))); // a's later copy, to be damaged
      store.put(List.of(row("c", 4, 4)));
    }
    Files.copy(backup, index(), StandardCopyOption.REPLACE_EXISTING);
    flipByte(damagedAt + 20);

    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.rebuiltAtOpen()).isFalse();
      assertThat(store.indexedAtOpen()).isEqualTo(2);
      List<DemandLine> all = new ArrayList<>();
      store.forEach(all::add);
      assertThat(all).containsExactly(row("a", 1, 1), row("b", 2, 2), row("c", 4, 4)); // a's earlier copy
      assertThat(idsSince(store, 2)).containsExactly("b", "c");
    }
    assertThat(dir.resolve("demand.log.damaged-at-" + damagedAt)).isNotEmptyFile();
  }

  @Test
  void shouldFallBackToTheEarlierCopyAfterRebuilding_whenARowTheIndexVouchedForIsDamaged() throws IOException {
    long damagedAt;
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(List.of(row("a", 1, 1), row("b", 2, 2)));
      damagedAt = Files.size(log());
      store.put(List.of(row("a", 1, 3)));
      store.put(List.of(row("c", 4, 4)));
    }
    flipByte(damagedAt + 20);

    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.rebuiltAtOpen()).isFalse();
      assertThat(ids(store)).containsExactly("b", "c"); // found on reading: skipped, dropped
      assertThat(ids(store)).containsExactly("b", "c");
      store.put(List.of(row("d", 5, 5)));
    }
    assertThat(dir.resolve("demand.log.damaged-at-" + damagedAt)).isNotEmptyFile();
    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.rebuiltAtOpen()).isTrue(); // marked stale by the damage
      List<DemandLine> all = new ArrayList<>();
      store.forEach(all::add);
      assertThat(all).containsExactly(row("a", 1, 1), row("b", 2, 2), row("c", 4, 4), row("d", 5, 5));
    }
  }

  @Test
  void shouldIndexEveryRow_whenPutsRunConcurrently() throws Exception {
    try (FileDemandStore store = FileDemandStore.open(log())) {
      store.put(List.of(row("first", 0, 0)));
    }
    FileDemandStore crashed = FileDemandStore.open(log());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String prefix = "t" + t + "-";
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 50; i++) {
          crashed.put(List.of(row(prefix + i, i, i)));
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    crashed.crash();
    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.rebuiltAtOpen()).isFalse();
      assertThat(store.indexedAtOpen()).isEqualTo(200);
      assertThat(store.size()).isEqualTo(201);
      assertThat(ids(store)).hasSize(201);
      List<Thread> more = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String prefix = "u" + t + "-";
        Thread thread = new Thread(() -> {
          for (int i = 0; i < 50; i++) {
            store.put(List.of(row(prefix + i, i, i)));
          }
        });
        thread.start();
        more.add(thread);
      }
      for (Thread thread : more) {
        thread.join();
      }
    }
    try (FileDemandStore store = FileDemandStore.open(log())) {
      assertThat(store.indexedAtOpen()).isZero(); // the mark advanced over every put, in whatever order indexed
      assertThat(store.size()).isEqualTo(401);
    }
  }

  private void flipByte(long at) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(log().toFile(), "rw")) {
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0xff);
    }
  }
}
