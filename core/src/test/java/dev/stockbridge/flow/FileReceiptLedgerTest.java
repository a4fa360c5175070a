package dev.stockbridge.flow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.store.RecordLog;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file ledger passes the contract, survives reopening, tells a torn end from damage, refuses a
 * second open, and converts the text ledger of before.
 */
class FileReceiptLedgerTest extends ReceiptLedgerContract {

  @TempDir Path dir;

  private final List<ReceiptLedger> opened = new ArrayList<>();

  private Path file() {
    return dir.resolve("receipts.ledger");
  }

  @Override
  ReceiptLedger ledger() {
    ReceiptLedger ledger = ReceiptLedger.file(file());
    opened.add(ledger);
    return ledger;
  }

  /** Closes every ledger open on the file, then opens it again, as after a restart. */
  private ReceiptLedger reopened() {
    opened.forEach(ReceiptLedger::close);
    opened.clear();
    return ledger();
  }

  @AfterEach
  void closeLedgers() {
    opened.forEach(ReceiptLedger::close);
  }

  @Test
  void shouldKeepEveryLinesLastValue_whenReopened() {
    ReceiptLedger ledger = ledger();
    ledger.record("17", MUG, 4);
    ledger.record("17", MUG, 6);
    ledger.record("17", CUP, 2);

    ReceiptLedger reopened = reopened();

    assertThat(reopened.received("17", MUG)).isEqualTo(6);
    assertThat(reopened.received("17", CUP)).isEqualTo(2);
    assertThat(reopened.received("18", MUG)).isZero();
  }

  @Test
  void shouldKeepIdsIntact_whenTheyHoldTabsNewlinesAndNonAscii() {
    String order = "PO 17\twith\ttabs\nand a newline, 5%, ümlaut";
    VariantId variant = VariantId.of("c1_1\t+x");
    ledger().record(order, variant, 3);

    assertThat(reopened().received(order, variant)).isEqualTo(3);
    assertThat(records()).isEqualTo(1);
  }

  @Test
  void shouldCreateAFileHoldingOnlyItsHeader_whenNoneExists() throws IOException {
    ledger();

    assertThat(Files.size(file())).isEqualTo(5);
    assertThat(records()).isZero();
  }

  @Test
  void shouldWriteNothing_whenTheCumulativeIsNotAboveTheOneHeld() {
    ReceiptLedger ledger = ledger();
    ledger.record("17", MUG, 6);
    ledger.record("17", MUG, 6);
    ledger.record("17", MUG, 4);

    assertThat(records()).isEqualTo(1);
  }

  @Test
  void shouldDropTheTornLastRecordAndCutItOff_whenTheFileEndsMidRecord() throws IOException {
    ReceiptLedger ledger = ledger();
    ledger.record("17", MUG, 4);
    ledger.record("17", CUP, 2);
    long intact = Files.size(file());
    ledger.record("18", MUG, 5);
    reopened().close();
    cut(file(), 3);

    ReceiptLedger reopened = reopened();

    assertThat(reopened.received("17", MUG)).isEqualTo(4);
    assertThat(reopened.received("17", CUP)).isEqualTo(2);
    assertThat(reopened.received("18", MUG)).isZero();
    assertThat(Files.size(file())).as("the torn record is cut off").isEqualTo(intact);
    reopened.record("18", MUG, 5);
    assertThat(reopened().received("18", MUG)).as("later records land on a clean end").isEqualTo(5);
  }

  @Test
  void shouldSetTheDamagedRecordAsideAndKeepLaterOnes_whenARecordBeforeTheLastIsDamaged() throws IOException {
    ReceiptLedger ledger = ledger();
    ledger.record("17", MUG, 4);
    long second = Files.size(file());
    ledger.record("17", CUP, 2);
    ledger.record("18", MUG, 9);
    reopened().close();
    byte[] bytes = Files.readAllBytes(file());
    bytes[(int) second + 10] ^= 0x01;
    Files.write(file(), bytes);

    ReceiptLedger reopened = reopened();

    assertThat(reopened.received("17", MUG)).isEqualTo(4);
    assertThat(reopened.received("17", CUP)).as("set aside").isZero();
    assertThat(reopened.received("18", MUG)).as("kept").isEqualTo(9);
    assertThat(dir.resolve("receipts.ledger.damaged-at-" + second)).isNotEmptyFile();
  }

