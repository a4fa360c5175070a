package dev.stockbridge.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Reads and writes one {@link Table} as CSV with a header row, tracking physical line numbers. */
final class CsvFormat {

  private static final CsvFactory FACTORY =
      CsvFactory.builder()
          .enable(CsvParser.Feature.WRAP_AS_ARRAY)
          .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
          .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING) // quote only where needed
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();
  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private CsvFormat() {}

  static void read(Table table, Reader reader, String source, MappingSources builder)
      throws IOException {
    int line = 1;
    try (CsvParser parser = FACTORY.createParser(reader)) {
      int[] positions = null;
      int width = 0;
      parser.nextToken(); // WRAP_AS_ARRAY wraps all rows in one array
      while (parser.nextToken() == JsonToken.START_ARRAY) {
        line = parser.currentLocation().getLineNr();
        List<String> values = new ArrayList<>();
        List<Integer> lines = new ArrayList<>(); // a quoted value may start on a later line
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
          values.add(parser.getText());
          lines.add(parser.currentTokenLocation().getLineNr());
        }
        if (positions == null) {
          positions = header(table, values, source, line, builder);
          if (positions == null) {
            return;
          }
          width = values.size();
        } else if (values.size() != width) {
          builder.malformed(
              source,
              line,
              "",
              "has " + values.size() + " values but the header has " + width + " columns",
              null);
        } else {
          List<Cell> cells = new ArrayList<>();
          for (int i = 0; i < positions.length; i++) {
            cells.add(
                new Cell(table.columns.get(i), values.get(positions[i]), lines.get(positions[i])));
          }
          builder.row(table, source, line, cells);
        }
      }
      if (positions == null) {
        String expected = String.join(",", table.columns);
        builder.malformed(source, line, "", "is empty; expected the header " + expected, null);
      }
    } catch (JsonProcessingException e) {
      builder.malformed(
          source,
          line,
          "",
          "is not valid CSV: "
              + e.getOriginalMessage()
              + " (detected on line "
              + e.getLocation().getLineNr()
              + ")",
          e);
    }
  }

  /** Where each column of the table is in the header, or null after reporting what is wrong. */
  private static int[] header(
      Table table, List<String> values, String source, int line, MappingSources builder) {
    List<String> names = new ArrayList<>();
    for (String value : values) {
      String name = names.isEmpty() ? stripByteOrderMark(value) : value;
      names.add(name.strip().toLowerCase(Locale.ROOT));
    }
    int[] positions = new int[table.columns.size()];
    boolean wellFormed = true;
    for (int i = 0; i < positions.length; i++) {
      String column = table.columns.get(i);
      positions[i] = names.indexOf(column);
      int count = Collections.frequency(names, column);
      if (count != 1) {
        wellFormed = false;
        builder.malformed(
            source,
            line,
            column,
            (count == 0 ? "the header lacks column " : "the header repeats column ")
                + column
                + " (header: "
                + String.join(",", values)
                + "; expected "
                + String.join(",", table.columns)
                + ")",
            null);
      }
    }
    return wellFormed ? positions : null;
  }

  private static String stripByteOrderMark(String value) {
    return value.startsWith(BYTE_ORDER_MARK) ? value.substring(1) : value;
  }

  static void write(Table table, List<List<String>> rows, Writer out) throws IOException {
    try (CsvGenerator generator = FACTORY.createGenerator(out)) {
      writeRow(generator, table.columns);
      for (List<String> row : rows) {
        writeRow(generator, row);
      }
    }
  }

  private static void writeRow(CsvGenerator generator, List<String> row) throws IOException {
    generator.writeStartArray();
    for (String value : row) {
      generator.writeString(value);
    }
    generator.writeEndArray();
  }
}
