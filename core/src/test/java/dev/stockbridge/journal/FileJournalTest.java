package dev.stockbridge.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.state.InventoryState;
import dev.stockbridge.spi.MovementJournalContract;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest extends MovementJournalContract {

  @TempDir Path directory;

  @Override
  protected MovementJournal open() {
    return FileJournal.open(directory);
  }

  @Override
  protected MovementJournal reopen(MovementJournal journal) {
    journal.close();
    return FileJournal.open(directory);
  }

  @Test
  void shouldReplayEverything_whenReopenedAfterEachClose() {
    Path own = directory.resolve("own");
    StockKey tee = StockKey.of("TEE", "london-dc");
    try (FileJournal journal = FileJournal.open(own)) {
      journal.append(List.of(movement("TEE", 1), movement("TEE", 2)));
      journal.applied(tee, 2);
    }
    try (FileJournal journal = FileJournal.open(own)) {
      assertThat(replay(journal))
          .containsExactly(movement("TEE", 1), movement("TEE", 2), new Mark(tee, 2));
      journal.append(List.of(movement("TEE", 3)));
    }
    try (FileJournal journal = FileJournal.open(own)) {
      assertThat(replay(journal))
          .containsExactly(
              movement("TEE", 1), movement("TEE", 2), new Mark(tee, 2), movement("TEE", 3));
    }
  }

  @Test
  void shouldReplayEveryMovement_whenOneBatchSpansMegabytes() throws IOException {
    Path own = directory.resolve("own");
    List<Movement> batch =
        LongStream.rangeClosed(1, 50_000)
            .mapToObj(
                sequence ->
                    new Movement(
                        MovementKind.ADJUSTMENT, Sku.of("SKU-" + sequence % 97), Location.of("dc"),
                        InventoryState.AVAILABLE, -sequence, "count " + "x".repeat(40),
                        "count/" + sequence, sequence))
            .toList();
    try (FileJournal journal = FileJournal.open(own)) {
      journal.append(batch);
    }

    assertThat(Files.size(own.resolve(FileJournal.FILE_NAME))).isGreaterThan(4_000_000);
    try (FileJournal journal = FileJournal.open(own)) {
      assertThat(replay(journal)).containsExactlyElementsOf(batch);
    }
  }

  @Test
  @Timeout(30)
  void shouldShareForcesBetweenAppenders_whenTheyAppendWhileAForceRuns() throws Exception {
    Path own = directory.resolve("own");
    Path file = own.resolve(FileJournal.FILE_NAME);
    AtomicBoolean holdNextForce = new AtomicBoolean();
    CountDownLatch forcing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FileJournal journal =
        FileJournal.open(
            own,
            channel -> {
              if (holdNextForce.getAndSet(false)) {
                forcing.countDown();
                await(release);
              }
              channel.force(false);
            });
    int appenders = 8;
    ExecutorService pool = Executors.newFixedThreadPool(appenders);
    try {
      long headerSize = Files.size(file);
      holdNextForce.set(true);
      List<Future<?>> done = new ArrayList<>();
      done.add(pool.submit(() -> journal.append(List.of(movement("SKU-0", 1)))));
      forcing.await();
      long recordSize = Files.size(file) - headerSize;
      for (int i = 1; i < appenders; i++) {
        String sku = "SKU-" + i;
        done.add(pool.submit(() -> journal.append(List.of(movement(sku, 1)))));
      }
      // The other appenders can write while the first force is held; they then queue for a force.
      while (Files.size(file) < headerSize + appenders * recordSize) {
        Thread.onSpinWait();
      }
      release.countDown();
      for (Future<?> future : done) {
        future.get();
      }

      assertThat(journal.forceCount()).isEqualTo(2).isLessThan(appenders);
      assertThat(replay(journal)).hasSize(appenders);
    } finally {
      release.countDown();
      pool.shutdown();
      journal.close();
    }
  }

  @Test
  void shouldWriteAppliedMarkUnforced_andForceItOnClose() {
    AtomicInteger forces = new AtomicInteger();
    FileJournal journal =
        FileJournal.open(
            directory.resolve("own"),
            channel -> {
              forces.incrementAndGet();
              channel.force(false);
            });
    int afterOpen = forces.get();

    journal.applied(StockKey.of("TEE", "dc"), 4);
    assertThat(forces.get()).isEqualTo(afterOpen);
    journal.close();
    assertThat(forces.get()).isEqualTo(afterOpen + 1);
  }

  @Test
  void shouldFailThisAndEveryLaterAppend_whenForceFails() {
    Path own = directory.resolve("own");
    AtomicBoolean diskFails = new AtomicBoolean();
    FileJournal journal =
        FileJournal.open(
            own,
            channel -> {
              if (diskFails.get()) {
                throw new IOException("disk on fire");
              }
              channel.force(false);
            });
    journal.append(List.of(movement("TEE", 1)));

    diskFails.set(true);
    assertThatThrownBy(() -> journal.append(List.of(movement("TEE", 2))))
        .isInstanceOf(JournalIoException.class)
        .hasMessageContaining("could not force journal " + own.resolve(FileJournal.FILE_NAME))
        .hasRootCauseMessage("disk on fire");
    diskFails.set(false);
    assertThatThrownBy(() -> journal.append(List.of(movement("TEE", 3))))
        .isInstanceOf(StockbridgeException.class)
        .hasMessageContaining("failed earlier")
        .hasCauseInstanceOf(JournalIoException.class);
    journal.close();

    try (FileJournal reopened = FileJournal.open(own)) {
      // TEE/2 may be there: written but never forced, its fate was unknown to the caller.
      assertThat(replay(reopened))
          .startsWith(movement("TEE", 1))
          .doesNotContain(movement("TEE", 3));
    }
  }

  @Test
  void shouldRefuseSecondOpen_whenTheJournalIsAlreadyOpen() {
    assertThatThrownBy(() -> FileJournal.open(directory))
        .isInstanceOf(StockbridgeException.class)
        .hasMessageContaining("already open");
  }

  @Test
  void shouldRejectMovement_whenItIsTooLargeForARecord() {
    Path own = directory.resolve("own");
    InventoryState hugeState = new InventoryState("X".repeat(70_000), false, true);
    Movement huge =
        new Movement(
            MovementKind.ADJUSTMENT, Sku.of("TEE"), Location.of("dc"), hugeState, 1, "c", "k", 1);
    try (FileJournal journal = FileJournal.open(own)) {
      assertThatThrownBy(() -> journal.append(List.of(movement("TEE", 1), huge)))
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("more than the 65536 allowed");
      assertThat(replay(journal)).isEmpty();
    }
  }

  private static void await(CountDownLatch latch) throws InterruptedIOException {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while holding a force");
    }
  }
}
