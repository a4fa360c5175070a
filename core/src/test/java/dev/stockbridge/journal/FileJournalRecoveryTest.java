package dev.stockbridge.journal;

import static dev.stockbridge.spi.MovementJournalContract.movement;
import static dev.stockbridge.spi.MovementJournalContract.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.MovementJournalContract.Mark;
import dev.stockbridge.InventoryState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Opening damaged journal files: a reference journal is cut or has a byte flipped, and recovery
 * must keep every intact record before a torn tail, or refuse damage that intact records follow.
 * The cut property covers every cut position (jqwik enumerates them all).
 */
class FileJournalRecoveryTest {

  /** Durability is not under test here; skipping forces keeps a thousand tries fast. */
  private static final FileJournal.Forcer NO_FORCE = channel -> {};

  private static final StockKey TEE = StockKey.of("TEE", "london-dc");
  private static final Movement LATE = movement("LATE", 1);
  /** The record log's file header: magic number and version. */
  private static final int HEADER = 5;

  private static Reference reference;

  private final List<Path> directories = new ArrayList<>();

  @BeforeContainer
  static void writeReference() throws IOException {
    InventoryState consignment = new InventoryState("CONSIGNMENT", true, false);
    List<Object> records =
        List.of(
            movement("TEE", 1),
            new Mark(TEE, 1),
            movement("TEE", 2),
            new Movement(
                MovementKind.RECEIPT, Sku.of("TASSE-GRÖẞE-L"), Location.of("köln"), consignment,
                12, "Lieferung 🚚 42", "receipt/42", 9),
            new Mark(TEE, 2),
            movement("MUG", 1));
    Path directory = Files.createTempDirectory("journal-reference-");
    Path file = directory.resolve(FileJournal.FILE_NAME);
    List<Integer> ends = new ArrayList<>();
    try (FileJournal journal = FileJournal.open(directory, NO_FORCE)) {
      for (Object record : records) {
        if (record instanceof Mark mark) {
          journal.applied(mark.key(), mark.sequence());
        } else {
          journal.append(List.of((Movement) record));
        }
        ends.add((int) Files.size(file));
      }
    }
    reference = new Reference(Files.readAllBytes(file), records, ends);
    delete(directory);
  }

  @AfterTry
  void deleteDirectories() throws IOException {
    for (Path directory : directories) {
      delete(directory);
    }
    directories.clear();
  }

  @Property
  void shouldKeepEveryWholeRecordAndAppendCleanly_whenTheFileIsCutAnywhere(
      @ForAll("cuts") int cut) throws IOException {
    Path directory = journalOf(Arrays.copyOf(reference.bytes(), cut));
    List<Object> survivors = reference.recordsEndingBy(cut);

    try (FileJournal journal = FileJournal.open(directory, NO_FORCE)) {
      assertThat(replay(journal)).isEqualTo(survivors);
      journal.append(List.of(LATE));
    }
    try (FileJournal journal = FileJournal.open(directory, NO_FORCE)) {
      assertThat(replay(journal)).isEqualTo(with(survivors, LATE));
    }
  }

  @Property
  void shouldDropOnlyTheLastRecord_whenOneOfItsBytesIsFlipped(
      @ForAll("inLastRecord") int position, @ForAll @IntRange(min = 1, max = 255) int mask)
      throws IOException {
    Path directory = journalOf(flipped(position, mask));
    List<Object> allButLast = reference.records().subList(0, reference.records().size() - 1);

    try (FileJournal journal = FileJournal.open(directory, NO_FORCE)) {
      assertThat(replay(journal)).isEqualTo(allButLast);
      journal.append(List.of(LATE));
    }
    try (FileJournal journal = FileJournal.open(directory, NO_FORCE)) {
      assertThat(replay(journal)).isEqualTo(with(allButLast, LATE));
    }
  }

  @Property
  void shouldSkipOnlyTheDamagedRecordAndSetItAside_whenAByteBeforeTheLastRecordIsFlipped(
      @ForAll("beforeLastRecord") int position, @ForAll @IntRange(min = 1, max = 255) int mask)
      throws IOException {
    byte[] damaged = flipped(position, mask);
    Path directory = journalOf(damaged);
    long recordStart = reference.startOfRecordHolding(position);

    List<Object> intact = new ArrayList<>(reference.records());
    intact.remove(reference.recordHolding(position));

    try (FileJournal journal = FileJournal.open(directory, NO_FORCE)) {
      assertThat(replay(journal)).as("every intact record survives").isEqualTo(intact);
      journal.append(List.of(LATE));
    }
    try (FileJournal journal = FileJournal.open(directory, NO_FORCE)) {
      assertThat(replay(journal)).isEqualTo(with(intact, LATE));
    }
    assertThat(directory.resolve(FileJournal.FILE_NAME + ".damaged-at-" + recordStart))
        .as("the damaged bytes are kept for investigation")
        .isNotEmptyFile();
  }

  @Example
  void shouldRefuseToOpen_whenTheFileIsNotAJournal() throws IOException {
    Path directory = journalOf("order,sku,qty\n".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> FileJournal.open(directory, NO_FORCE))
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining("byte offset 0: the file is not a Stockbridge journal");
  }

  @Example
  void shouldRefuseToOpen_whenTheFormatVersionIsUnknown() throws IOException {
    byte[] bytes = reference.bytes().clone();
    bytes[4] = 2;
    Path directory = journalOf(bytes);

    assertThatThrownBy(() -> FileJournal.open(directory, NO_FORCE))
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining("byte offset 4: unsupported format version 2");
  }

  @Provide
  Arbitrary<Integer> cuts() {
    return Arbitraries.integers().between(0, reference.bytes().length - 1);
  }

  @Provide
  Arbitrary<Integer> inLastRecord() {
    int last = reference.records().size() - 1;
    return Arbitraries.integers().between(reference.start(last), reference.bytes().length - 1);
  }

  @Provide
  Arbitrary<Integer> beforeLastRecord() {
    int last = reference.records().size() - 1;
    return Arbitraries.integers().between(HEADER, reference.start(last) - 1);
  }

  private Path journalOf(byte[] bytes) throws IOException {
    Path directory = Files.createTempDirectory("journal-");
    directories.add(directory);
    Files.write(directory.resolve(FileJournal.FILE_NAME), bytes);
    return directory;
  }

  private static byte[] flipped(int position, int mask) {
    byte[] bytes = reference.bytes().clone();
    bytes[position] ^= (byte) mask;
    return bytes;
  }

  private static List<Object> with(List<Object> records, Object last) {
    return Stream.concat(records.stream(), Stream.of(last)).toList();
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** A journal's bytes, the records it holds and the offset where each record ends. */
  private record Reference(byte[] bytes, List<Object> records, List<Integer> ends) {

    int start(int record) {
      return record == 0 ? HEADER : ends.get(record - 1);
    }

    List<Object> recordsEndingBy(int cut) {
      return records.subList(0, (int) ends.stream().filter(end -> end <= cut).count());
    }

    int recordHolding(int position) {
      int record = 0;
      while (ends.get(record) <= position) {
        record++;
      }
      return record;
    }

    int startOfRecordHolding(int position) {
      return start(recordHolding(position));
    }
  }
}
