package dev.stockbridge.flow;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.store.LogFormat;
import dev.stockbridge.store.RecordLog;
import dev.stockbridge.store.RecordLogException;
import dev.stockbridge.store.RecordReader;
import dev.stockbridge.store.RecordWriter;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A receipt ledger in a {@link RecordLog}, one record per recorded value: {@code orderId:str,
 * variant:str, cumulative:long}, as {@link RecordWriter} writes them. Opening replays the file (the last value
 * of a line wins); the record log drops a torn last record with a WARN and sets a damaged one
 * aside. Each record is forced to disk before it returns. A text ledger of before the record log
 * is converted on open, by its own rules (a torn last line dropped, earlier damage refused naming
 * the line). Thread-safe: {@code record} holds this object's lock; reads use a concurrent map. One
 * ledger per file: a second open, in this or another process, fails.
 */
final class FileReceiptLedger implements ReceiptLedger {

  /** The ledger's record log format; "\u0089SBR" never starts a line of the text ledger of before. */
  public static final LogFormat FORMAT =
      LogFormat.of("receipt ledger", 0x89534252).maxRecordBytes(1 << 20).legacy(FileReceiptLedger::convertText);

  private static final Logger LOG = LoggerFactory.getLogger(FileReceiptLedger.class);

  private final Path file;
  /** Set once, while opening; never changed after. */
  private RecordLog log;
  private final Map<Line, Long> received = new ConcurrentHashMap<>();

  private FileReceiptLedger(Path file) {
    this.file = file;
  }

  /**
   * Opens the ledger in a file, creating the file if it does not exist, and replays it.
   *
   * @param file the ledger's file; its directory must exist
   * @return the ledger
   * @throws InvalidValueException if the path is null
   * @throws ReceiptLedgerException if the file cannot be read, is not a ledger, is already open, or
   *     is a text ledger of before damaged before its last line
   */
  public static FileReceiptLedger open(Path file) {
    if (file == null) {
      throw new InvalidValueException("file", null, "must not be null");
    }
    FileReceiptLedger ledger = new FileReceiptLedger(file);
    try {
      // The values are taken while opening verifies the file: one read of it, not two.
      ledger.log = RecordLog.open(file, FORMAT, RecordLog.Forcer.DATA, (position, body) -> ledger.replayed(body, position));
    } catch (RecordLogException e) {
      throw new ReceiptLedgerException(file, 0, problem(e), e);
    }
    return ledger;
  }

  @Override
  public long received(String orderId, VariantId variant) {
    return received.getOrDefault(new Line(orderId, variant), 0L);
  }

  /**
   * {@inheritDoc} A value not above the one held is ignored, as in memory. Returns once the record
   * is forced to disk.
   *
   * @throws InvalidValueException if the order id is blank or the cumulative quantity negative
   * @throws ReceiptLedgerException if writing fails; the value is then not recorded
   */
  @Override
  public synchronized void record(String orderId, VariantId variant, long cumulative) {
    Line line = new Line(orderId, variant);
    if (cumulative < 0) {
      throw new InvalidValueException("cumulative", cumulative, "must not be negative");
    }
    if (cumulative <= received.getOrDefault(line, 0L)) {
      return;
    }
    try {
      log.append(List.of(encode(line, cumulative)));
    } catch (RecordLogException e) {
      throw new ReceiptLedgerException(file, 0, "could not record " + cumulative + " received on purchase order "
          + orderId + " line " + variant + " (" + e.getMessage() + "); the receipt is moved again"
          + " under the same idempotency key on the next read", e);
    }
    received.put(line, cumulative);
  }

  /**
   * Closes the file. Recorded values are on disk already.
   *
   * @throws ReceiptLedgerException if closing fails
   */
  @Override
  public void close() {
    try {
      log.close();
    } catch (RecordLogException e) {
      throw new ReceiptLedgerException(file, 0, problem(e), e);
    }
  }

