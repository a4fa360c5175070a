package dev.stockbridge.planner.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.planner.spi.ReceiptLedger;
import dev.stockbridge.planner.spi.ReceiptLedgerException;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A receipt ledger in an append-only text file, one line per recorded value: {@code
 * <order>\t<variant>\t<cumulative>\t<crc32c>\n}, the ids URL-encoded, the checksum (8 hex digits)
 * over the UTF-8 bytes before its tab. Opening replays the file (last value wins); a damaged last
 * line is a record whose write never returned, so it is dropped with a WARN and cut off; damage
 * followed by more lines is refused. Each record is forced to disk before it returns. Thread-safe;
 * one ledger per file (the file is not locked).
 */
public final class FileReceiptLedger implements ReceiptLedger {

  private static final Logger LOG = LoggerFactory.getLogger(FileReceiptLedger.class);

  private final Path file;
  private final Map<Line, Long> received = new ConcurrentHashMap<>();
  /** Bytes [0, end) hold intact lines; guarded by this. */
  private long end;

  private FileReceiptLedger(Path file) {
    this.file = file;
  }

  /**
   * Opens the ledger in a file, creating the file if it does not exist, and replays it.
   *
   * @param file the ledger's file; its directory must exist
   * @return the ledger
   * @throws InvalidValueException if the path is null
   * @throws ReceiptLedgerException if the file cannot be read or is damaged before its last line
   */
  public static FileReceiptLedger open(Path file) {
    if (file == null) {
      throw new InvalidValueException("file", null, "must not be null");
    }
    FileReceiptLedger ledger = new FileReceiptLedger(file);
    ledger.replay();
    return ledger;
  }

  @Override
  public long received(String orderId, VariantId variant) {
    return received.getOrDefault(new Line(orderId, variant), 0L);
  }

  /**
   * {@inheritDoc} A value not above the one held is ignored, as in memory. Returns once the line
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
    ByteBuffer bytes = ByteBuffer.wrap(encode(line, cumulative));
    // Written at end, not appended: what a failed write left behind is overwritten by the next.
    try (FileChannel channel = FileChannel.open(file, WRITE)) {
      while (bytes.hasRemaining()) {
        channel.write(bytes, end + bytes.position());
      }
      channel.force(true);
    } catch (IOException e) {
      throw new ReceiptLedgerException(file, 0, "could not record " + cumulative + " received on purchase order "
          + orderId + " line " + variant + " (" + e.getClass().getSimpleName() + "); the receipt is moved again"
          + " under the same idempotency key on the next read", e);
    }
    end += bytes.limit();
    received.put(line, cumulative);
  }

  private synchronized void replay() {
    byte[] content;
    try {
      if (Files.notExists(file)) {
        Files.write(file, new byte[0], CREATE, WRITE);
      }
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ReceiptLedgerException(file, 0, "cannot be read (" + e.getClass().getSimpleName() + "): check the path and its permissions", e);
    }
    int start = 0;
    long number = 1;
    while (start < content.length) {
      int newline = indexOf(content, (byte) '\n', start);
      boolean last = newline < 0 || newline == content.length - 1;
      int stop = newline < 0 ? content.length : newline;
      try {
        if (newline < 0) {
          throw new StockbridgeException("the line has no end");
        }
        decode(new String(content, start, stop - start, UTF_8));
      } catch (RuntimeException damage) {
        if (!last) {
          throw new ReceiptLedgerException(file, number, damage.getMessage() + "; later lines follow it, so the file"
              + " is damaged, not cut short: restore it from a backup (losing it would move earlier receipts again)", damage);
        }
        LOG.warn("receipt ledger {} line {}: dropped, cut short by a write that never finished ({})", file, number, damage.getMessage());
        cut(start);
        break;
      }
      start = stop + 1;
      number++;
    }
    end = start;
  }

  private void decode(String text) {
    int checksumAt = text.lastIndexOf('\t');
    String[] fields = checksumAt < 0 ? new String[0] : text.substring(0, checksumAt).split("\t", -1);
    if (fields.length != 3) {
      throw new StockbridgeException("expected 4 tab-separated fields");
    }
    String body = text.substring(0, checksumAt);
    if (!text.substring(checksumAt + 1).equals(checksum(body))) {
      throw new StockbridgeException("the checksum does not match");
    }
    try {
      Line line = new Line(URLDecoder.decode(fields[0], UTF_8), VariantId.of(URLDecoder.decode(fields[1], UTF_8)));
      long cumulative = Long.parseLong(fields[2]);
      if (cumulative < 0) {
        throw new StockbridgeException("negative cumulative quantity " + cumulative);
      }
      received.put(line, cumulative);
    } catch (IllegalArgumentException e) {
      throw new StockbridgeException("unreadable field: " + e.getMessage(), e);
    }
  }

  private void cut(long at) {
    try (FileChannel channel = FileChannel.open(file, WRITE)) {
      channel.truncate(at);
      channel.force(true);
    } catch (IOException e) {
      throw new ReceiptLedgerException(file, 0, "cannot cut off its damaged last line (" + e.getClass().getSimpleName() + "): check its permissions", e);
    }
  }

  private static byte[] encode(Line line, long cumulative) {
    String body = URLEncoder.encode(line.orderId(), UTF_8) + '\t' + URLEncoder.encode(line.variant().value(), UTF_8) + '\t' + cumulative;
    return (body + '\t' + checksum(body) + '\n').getBytes(UTF_8);
  }

  private static String checksum(String body) {
    CRC32C crc = new CRC32C();
    crc.update(body.getBytes(UTF_8));
    return String.format("%08x", crc.getValue());
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
