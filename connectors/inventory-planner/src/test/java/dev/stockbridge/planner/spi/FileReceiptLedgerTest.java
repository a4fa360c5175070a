package dev.stockbridge.planner.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.mapping.VariantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file ledger passes the contract, survives reopening and tells a torn end from damage. */
class FileReceiptLedgerTest extends ReceiptLedgerContract {

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("receipts.ledger");
  }

  @Override
  ReceiptLedger ledger() {
    return ReceiptLedger.file(file());
  }

  @Test
  void shouldKeepEveryLinesLastValue_whenReopened() {
    ReceiptLedger ledger = ledger();
    ledger.record("17", MUG, 4);
    ledger.record("17", MUG, 6);
    ledger.record("17", CUP, 2);

    ReceiptLedger reopened = ReceiptLedger.file(file());

    assertThat(reopened.received("17", MUG)).isEqualTo(6);
    assertThat(reopened.received("17", CUP)).isEqualTo(2);
    assertThat(reopened.received("18", MUG)).isZero();
  }

  @Test
  void shouldKeepIdsIntact_whenTheyHoldTabsNewlinesAndNonAscii() {
    String order = "PO 17\twith\ttabs\nand a newline, 5%, ümlaut";
    VariantId variant = VariantId.of("c1_1\t+x");
    ledger().record(order, variant, 3);

    assertThat(ReceiptLedger.file(file()).received(order, variant)).isEqualTo(3);
    assertThat(lines()).hasSize(1);
  }

  @Test
  void shouldCreateAnEmptyFile_whenNoneExists() {
    ledger();

    assertThat(file()).exists().isEmptyFile();
  }

  @Test
  void shouldWriteNothing_whenTheCumulativeIsNotAboveTheOneHeld() {
    ReceiptLedger ledger = ledger();
    ledger.record("17", MUG, 6);
    ledger.record("17", MUG, 6);
    ledger.record("17", MUG, 4);

    assertThat(lines()).hasSize(1);
  }

  @Test
  void shouldDropTheTornLastLineAndCutItOff_whenTheFileEndsMidLine() throws IOException {
    ReceiptLedger ledger = ledger();
    ledger.record("17", MUG, 4);
    ledger.record("17", CUP, 2);
    long intact = Files.size(file());
    Files.write(file(), "18\tc1_1\t".getBytes(UTF_8), StandardOpenOption.APPEND);

    ReceiptLedger reopened = ReceiptLedger.file(file());

    assertThat(reopened.received("17", MUG)).isEqualTo(4);
    assertThat(reopened.received("17", CUP)).isEqualTo(2);
    assertThat(reopened.received("18", MUG)).isZero();
    assertThat(Files.size(file())).as("the torn line is cut off").isEqualTo(intact);
    reopened.record("18", MUG, 5);
    assertThat(ReceiptLedger.file(file()).received("18", MUG)).as("later records land on a clean end").isEqualTo(5);
  }

  @Test
  void shouldDropTheLastLine_whenOnlyItsChecksumFails() throws IOException {
    ReceiptLedger ledger = ledger();
    ledger.record("17", MUG, 4);
    ledger.record("17", MUG, 6);
    List<String> lines = lines();
    Files.write(file(), List.of(lines.get(0), lines.get(1).replace("\t6\t", "\t7\t")), UTF_8);

    assertThat(ReceiptLedger.file(file()).received("17", MUG)).isEqualTo(4);
    assertThat(lines()).containsExactly(lines.get(0));
  }

  @Test
  void shouldRefuseTheFileNamingTheLine_whenALineBeforeTheLastIsDamaged() throws IOException {
    ReceiptLedger ledger = ledger();
    ledger.record("17", MUG, 4);
    ledger.record("17", CUP, 2);
    ledger.record("18", MUG, 9);
    List<String> lines = lines();
    Files.write(file(), List.of(lines.get(0), lines.get(1).replace("\t2\t", "\t3\t"), lines.get(2)), UTF_8);

    assertThatThrownBy(() -> ReceiptLedger.file(file()))
        .isInstanceOfSatisfying(ReceiptLedgerException.class, e -> {
          assertThat(e.file()).isEqualTo(file());
          assertThat(e.line()).isEqualTo(2);
        })
        .hasMessageContaining("receipt ledger " + file() + " line 2: the checksum does not match")
        .hasMessageContaining("restore it from a backup");
    assertThat(lines()).as("a refused file is left as it was").hasSize(3);
  }

  @Test
  void shouldRefuseTheFileNamingTheLine_whenALineBeforeTheLastHasTooFewFields() throws IOException {
    ReceiptLedger ledger = ledger();
    ledger.record("17", MUG, 4);
    ledger.record("17", CUP, 2);
    List<String> lines = lines();
    Files.write(file(), List.of("garbage", lines.get(0), lines.get(1)), UTF_8);

    assertThatThrownBy(() -> ReceiptLedger.file(file()))
        .isInstanceOfSatisfying(ReceiptLedgerException.class, e -> assertThat(e.line()).isEqualTo(1))
        .hasMessageContaining("line 1: expected 4 tab-separated fields");
  }

  @Test
  void shouldFailNamingTheFile_whenItsDirectoryDoesNotExist() {
    Path missing = dir.resolve("no-such-dir/receipts.ledger");

    assertThatThrownBy(() -> ReceiptLedger.file(missing))
        .isInstanceOfSatisfying(ReceiptLedgerException.class, e -> assertThat(e.line()).isZero())
        .hasMessageContaining("receipt ledger " + missing + ": cannot be read");
  }

  @Test
  void shouldRefuseANegativeCumulative_whenRecording() {
    ReceiptLedger ledger = ledger();

    assertThatThrownBy(() -> ledger.record("17", MUG, -1))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("cumulative");
    assertThat(lines()).isEmpty();
  }

  private List<String> lines() {
    try {
      return Files.readAllLines(file(), UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
