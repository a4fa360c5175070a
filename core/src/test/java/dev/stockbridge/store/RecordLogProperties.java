package dev.stockbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;

/**
 * Invariants of the record log over generated histories: whatever appends were made, cutting the
 * file at any byte (a crash) replays exactly the records that ended before the cut, and damaging
 * any byte of a record other than the last loses that record only.
 */
class RecordLogProperties {

  /** Durability is not under test here; skipping forces keeps the tries fast. */
  private static final RecordLog.Forcer NO_FORCE = channel -> {};

  private final List<Path> directories = new ArrayList<>();

  @AfterTry
  void deleteDirectories() throws IOException {
    for (Path directory : directories) {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    directories.clear();
  }

  @Property(tries = 300)
  void shouldReplayExactlyTheRecordsBeforeTheCut_whenTheFileIsCutAnywhere(
      @ForAll("histories") List<List<byte[]>> batches, @ForAll("fractions") double where) throws IOException {
    Written written = write(batches);
    int cut = (int) Math.round(where * written.bytes().length);
    Path file = fileWith(Arrays.copyOf(written.bytes(), cut));
    List<String> survivors = new ArrayList<>();
    for (int i = 0; i < written.records().size(); i++) {
      if (written.ends().get(i) <= cut) {
        survivors.add(written.records().get(i));
      }
    }

    try (RecordLog log = RecordLog.open(file, RecordLogTest.FORMAT, NO_FORCE)) {
      assertThat(replay(log)).as("a prefix").isEqualTo(survivors);
      log.append(List.of(ByteBuffer.wrap(new byte[] {42})));
    }
    survivors.add("2a");
    try (RecordLog log = RecordLog.open(file, RecordLogTest.FORMAT, NO_FORCE)) {
      assertThat(replay(log)).as("later appends land on a clean end").isEqualTo(survivors);
    }
  }

  @Property(tries = 300)
  void shouldLoseOnlyTheDamagedRecord_whenAByteOfARecordBeforeTheLastIsFlipped(
      @ForAll("histories") List<List<byte[]>> batches, @ForAll("fractions") double where,
      @ForAll("masks") int mask) throws IOException {
    Written written = write(batches);
    int records = written.records().size();
    if (records < 2) {
      return; // nothing before the last record
    }
    int lastStart = written.ends().get(records - 2);
    int position = Frames.HEADER + (int) (where * (lastStart - Frames.HEADER - 1));
    byte[] damaged = written.bytes().clone();
    damaged[position] ^= (byte) mask;
    int hit = 0;
    while (written.ends().get(hit) <= position) {
      hit++;
    }
    List<String> intact = new ArrayList<>(written.records());
    intact.remove(hit);

    try (RecordLog log = RecordLog.open(fileWith(damaged), RecordLogTest.FORMAT, NO_FORCE)) {
      assertThat(replay(log)).isEqualTo(intact);
    }
  }

  @Provide
  Arbitrary<List<List<byte[]>>> histories() {
    Arbitrary<byte[]> record = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300);
    return record.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1);
  }

  @Provide
  Arbitrary<Integer> masks() {
    return Arbitraries.integers().between(1, 255);
  }

  /** Appends the batches to a new log and reads back its bytes. */
  private Written write(List<List<byte[]>> batches) throws IOException {
    Path file = newFile();
    List<String> records = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    try (RecordLog log = RecordLog.open(file, RecordLogTest.FORMAT, NO_FORCE)) {
      for (List<byte[]> batch : batches) {
        long[] positions = log.append(batch.stream().map(ByteBuffer::wrap).toList());
        for (int i = 0; i < batch.size(); i++) {
          records.add(HexFormat.of().formatHex(batch.get(i)));
          ends.add((int) positions[i] + Frames.FRAME_HEADER + batch.get(i).length);
        }
      }
    }
    return new Written(Files.readAllBytes(file), records, ends);
  }

  private Path fileWith(byte[] bytes) throws IOException {
    Path file = newFile();
    Files.write(file, bytes);
    return file;
  }

  private Path newFile() throws IOException {
    Path directory = Files.createTempDirectory("record-log-");
    directories.add(directory);
    return directory.resolve("test.log");
  }

  private static List<String> replay(RecordLog log) {
    List<String> records = new ArrayList<>();
    log.replay((position, body) -> {
      byte[] bytes = new byte[body.remaining()];
      body.get(bytes);
      records.add(HexFormat.of().formatHex(bytes));
    });
    return records;
  }

  /** A log's bytes, its records (hex) and where each record ends. */
  private record Written(byte[] bytes, List<String> records, List<Integer> ends) {}
}