  @Test
  void shouldRefuseASecondOpen_whenTheLedgerIsOpen() {
    ledger();

    assertThatThrownBy(() -> ReceiptLedger.file(file()))
        .isInstanceOfSatisfying(ReceiptLedgerException.class, e -> assertThat(e.file()).isEqualTo(file()))
        .hasMessageContaining("already open");
  }

  @Test
  void shouldConvertTheTextLedgerOfBefore_whenOpened() throws IOException {
    String order = "PO 17\twith\ttabs\nand a newline, 5%, ümlaut";
    Files.write(file(), List.of(text("17", MUG, 4), text("17", MUG, 6), text(order, CUP, 2)), UTF_8);

    ReceiptLedger converted = ledger();

    assertThat(converted.received("17", MUG)).isEqualTo(6);
    assertThat(converted.received(order, CUP)).isEqualTo(2);
    converted.record("18", MUG, 1);
    assertThat(reopened().received("18", MUG)).isEqualTo(1);
    assertThat(records()).isEqualTo(4);
  }

  @Test
  void shouldDropTheTornLastLine_whenConvertingATextLedgerThatEndsMidLine() throws IOException {
    Files.write(file(), (text("17", MUG, 4) + "\n" + text("17", CUP, 2) + "\n18\tc1_1\t").getBytes(UTF_8));

    ReceiptLedger converted = ledger();

    assertThat(converted.received("17", MUG)).isEqualTo(4);
    assertThat(converted.received("17", CUP)).isEqualTo(2);
    assertThat(converted.received("18", MUG)).isZero();
    assertThat(records()).isEqualTo(2);
  }

  @Test
  void shouldDropTheLastLine_whenConvertingATextLedgerWhoseLastChecksumFails() throws IOException {
    Files.write(file(), List.of(text("17", MUG, 4), text("17", MUG, 6).replace("\t6\t", "\t7\t")), UTF_8);

    assertThat(ledger().received("17", MUG)).isEqualTo(4);
  }

  @Test
  void shouldRefuseTheTextLedgerNamingTheLine_whenALineBeforeTheLastIsDamaged() throws IOException {
    List<String> lines = List.of(text("17", MUG, 4), text("17", CUP, 2).replace("\t2\t", "\t3\t"), text("18", MUG, 9));
    Files.write(file(), lines, UTF_8);

    assertThatThrownBy(() -> ReceiptLedger.file(file()))
        .isInstanceOfSatisfying(ReceiptLedgerException.class, e -> {
          assertThat(e.file()).isEqualTo(file());
          assertThat(e.line()).isEqualTo(2);
        })
        .hasMessageContaining("receipt ledger " + file() + " line 2: the checksum does not match")
        .hasMessageContaining("restore it from a backup");
    assertThat(Files.readAllLines(file(), UTF_8)).as("a refused file is left as it was").isEqualTo(lines);
  }

  @Test
  void shouldRefuseTheTextLedgerNamingTheLine_whenALineBeforeTheLastHasTooFewFields() throws IOException {
    Files.write(file(), List.of("garbage", text("17", MUG, 4), text("17", CUP, 2)), UTF_8);

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
    assertThat(records()).isZero();
  }

  /** A line of the text ledger of before the record log. */
  private static String text(String order, VariantId variant, long cumulative) {
    String body = URLEncoder.encode(order, UTF_8) + '\t' + URLEncoder.encode(variant.value(), UTF_8) + '\t' + cumulative;
    CRC32C crc = new CRC32C();
    crc.update(body.getBytes(UTF_8));
    return body + '\t' + String.format("%08x", crc.getValue());
  }

  /** How many records the file holds, read with every ledger on it closed. */
  private long records() {
    opened.forEach(ReceiptLedger::close);
    opened.clear();
    long[] count = {0};
    try (RecordLog log = RecordLog.open(file(), FileReceiptLedger.FORMAT)) {
      log.replay((position, body) -> count[0]++);
    }
    return count[0];
  }

  private static void cut(Path file, int bytes) throws IOException {
    byte[] content = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(content, content.length - bytes));
  }
}
