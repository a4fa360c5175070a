package dev.stockbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The record log at the edges of its state: fresh, reopened, shared by mistake, torn, damaged, failed. */
class RecordLogTest {

  static final LogFormat FORMAT = OtherProcess.FORMAT;

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("test.log");
  }

  static ByteBuffer body(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> replay(RecordLog log) {
    List<String> records = new ArrayList<>();
    log.replay((position, body) -> records.add(StandardCharsets.UTF_8.decode(body).toString()));
    return records;
  }

  @Test
  void shouldCreateTheFileWithOnlyItsHeader_whenTheDirectoryIsFresh() throws IOException {
    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      assertThat(replay(log)).isEmpty();
      assertThat(log.size()).isEqualTo(5);
    }
    assertThat(Files.readAllBytes(file())).isEqualTo(new byte[] {(byte) 0x89, 'T', 'L', 'G', 1});
  }

  @Test
  void shouldReplayAndReadByPosition_whenReopened() {
    long[] positions;
    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      positions = log.append(List.of(body("a"), body("bb")));
      log.write(List.of(body("ccc")));
    }
    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      assertThat(replay(log)).containsExactly("a", "bb", "ccc");
      List<String> read = new ArrayList<>();
      log.read(new long[] {positions[1], positions[0]}, (position, body) -> read.add(StandardCharsets.UTF_8.decode(body).toString()));
      assertThat(read).containsExactly("bb", "a");
    }
  }

  @Test
  void shouldRefuseASecondOpenInThisProcess_whenTheLogIsOpen() {
    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      log.append(List.of(body("mine")));
      assertThatThrownBy(() -> RecordLog.open(file(), FORMAT))
          .isInstanceOfSatisfying(RecordLogException.class, e -> assertThat(e.problem()).isEqualTo(RecordLogException.Problem.ALREADY_OPEN))
          .hasMessageContaining("test log " + file() + " is already open");
    }
    try (RecordLog reopened = RecordLog.open(file(), FORMAT)) {
      assertThat(replay(reopened)).containsExactly("mine");
    }
  }

  @Test
  @Timeout(60)
  void shouldRefuseASecondProcess_whenTheLogIsOpen() throws Exception {
    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      log.append(List.of(body("mine")));

      assertThat(OtherProcess.output(OtherProcess.start("exclusive", file().toString())))
          .contains("ALREADY_OPEN").contains("is already open");
    }
    assertThat(OtherProcess.output(OtherProcess.start("exclusive", file().toString()))).contains("opened");
  }

  @Test
  void shouldDropTheTornTailAndAppendCleanly_whenAnAppendWasCutShort() throws IOException {
    long intact;
    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      log.append(List.of(body("a")));
      intact = log.size();
      log.append(List.of(body("torn")));
    }
    cut(file(), 2);

    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      assertThat(replay(log)).containsExactly("a");
      assertThat(Files.size(file())).isEqualTo(intact);
      log.append(List.of(body("b")));
    }
    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      assertThat(replay(log)).containsExactly("a", "b");
    }
  }

  @Test
  void shouldSetTheDamagedRecordAsideAndKeepTheLaterOnes_whenBytesInTheMiddleAreDamaged() throws IOException {
    long[] positions;
    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      positions = log.append(List.of(body("first"), body("second"), body("third")));
    }
    byte[] bytes = Files.readAllBytes(file());
    bytes[(int) positions[1] + 9] ^= 0x20;
    Files.write(file(), bytes);

    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      assertThat(replay(log)).containsExactly("first", "third");
      log.append(List.of(body("fourth")));
    }
    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      assertThat(replay(log)).containsExactly("first", "third", "fourth");
    }
    Path evidence = dir.resolve("test.log.damaged-at-" + positions[1]);
    assertThat(Files.readAllBytes(evidence)).isEqualTo(Arrays.copyOfRange(bytes, (int) positions[1], (int) positions[2]));
  }

  @Test
  void shouldRefuseTheFile_whenItIsNotThisFormat() throws IOException {
    Files.writeString(file(), "order,sku,qty\n");

    assertThatThrownBy(() -> RecordLog.open(file(), FORMAT))
        .isInstanceOfSatisfying(RecordLogException.class, e -> {
          assertThat(e.problem()).isEqualTo(RecordLogException.Problem.NOT_READABLE);
          assertThat(e.offset()).isZero();
        })
        .hasMessageContaining("the file is not a Stockbridge test log");
    assertThat(file()).hasContent("order,sku,qty\n");
  }

  @Test
  void shouldConvertALegacyFile_whenTheFormatKnowsHow() throws IOException {
    Files.writeString(file(), "a\nbb\n");
    LogFormat lines = FORMAT.legacy((old, records) -> Files.readAllLines(old).forEach(line -> records.accept(body(line))));

    try (RecordLog log = RecordLog.open(file(), lines)) {
      assertThat(replay(log)).containsExactly("a", "bb");
      log.append(List.of(body("ccc")));
    }
    try (RecordLog log = RecordLog.open(file(), lines)) {
      assertThat(replay(log)).containsExactly("a", "bb", "ccc");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file());
    }
  }

  @Test
  void shouldLeaveALegacyFileAsItWas_whenItsConverterRefusesIt() throws IOException {
    Files.writeString(file(), "damaged");
    LogFormat refusing = FORMAT.legacy((old, records) -> {
      records.accept(body("half"));
      throw new IllegalStateException("line 1 is damaged");
    });

    assertThatThrownBy(() -> RecordLog.open(file(), refusing)).hasMessageContaining("line 1 is damaged");
    assertThat(file()).hasContent("damaged");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary file left").containsExactly(file());
    }
  }

  @Test
  void shouldRejectTheWholeAppend_whenOneRecordIsTooLargeOrEmpty() {
    try (RecordLog log = RecordLog.open(file(), FORMAT.maxRecordBytes(10))) {
      assertThatThrownBy(() -> log.append(List.of(body("fits"), body("far too large"))))
          .isInstanceOf(InvalidValueException.class).hasMessageContaining("more than the 10 allowed");
      assertThatThrownBy(() -> log.append(List.of(body(""))))
          .isInstanceOf(InvalidValueException.class).hasMessageContaining("must not be empty");
      assertThat(replay(log)).isEmpty();
    }
  }

  @Test
  void shouldFailThisAndEveryLaterWrite_whenAForceFails() {
    AtomicBoolean diskFails = new AtomicBoolean();
    RecordLog log = RecordLog.open(file(), FORMAT, channel -> {
      if (diskFails.get()) {
        throw new IOException("disk on fire");
      }
      channel.force(false);
    });
    log.append(List.of(body("a")));
    diskFails.set(true);

    assertThatThrownBy(() -> log.append(List.of(body("b"))))
        .isInstanceOfSatisfying(RecordLogException.class, e -> assertThat(e.problem()).isEqualTo(RecordLogException.Problem.IO))
        .hasMessageContaining("could not force test log").hasRootCauseMessage("disk on fire");
    diskFails.set(false);
    assertThatThrownBy(() -> log.write(List.of(body("c"))))
        .isInstanceOfSatisfying(RecordLogException.class, e -> assertThat(e.problem()).isEqualTo(RecordLogException.Problem.FAILED));
    log.close();
    assertThatThrownBy(() -> replay(log))
        .isInstanceOfSatisfying(RecordLogException.class, e -> assertThat(e.problem()).isEqualTo(RecordLogException.Problem.CLOSED));
    try (RecordLog reopened = RecordLog.open(file(), FORMAT)) {
      assertThat(replay(reopened)).startsWith("a").doesNotContain("c");
    }
  }

  @Test
  @Timeout(30)
  void shouldShareOneForce_whenAppendersWriteWhileAForceRuns() throws Exception {
    AtomicBoolean holdNextForce = new AtomicBoolean();
    CountDownLatch forcing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordLog log = RecordLog.open(file(), FORMAT, channel -> {
      if (holdNextForce.getAndSet(false)) {
        forcing.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      channel.force(false);
    });
    int appenders = 6;
    ExecutorService pool = Executors.newFixedThreadPool(appenders);
    try {
      holdNextForce.set(true);
      List<Future<?>> done = new ArrayList<>();
      done.add(pool.submit(() -> log.append(List.of(body("r0")))));
      forcing.await();
      for (int i = 1; i < appenders; i++) {
        String record = "r" + i;
        done.add(pool.submit(() -> log.append(List.of(body(record)))));
      }
      while (log.size() < 5 + appenders * 10L) {
        Thread.onSpinWait(); // every appender has written; they wait for a force
      }
      release.countDown();
      for (Future<?> future : done) {
        future.get();
      }

      assertThat(log.forceCount()).as("the held force, then one for the other five").isEqualTo(2);
      assertThat(replay(log)).hasSize(appenders);
    } finally {
      release.countDown();
      pool.shutdown();
      log.close();
    }
  }

  static void cut(Path file, int bytes) throws IOException {
    byte[] content = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(content, content.length - bytes));
  }

  /** A recovery that remembers where verification started and what it visited. */
  private static final class Seen implements RecordLog.Recovery {
    long from = -1;
    final List<String> records = new ArrayList<>();

    @Override
    public void verifyingFrom(long position) {
      from = position;
    }

    @Override
    public void record(long position, ByteBuffer body) {
      records.add(StandardCharsets.UTF_8.decode(body).toString());
    }
  }

  @Test
  void shouldVerifyOnlyWhatFollowsTheMark_whenTheFileStillHoldsTheMarkedRecord() {
    RecordLog.Mark mark;
    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      long[] positions = log.append(List.of(body("a"), body("bb")));
      mark = RecordLog.Mark.of(positions[1], body("bb"));
      log.append(List.of(body("ccc")));
    }
    Seen seen = new Seen();
    try (RecordLog log = RecordLog.open(file(), FORMAT, RecordLog.Forcer.DATA, mark, seen)) {
      assertThat(seen.from).isEqualTo(mark.end());
      assertThat(seen.records).containsExactly("ccc");
      assertThat(replay(log)).containsExactly("a", "bb", "ccc");
    }
  }

  @Test
  void shouldVerifyTheWholeFile_whenTheMarkedRecordIsNotThere() throws IOException {
    RecordLog.Mark mark;
    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      long[] positions = log.append(List.of(body("a"), body("bb")));
      mark = RecordLog.Mark.of(positions[1], body("bb"));
    }
    RecordLog.Mark other = new RecordLog.Mark(mark.position(), mark.end(), mark.checksum() + 1);
    RecordLog.Mark beyond = new RecordLog.Mark(mark.end(), mark.end() + 20, mark.checksum());
    for (RecordLog.Mark wrong : List.of(other, beyond)) {
      Seen seen = new Seen();
      try (RecordLog log = RecordLog.open(file(), FORMAT, RecordLog.Forcer.DATA, wrong, seen)) {
        assertThat(seen.from).isEqualTo(5);
        assertThat(seen.records).containsExactly("a", "bb");
        assertThat(log.size()).isEqualTo(mark.end());
      }
    }
  }

  @Test
  void shouldSetTheRecordAsideAndReadOn_whenAReadFindsDamageTheOpenDidNotVerify() throws IOException {
    long[] positions;
    RecordLog.Mark mark;
    try (RecordLog log = RecordLog.open(file(), FORMAT)) {
      positions = log.append(List.of(body("a"), body("bb"), body("ccc")));
      mark = RecordLog.Mark.of(positions[2], body("ccc"));
    }
    byte[] bytes = Files.readAllBytes(file());
    bytes[(int) positions[1] + 8] ^= (byte) 0xff;
    Files.write(file(), bytes);

    try (RecordLog log = RecordLog.open(file(), FORMAT, RecordLog.Forcer.DATA, mark, new Seen())) {
      List<String> read = new ArrayList<>();
      List<Long> damaged = new ArrayList<>();
      log.read(positions, (position, body) -> read.add(StandardCharsets.UTF_8.decode(body).toString()), damaged::add);
      assertThat(read).containsExactly("a", "ccc");
      assertThat(damaged).containsExactly(positions[1]);
      assertThat(log.damaged()).containsExactly(dir.resolve("test.log.damaged-at-" + positions[1]));
      assertThat(replay(log)).containsExactly("a", "ccc");
    }
  }
}
