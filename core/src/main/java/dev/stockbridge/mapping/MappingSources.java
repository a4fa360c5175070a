package dev.stockbridge.mapping;

import static dev.stockbridge.mapping.MappingProblem.Kind.BLANK_VALUE;
import static dev.stockbridge.mapping.MappingProblem.Kind.INVALID_VALUE;
import static dev.stockbridge.mapping.MappingProblem.Kind.MALFORMED;
import static dev.stockbridge.mapping.MappingProblem.Kind.UNREADABLE;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a {@link CatalogueMapping.Builder} collected: entries added in code and rows read from files,
 * with every problem met while reading (kept for {@link MappingValidation}, which reports them all
 * at once). The file formats hand their rows and complaints here. Not thread-safe.
 */
final class MappingSources {

  final List<MappingEntry<Sku, VariantId>> skus = new ArrayList<>();
  final List<MappingEntry<SupplyChannel, Location>> channels = new ArrayList<>();
  final List<MappingEntry<Location, WarehouseId>> warehouses = new ArrayList<>();
  final List<MappingEntry<DefaultKey, Location>> defaults = new ArrayList<>();
  final List<MappingProblem> problems = new ArrayList<>();
  /** The first failure behind a problem, later ones suppressed in it; null if none. */
  Throwable cause;

  /** Accepts one row read from a file; cells are in {@link Table#columns} order. */
  void row(Table table, String source, int line, List<Cell> cells) {
    Origin origin = new Origin(source, line);
    switch (table) {
      case SKUS -> {
        Sku sku = parse(source, cells.get(0), Sku::of);
        VariantId variant = parse(source, cells.get(1), VariantId::of);
        if (sku != null && variant != null) {
          skus.add(new MappingEntry<>(sku, variant, origin));
        }
      }
      case LOCATIONS -> {
        SupplyChannel channel = parse(source, cells.get(0), SupplyChannel::parse);
        Location location = parse(source, cells.get(1), Location::of);
        WarehouseId warehouse = parse(source, cells.get(2), WarehouseId::of);
        if (channel != null && location != null && warehouse != null) {
          channels.add(new MappingEntry<>(channel, location, origin));
          warehouses.add(new MappingEntry<>(location, warehouse, origin));
        }
      }
      case ORDER_DEFAULTS -> {
        OrderDefaults.Scope scope = parse(source, cells.get(0), OrderDefaults.Scope::parse);
        String key = parse(source, cells.get(1), text -> Checks.token("key", text, 256));
        Location location = parse(source, cells.get(2), Location::of);
        if (scope != null && key != null && location != null) {
          defaults.add(new MappingEntry<>(new DefaultKey(scope, key), location, origin));
        }
      }
    }
  }

  /** Records a file that is not of the expected shape; {@code cause} may be null. */
  void malformed(String source, int line, String field, String detail, Throwable cause) {
    Origin origin = new Origin(source, line);
    problems.add(origin.problem(MALFORMED, field, "", origin.here() + ": " + detail));
    chain(cause);
  }

  private <T> T parse(String source, Cell cell, Function<String, T> factory) {
    Origin origin = new Origin(source, cell.line());
    String text = cell.text();
    if (text == null || text.isBlank()) {
      String what = text == null ? " is missing" : " is blank";
      problems.add(
          origin.problem(
              BLANK_VALUE,
              cell.field(),
              text == null ? "" : text,
              origin.here() + ": " + cell.field() + what));
      return null;
    }
    try {
      return factory.apply(text);
    } catch (InvalidValueException e) {
      String message = origin.here() + ": " + e.getMessage();
      problems.add(origin.problem(INVALID_VALUE, cell.field(), text, message));
      return null;
    }
  }

  void readJson(Reader reader, String source) throws IOException {
    JsonFormat.read(reader, source, this);
  }

  Format csv(Table table) {
    return (reader, source) -> CsvFormat.read(table, reader, source, this);
  }

  void read(Path file, Format format) {
    String source = Checks.notNull("file", file).toString();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      format.read(reader, source);
    } catch (IOException e) {
      unreadable(source, e);
    }
  }

  void read(Reader reader, String source, Format format) {
    Checks.notNull("reader", reader);
    Checks.notNull("source", source);
    try {
      format.read(reader, source);
    } catch (IOException e) {
      unreadable(source, e);
    }
  }

  private void unreadable(String source, IOException e) {
    problems.add(
        new MappingProblem(
            UNREADABLE, source, MappingProblem.NO_LINE, "", "", "cannot be read: " + e));
    chain(e);
  }

  private void chain(Throwable failure) {
    if (cause == null) {
      cause = failure;
    } else if (failure != null) {
      cause.addSuppressed(failure);
    }
  }

  /** Reads one source into the entries. */
  @FunctionalInterface
  interface Format {
    void read(Reader reader, String source) throws IOException;
  }
}
