package dev.stockbridge.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes both {@link Table}s as one JSON object of arrays, tracking line numbers. */
final class JsonFormat {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private JsonFormat() {}

  static void read(Reader reader, String source, MappingSources builder)
      throws IOException {
    try (JsonParser parser = FACTORY.createParser(reader)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        builder.malformed(
            source,
            line(parser),
            "",
            "expected a JSON object with \"skus\" and \"locations\" arrays",
            null);
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals(Table.SKUS.jsonName)) {
          readTable(parser, Table.SKUS, source, builder);
        } else if (name.equals(Table.LOCATIONS.jsonName)) {
          readTable(parser, Table.LOCATIONS, source, builder);
        } else if (name.equals(Table.ORDER_DEFAULTS.jsonName)) {
          readTable(parser, Table.ORDER_DEFAULTS, source, builder);
        } else {
          builder.malformed(
              source,
              line(parser),
              name,
              "unknown field \"" + name + "\"; expected \"skus\", \"locations\" or \"order_defaults\"",
              null);
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        builder.malformed(
            source, line(parser), "", "has content after the top-level JSON object", null);
      }
    } catch (JsonProcessingException e) {
      builder.malformed(
          source, line(e.getLocation()), "", "is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void readTable(
      JsonParser parser, Table table, String source, MappingSources builder)
      throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      String message = "\"" + table.jsonName + "\" must be an array";
      builder.malformed(source, line(parser), table.jsonName, message, null);
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      int line = line(parser);
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        builder.malformed(
            source,
            line,
            table.jsonName,
            "each entry of \"" + table.jsonName + "\" must be an object",
            null);
        parser.skipChildren();
        continue;
      }
      Map<String, Cell> cells = new HashMap<>();
      boolean wellFormed = true;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!table.columns.contains(field)) {
          parser.skipChildren(); // other fields, e.g. notes, are ignored
        } else if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL) {
          String text = value == JsonToken.VALUE_NULL ? null : parser.getText();
          cells.put(field, new Cell(field, text, line(parser)));
        } else {
          wellFormed = false;
          builder.malformed(source, line(parser), field, field + " must be a string", null);
          parser.skipChildren();
        }
      }
      if (wellFormed) {
        List<Cell> row =
            table.columns.stream()
                .map(column -> cells.getOrDefault(column, new Cell(column, null, line)))
                .toList();
        builder.row(table, source, line, row);
      }
    }
  }

  static void write(CatalogueMapping mapping, Writer out) throws IOException {
    try (JsonGenerator generator = FACTORY.createGenerator(out).useDefaultPrettyPrinter()) {
      generator.writeStartObject();
      for (Table table : Table.values()) {
        if (table == Table.ORDER_DEFAULTS && mapping.rows(table).isEmpty()) {
          continue; // written only when there are defaults, so older readers still read the file
        }
        generator.writeArrayFieldStart(table.jsonName);
        for (List<String> row : mapping.rows(table)) {
          generator.writeStartObject();
          for (int i = 0; i < row.size(); i++) {
            generator.writeStringField(table.columns.get(i), row.get(i));
          }
          generator.writeEndObject();
        }
        generator.writeEndArray();
      }
      generator.writeEndObject();
      generator.writeRaw('\n');
    }
  }

  private static int line(JsonParser parser) {
    return line(parser.currentTokenLocation());
  }

  private static int line(JsonLocation location) {
    return location == null 
        ? MappingProblem.NO_LINE
        : Math.max(MappingProblem.NO_LINE, location.getLineNr());
  }
}
