package dev.stockbridge.store;

import static dev.stockbridge.store.RecordLogTest.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Several logs on one file, in this process and another: each follows what the others append. */
class SharedRecordLogTest {

  private static final LogFormat FORMAT = OtherProcess.FORMAT;

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("shared.log");
  }

  private SharedRecordLog open() {
    return SharedRecordLog.open(file(), FORMAT, RecordLog.Forcer.DATA);
  }

  /** What a process holds: the records it followed, forgotten on restart. */
  private static final class Memory implements SharedRecordLog.Follower {
    final List<String> records = new ArrayList<>();
    int restarts;

    @Override
    public void restart() {
      records.clear();
      restarts++;
    }

    @Override
    public void record(ByteBuffer body) {
      records.add(StandardCharsets.UTF_8.decode(body).toString());
    }
  }

  private static void append(SharedRecordLog log, Memory memory, String... records) {
    log.append(memory, batch -> {
      for (String record : records) {
        batch.add(body(record));
        memory.records.add(record);
      }
      return null;
    });
  }

  @Test
  void shouldCreateTheFileOnlyAtTheFirstBatch_whenTheDirectoryIsFresh() {
    try (SharedRecordLog log = open()) {
      assertThat(file()).doesNotExist();
      Memory memory = new Memory();
      log.follow(memory);
      assertThat(file()).exists();
      assertThat(memory.records).isEmpty();
      assertThat(memory.restarts).isEqualTo(1);
    }
  }

  @Test
  void shouldHandEachLogWhatTheOtherAppended_whenTwoShareTheFile() {
    try (SharedRecordLog sync = open(); SharedRecordLog reconcile = open()) {
      Memory syncMemory = new Memory();
      Memory reconcileMemory = new Memory();
      append(sync, syncMemory, "a");
      append(reconcile, reconcileMemory, "b", "c");
      append(sync, syncMemory, "d");
      reconcile.follow(reconcileMemory);

      assertThat(syncMemory.records).containsExactly("a", "b", "c", "d");
      assertThat(reconcileMemory.records).containsExactly("a", "b", "c", "d");
      assertThat(sync.records()).isEqualTo(4);
    }
  }

  @Test
  void shouldRestartTheOtherLog_whenOneCompactsTheFile() {
    try (SharedRecordLog one = open(); SharedRecordLog other = open()) {
      Memory oneMemory = new Memory();
      Memory otherMemory = new Memory();
      append(one, oneMemory, "a1", "a2", "b1");
      other.follow(otherMemory);

      one.rewrite(oneMemory, snapshot -> {
        snapshot.add(body("a2"));
        snapshot.add(body("b1"));
      });
      append(one, oneMemory, "c1");
      other.follow(otherMemory);

      assertThat(otherMemory.restarts).isEqualTo(2);
      assertThat(otherMemory.records).containsExactly("a2", "b1", "c1");
      assertThat(other.records()).isEqualTo(3);
    }
  }

  @Test
  void shouldTruncateATornTailAndKeepTheRest_whenAnotherWriterCrashedMidAppend() throws IOException {
    try (SharedRecordLog crashed = open()) {
      append(crashed, new Memory(), "a", "torn");
    }
    RecordLogTest.cut(file(), 3);
    long intact = Files.size(file()) - (8 + 4 - 3);

    try (SharedRecordLog log = open()) {
      Memory memory = new Memory();
      log.follow(memory);
      assertThat(memory.records).containsExactly("a");
      assertThat(Files.size(file())).isEqualTo(intact);
      append(log, memory, "b");
    }
    Memory reread = new Memory();
    try (SharedRecordLog log = open()) {
      log.follow(reread);
    }
    assertThat(reread.records).containsExactly("a", "b");
  }

  @Test
  void shouldSetADamagedRecordAsideAndKeepTheLaterOnes_whenBytesInTheMiddleAreDamaged() throws IOException {
    try (SharedRecordLog log = open()) {
      append(log, new Memory(), "first", "second", "third");
    }
    byte[] bytes = Files.readAllBytes(file());
    int second = 5 + 8 + 5;
    bytes[second + 9] ^= 0x20;
    Files.write(file(), bytes);

    Memory memory = new Memory();
    try (SharedRecordLog log = open()) {
      log.follow(memory);
    }
    assertThat(memory.records).containsExactly("first", "third");
    assertThat(dir.resolve("shared.log.damaged-at-" + second)).isNotEmptyFile();
  }

  @Test
  void shouldCutTheFailedBatchOffAndStayUsable_whenTheDiskRefusesAForce() {
    AtomicBoolean diskFails = new AtomicBoolean();
    try (SharedRecordLog log = SharedRecordLog.open(file(), FORMAT, channel -> {
      if (diskFails.get()) {
        throw new IOException("disk on fire");
      }
      channel.force(false);
    })) {
      Memory memory = new Memory();
      append(log, memory, "a");
      diskFails.set(true);
      assertThatThrownBy(() -> append(log, new Memory(), "lost"))
          .isInstanceOfSatisfying(RecordLogException.class, e -> assertThat(e.problem()).isEqualTo(RecordLogException.Problem.IO))
          .hasRootCauseMessage("disk on fire");
      diskFails.set(false);
      append(log, memory, "b");
    }
    Memory reread = new Memory();
    try (SharedRecordLog log = open()) {
      log.follow(reread);
    }
    assertThat(reread.records).containsExactly("a", "b");
  }

  @Test
  @Timeout(120)
  void shouldLoseNoRecord_whenAnotherProcessAppendsAtTheSameTime() throws Exception {
    Process other = OtherProcess.start("shared", file().toString(), "200", "other");
    Memory memory = new Memory();
    try (SharedRecordLog log = open()) {
      for (int i = 0; i < 200; i++) {
        append(log, memory, "mine-" + i);
      }
      assertThat(OtherProcess.output(other)).contains("appended 200");
      log.follow(memory);
    }

    assertThat(memory.records).hasSize(400).doesNotHaveDuplicates();
    assertThat(memory.records.stream().filter(r -> r.startsWith("mine-"))).hasSize(200);
    Memory reread = new Memory();
    try (SharedRecordLog log = open()) {
      log.follow(reread);
    }
    assertThat(reread.records).containsExactlyInAnyOrderElementsOf(memory.records);
  }

  @Test
  void shouldRefuseEveryBatch_whenClosed() {
    SharedRecordLog log = open();
    log.close();

    assertThatThrownBy(() -> log.follow(new Memory()))
        .isInstanceOfSatisfying(RecordLogException.class, e -> assertThat(e.problem()).isEqualTo(RecordLogException.Problem.CLOSED));
  }
}
