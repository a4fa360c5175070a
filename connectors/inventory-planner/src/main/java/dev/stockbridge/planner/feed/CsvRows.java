package dev.stockbridge.planner.feed;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One CSV file being written: the declared header, then rows cell by cell, encoded straight into a
 * byte buffer (UTF-8 without a byte-order mark, LF line ends). A text cell holding a comma, a
 * quote, CR or LF is wrapped in quotes with quotes doubled (RFC 4180) and made safe against
 * formula injection by {@link #neutralise(String)}; numbers, instants, dates and flags are written
 * as they are. Every row must have exactly the header's number of cells, so a writer cannot drift
 * from its declared schema. Not thread-safe: one file, one thread.
 *
 * <p>Hand-written rather than Jackson's generator because the sales-orders file is the one that
 * grows with the business: this writes a cell without building a {@code String} per row or per
 * number, which makes it about twice as fast (see the feed benchmark).
 */
final class CsvRows {

  private static final int BUFFER = 1 << 16;
  /** Room for the longest cell that is not text: a BigDecimal's plain form is bounded by this. */
  private static final int SHORT_CELL = 64;
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  private final String feed;
  private final OutputStream target;
  private final int columns;
  private final byte[] buffer = new byte[BUFFER];
  private int position;
  private int cells;
  /** The date part of the last instant written: rows cluster by day, so most reuse it. */
  final Instants.DatePart lastDay = new Instants.DatePart();
  private long rows;

  CsvRows(String feed, OutputStream target, List<String> header) {
    this.feed = feed;
    this.target = target;
    this.columns = header.size();
    for (String column : header) {
      separate();
      quoted(column);
    }
    newline();
  }

  /**
   * The formula-injection rule: a text cell that starts with {@code = + - @}, TAB, CR or an
   * apostrophe gets one more apostrophe in front, so a spreadsheet shows it as text instead of
   * running it. Escaping the apostrophe too keeps the rule reversible: a reader that strips one
   * leading apostrophe from a text cell that starts with one gets the original value back.
   */
  static String neutralise(String value) {
    return needsApostrophe(value) ? "'" + value : value;
  }

  private static boolean needsApostrophe(String value) {
    if (value.isEmpty()) {
      return false;
    }
    return switch (value.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r', '\'' -> true;
      default -> false;
    };
  }

  CsvRows text(String value) {
    separate();
    if (needsApostrophe(value)) {
      quotedWithApostrophe(value);
    } else {
      quoted(value);
    }
    return this;
  }

  /**
   * Two values joined by a separator as one text cell, e.g. {@code orderId/lineId}, without
   * building the joined string: the same rules as {@link #text(String)} for the whole cell.
   */
  CsvRows text(String first, char separator, String second) {
    if (needsApostrophe(first) || first.isEmpty() || mustQuote(first) || mustQuote(second)
        || separator == ',' || separator == '"' || (first.length() + second.length()) * 3 + 8 > buffer.length) {
      return text(first + separator + second);
    }
    separate();
    quoted(first);
    room(1);
    buffer[position++] = (byte) separator;
    quoted(second);
    return this;
  }

  private static boolean mustQuote(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  CsvRows text(Optional<String> value) {
    return text(value.orElse(""));
  }

  CsvRows number(long value) {
    separate();
    room(20);
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        ascii(Long.toString(value));
        return this;
      }
      buffer[position++] = '-';
      value = -value;
    }
    digits(value, 1);
    return this;
  }

  CsvRows number(OptionalLong value) {
    return value.isPresent() ? number(value.getAsLong()) : empty();
  }

  /** A decimal in plain notation, never an exponent: {@code 12.50}, {@code -3}, {@code 0.005}. */
  CsvRows number(BigDecimal value) {
    separate();
    int scale = value.scale();
    BigInteger unscaled = scale >= 0 && scale <= 18 ? value.unscaledValue() : null;
    if (unscaled == null || unscaled.bitLength() >= 63) { // Long.MIN_VALUE, too, cannot be negated
      ascii(value.toPlainString());
      return this;
    }
    long units = unscaled.longValue();
    room(SHORT_CELL);
    if (units < 0) {
      buffer[position++] = '-';
      units = -units;
    }
    if (scale == 0) {
      digits(units, 1);
      return this;
    }
    long pow = TEN[scale];
    digits(units / pow, 1);
    buffer[position++] = '.';
    digits(units % pow, scale);
    return this;
  }

  CsvRows number(Optional<BigDecimal> value) {
    return value.isPresent() ? number(value.get()) : empty();
  }

  CsvRows instant(Instant value) {
    separate();
    Instants.write(value, this);
    return this;
  }

  CsvRows instant(Optional<Instant> value) {
    return value.isPresent() ? instant(value.get()) : empty();
  }

  CsvRows date(LocalDate value) {
    separate();
    ascii(value.toString());
    return this;
  }

  CsvRows flag(boolean value) {
    separate();
    bytes(value ? TRUE : FALSE);
    return this;
  }

  /** A missing optional value. */
  CsvRows empty() {
    separate();
    return this;
  }

  /**
   * Ends the current row.
   *
   * @throws IllegalStateException if the row does not have the header's number of cells: a
   *     writer bug, caught here before the planner would skip the file
   */
  void end() {
    if (cells != columns) {
      throw new IllegalStateException(feed + ": row " + (rows + 1) + " has " + cells + " cells, the schema " + columns);
    }
    newline();
    rows++;
  }

  long rows() {
    return rows;
  }

  /** Flushes everything written; the target stays open. */
  void finish() {
    drain();
    try {
      target.flush();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  // ---- bytes ----

  private static final long[] TEN = new long[19];

  static {
    TEN[0] = 1;
    for (int i = 1; i < TEN.length; i++) {
      TEN[i] = TEN[i - 1] * 10;
    }
  }

  private void separate() {
    if (cells++ > 0) {
      room(1);
      buffer[position++] = ',';
    }
  }

  private void newline() {
    room(1);
    buffer[position++] = '\n';
    cells = 0;
  }

  /** Writes a non-negative number with at least {@code width} digits, zero-padded; room is made. */
  void digits(long value, int width) {
    int length = 1;
    while (length < 19 && value >= TEN[length]) {
      length++;
    }
    length = Math.max(length, width);
    int end = position + length;
    int i = end;
    while (value >= 100) { // two digits per division
      int pair = (int) (value % 100);
      value /= 100;
      buffer[--i] = (byte) ('0' + pair % 10);
      buffer[--i] = (byte) ('0' + pair / 10);
    }
    while (i > position) {
      buffer[--i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    position = end;
  }

  /** Copies bytes this class or {@link Instants} prepared; room is made by the caller. */
  void put(byte[] bytes, int length) {
    System.arraycopy(bytes, 0, buffer, position, length);
    position += length;
  }

  /** Makes room for {@code bytes} more bytes; used by {@link Instants}. */
  void room(int bytes) {
    if (position + bytes > buffer.length) {
      drain();
    }
  }

  void put(char ascii) {
    buffer[position++] = (byte) ascii;
  }

  private void bytes(byte[] value) {
    room(value.length);
    System.arraycopy(value, 0, buffer, position, value.length);
    position += value.length;
  }

  /** A value this class produced itself: plain ASCII, never quoted. */
  void ascii(String value) {
    room(value.length());
    for (int i = 0; i < value.length(); i++) {
      buffer[position++] = (byte) value.charAt(i);
    }
  }

  private void quotedWithApostrophe(String value) {
    // Rare: formula starters. Building the escaped string keeps the common path simple.
    quoted("'" + value);
  }

  /** Text, quoted only if it must be, as UTF-8. */
  private void quoted(String value) {
    int length = value.length();
    if (length * 3 + 2 > buffer.length) {
      quotedLong(value);
      return;
    }
    room(length * 6 + 2); // every char doubled as a quote, or 3 UTF-8 bytes, plus the quotes
    boolean quote = false;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (quote) {
      buffer[position++] = '"';
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        if (c == '"') {
          buffer[position++] = '"';
        }
        buffer[position++] = (byte) c;
      } else if (c < 0x800) {
        buffer[position++] = (byte) (0xC0 | (c >> 6));
        buffer[position++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, value.charAt(++i));
        buffer[position++] = (byte) (0xF0 | (cp >> 18));
        buffer[position++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buffer[position++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buffer[position++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        buffer[position++] = '?'; // an unpaired surrogate, as String.getBytes writes it
      } else {
        buffer[position++] = (byte) (0xE0 | (c >> 12));
        buffer[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buffer[position++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    if (quote) {
      buffer[position++] = '"';
    }
  }

  /** A cell too long for the buffer: the same rules, through the JDK's encoder. */
  private void quotedLong(String value) {
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    String cell = quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    drain();
    try {
      target.write(cell.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw failed(e);
    }
  }

  private void drain() {
    if (position == 0) {
      return;
    }
    try {
      target.write(buffer, 0, position);
    } catch (IOException e) {
      throw failed(e);
    }
    position = 0;
  }

  private FeedException failed(IOException e) {
    return new FeedException(feed, "could not write the CSV file: " + e.getMessage(), e);
  }
}