  private void replayed(ByteBuffer body, long position) {
    try {
      RecordReader in = new RecordReader(body);
      Line line = new Line(in.getString(), VariantId.of(in.getString()));
      long cumulative = in.getLong();
      in.end();
      if (cumulative < 0) {
        throw new IllegalArgumentException("negative cumulative " + cumulative);
      }
      received.put(line, cumulative);
    } catch (IllegalArgumentException | InvalidValueException e) {
      throw new ReceiptLedgerException(file, 0, "the record at byte offset " + position + " is undecodable ("
          + e + "): written by a newer version?", e);
    }
  }

  private static ByteBuffer encode(Line line, long cumulative) {
    return new RecordWriter(64).putString(line.orderId()).putString(line.variant().value()).putLong(cumulative).toBody();
  }

  private static String problem(RecordLogException e) {
    return switch (e.problem()) {
      case IO -> "cannot be read (" + e.getCause().getClass().getSimpleName() + "): check the path and its permissions";
      case NOT_READABLE -> "is not a receipt ledger (" + e.detail() + ")";
      default -> e.getMessage();
    };
  }

  /**
   * Reads the text ledger of before the record log: {@code <order>\t<variant>\t<cumulative>\t<crc32c>\n},
   * ids URL-encoded, the checksum (8 hex digits) over the UTF-8 bytes before its tab. A damaged last
   * line is a write that never returned: dropped with a WARN. Damage before it refuses the file.
   */
  private static void convertText(Path file, Consumer<ByteBuffer> records) throws IOException {
    byte[] content = Files.readAllBytes(file);
    int start = 0;
    long number = 1;
    while (start < content.length) {
      int newline = indexOf(content, (byte) '\n', start);
      boolean last = newline < 0 || newline == content.length - 1;
      int stop = newline < 0 ? content.length : newline;
      ByteBuffer record;
      try {
        if (newline < 0) {
          throw new StockbridgeException("the line has no end");
        }
        record = decodeText(new String(content, start, stop - start, UTF_8));
      } catch (RuntimeException damage) {
        if (!last) {
          throw new ReceiptLedgerException(file, number, damage.getMessage() + "; later lines follow it, so the file"
              + " is damaged, not cut short: restore it from a backup (losing it would move earlier receipts again)", damage);
        }
        LOG.warn("receipt ledger {} line {}: dropped, cut short by a write that never finished ({})", file, number, damage.getMessage());
        return;
      }
      records.accept(record);
      start = stop + 1;
      number++;
    }
  }

  private static ByteBuffer decodeText(String text) {
    int checksumAt = text.lastIndexOf('\t');
    String[] fields = checksumAt < 0 ? new String[0] : text.substring(0, checksumAt).split("\t", -1);
    if (fields.length != 3) {
      throw new StockbridgeException("expected 4 tab-separated fields");
    }
    String body = text.substring(0, checksumAt);
    CRC32C crc = new CRC32C();
    crc.update(body.getBytes(UTF_8));
    if (!text.substring(checksumAt + 1).equals(String.format("%08x", crc.getValue()))) {
      throw new StockbridgeException("the checksum does not match");
    }
    try {
      Line line = new Line(URLDecoder.decode(fields[0], UTF_8), VariantId.of(URLDecoder.decode(fields[1], UTF_8)));
      long cumulative = Long.parseLong(fields[2]);
      if (cumulative < 0) {
        throw new StockbridgeException("negative cumulative quantity " + cumulative);
      }
      return encode(line, cumulative);
    } catch (IllegalArgumentException e) {
      throw new StockbridgeException("unreadable field: " + e.getMessage(), e);
    }
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** A purchase order line: the ledger's key. */
  private record Line(String orderId, VariantId variant) {

    Line {
      if (orderId == null || orderId.isBlank()) {
        throw new InvalidValueException("orderId", orderId, "must not be blank");
      }
      Objects.requireNonNull(variant, "variant");
    }
  }
}
