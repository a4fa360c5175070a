package dev.stockbridge.planner.feed;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a CSV file against an {@link AdvancedFile}'s declared schema in one streaming pass
 * (RFC 4180: quoted cells may hold commas, quotes and line breaks). Stateless.
 */
final class SchemaCheck {

  private SchemaCheck() {}

  static void check(AdvancedFile type, Path file) {
    String name = file.toString();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      List<String> header = new ArrayList<>();
      ByteArrayOutputStream cell = new ByteArrayOutputStream();
      boolean quoted = false;
      boolean inHeader = true;
      boolean atCellStart = true;
      boolean rowHasBytes = false;
      int cells = 1;
      long row = 0;
      int b;
      while ((b = in.read()) >= 0) {
        if (quoted) {
          if (b == '"') {
            in.mark(1);
            if (in.read() != '"') {
              in.reset();
              quoted = false;
              continue;
            }
          }
          if (inHeader) {
            cell.write(b);
          }
          continue;
        }
        if (b == '"' && atCellStart) {
          quoted = true;
          atCellStart = false;
          rowHasBytes = true;
        } else if (b == ',') {
          if (inHeader) {
            header.add(cell.toString(StandardCharsets.UTF_8));
            cell.reset();
          }
          cells++;
          atCellStart = true;
          rowHasBytes = true;
        } else if (b == '\n') {
          if (inHeader) {
            header.add(cell.toString(StandardCharsets.UTF_8));
            compare(type, name, header);
            inHeader = false;
          } else if (cells != header.size()) {
            throw new FeedSchemaException(name, "", "row " + row + " has " + cells + " cells, the header "
                + header.size() + " (" + type.specification() + ")");
          }
          row++;
          cells = 1;
          atCellStart = true;
          rowHasBytes = false;
        } else if (b != '\r') {
          if (inHeader) {
            cell.write(b);
          }
          atCellStart = false;
          rowHasBytes = true;
        }
      }
      if (inHeader) {
        throw new FeedSchemaException(name, "", "has no complete header line");
      }
      if (rowHasBytes || quoted) {
        throw new FeedSchemaException(name, "", "row " + row + " is cut short: the file must end with a line break");
      }
    } catch (IOException e) {
      throw new FeedException(name, "could not read the file to check its columns: " + e.getMessage(), e);
    }
  }

  /** The header against the schema: the first difference, named by column. */
  private static void compare(AdvancedFile type, String file, List<String> header) {
    List<String> declared = type.columns();
    if (header.equals(declared)) {
      return;
    }
    String where = " (" + type.name() + " schema, " + type.specification() + ")";
    Set<String> seen = new HashSet<>();
    for (String column : header) {
      if (!declared.contains(column)) {
        throw new FeedSchemaException(file, column, "unsupported column " + column + where);
      }
      if (!seen.add(column)) {
        throw new FeedSchemaException(file, column, "column " + column + " appears twice" + where);
      }
    }
    for (String column : declared) {
      if (!header.contains(column)) {
        throw new FeedSchemaException(file, column, "missing column " + column + where);
      }
    }
    for (int i = 0; i < declared.size(); i++) {
      if (!declared.get(i).equals(header.get(i))) {
        throw new FeedSchemaException(file, header.get(i), "column " + header.get(i) + " is at position " + (i + 1)
            + ", where the schema has " + declared.get(i) + where);
      }
    }
  }
}
