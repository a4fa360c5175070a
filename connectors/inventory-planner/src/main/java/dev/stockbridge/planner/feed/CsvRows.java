package dev.stockbridge.planner.feed;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One CSV file being written: a header, then rows cell by cell, quoted by Jackson's CSV generator
 * (RFC 4180: a cell holding a comma, quote, CR or LF is wrapped in quotes, quotes doubled). UTF-8
 * without a byte-order mark, LF line ends. Text cells are made safe against formula injection by
 * {@link #neutralise(String)}; numbers, instants, dates and flags are written as they are.
 */
final class CsvRows {

  private static final CsvFactory FACTORY =
      CsvFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private final String feed;
  private final CsvGenerator out;
  private long rows;

  CsvRows(String feed, OutputStream target, String... columns) {
    this.feed = feed;
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    for (String column : columns) {
      schema.addColumn(column);
    }
    try {
      out = FACTORY.createGenerator(target, JsonEncoding.UTF8);
      out.setSchema(schema.build());
      out.writeStartArray();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /**
   * The formula-injection rule: a text cell that starts with {@code = + - @}, TAB, CR or an
   * apostrophe gets one more apostrophe in front, so a spreadsheet shows it as text instead of
   * running it. Escaping the apostrophe too keeps the rule reversible: a reader that strips one
   * leading apostrophe from a text cell that starts with one gets the original value back.
   */
  static String neutralise(String value) {
    if (value.isEmpty()) {
      return value;
    }
    return switch (value.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r', '\'' -> "'" + value;
      default -> value;
    };
  }

  CsvRows text(String value) {
    try {
      out.writeString(neutralise(value));
    } catch (IOException e) {
      throw failed(e);
    }
    return this;
  }

  CsvRows text(Optional<String> value) {
    return text(value.orElse(""));
  }

  CsvRows number(long value) {
    try {
      out.writeNumber(value);
    } catch (IOException e) {
      throw failed(e);
    }
    return this;
  }

  CsvRows number(OptionalLong value) {
    return value.isPresent() ? number(value.getAsLong()) : raw("");
  }

  CsvRows number(BigDecimal value) {
    try {
      out.writeNumber(value.toPlainString());
    } catch (IOException e) {
      throw failed(e);
    }
    return this;
  }

  CsvRows number(Optional<BigDecimal> value) {
    return value.isPresent() ? number(value.get()) : raw("");
  }

  CsvRows instant(Instant value) {
    return raw(value.toString());
  }

  CsvRows instant(Optional<Instant> value) {
    return raw(value.map(Instant::toString).orElse(""));
  }

  CsvRows date(LocalDate value) {
    return raw(value.toString());
  }

  CsvRows flag(boolean value) {
    return raw(value ? "true" : "false");
  }

  /** Ends the current row. */
  void end() {
    try {
      out.writeEndArray();
      out.writeStartArray();
    } catch (IOException e) {
      throw failed(e);
    }
    rows++;
  }

  long rows() {
    return rows;
  }

  /** Flushes everything written; the target stays open. */
  void finish() {
    try {
      out.close();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** A value this class produced itself, so it needs no neutralising. */
  private CsvRows raw(String value) {
    try {
      out.writeString(value);
    } catch (IOException e) {
      throw failed(e);
    }
    return this;
  }

  private FeedException failed(IOException e) {
    return new FeedException(feed, "could not write the CSV file: " + e.getMessage(), e);
  }
}
