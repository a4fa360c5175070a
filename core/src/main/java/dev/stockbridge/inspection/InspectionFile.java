package dev.stockbridge.inspection;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.state.StatusMapping;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One status file from the warehouse: CSV with the header {@code
 * inspection_id,sku,location,quantity,status} (columns in any order), one inspected lot per row. The
 * status names the state the units leave inspection for, through a {@link StatusMapping} ({@code
 * passed}, {@code sellable} or {@code in stock}: sellable; {@code failed}, {@code broken}: damaged;
 * {@code hold}: quarantine). A row that cannot be read (an unknown status, a missing SKU, a quantity
 * that is no whole number) is a problem naming the file, line, status and SKU; the other rows still
 * count. Stateless.
 */
public final class InspectionFile {

  /** The columns a file must have. */
  public static final List<String> COLUMNS = List.of("inspection_id", "sku", "location", "quantity", "status");

  private static final CsvMapper CSV = new CsvMapper();

  /**
   * What a file held.
   *
   * @param outcomes the rows read
   * @param problems one line per row that could not be read
   * @param keys the key of each problem row where it could be read, for the exception
   */
  public record Contents(List<InspectionOutcome> outcomes, List<String> problems, List<StockKey> keys) {}

  private InspectionFile() {}

  /**
   * Reads a file.
   *
   * @param file the CSV file
   * @param statuses how the file's statuses map to states
   * @return the rows read and the problems
   * @throws StockbridgeException if the file cannot be read or lacks a column
   */
  public static Contents read(Path file, StatusMapping statuses) {
    List<InspectionOutcome> outcomes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<StockKey> keys = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(reader)) {
      Set<String> header = null;
      while (rows.hasNextValue()) {
        long line = rows.getCurrentLocation().getLineNr(); // where the row begins
        Map<String, String> row = rows.nextValue();
        if (header == null) {
          header = row.keySet();
          List<String> missing = COLUMNS.stream().filter(column -> !row.containsKey(column)).toList();
          if (!missing.isEmpty()) {
            throw new StockbridgeException(file + ": the header lacks " + String.join(", ", missing) + " (expected " + String.join(",", COLUMNS) + ")");
          }
        }
        StockKey key = null;
        try {
          key = new StockKey(Sku.of(row.get("sku")), Location.of(row.get("location")));
          long quantity = quantity(row.get("quantity"));
          outcomes.add(new InspectionOutcome(key, quantity, row.get("inspection_id"), statuses.resolve(row.get("status"), key.sku())));
        } catch (StockbridgeException | NumberFormatException e) {
          problems.add(file.getFileName() + " line " + line + ": " + e.getMessage() + "; these units stay in inspection");
          keys.add(key);
        }
      }
    } catch (IOException e) {
      throw new StockbridgeException("cannot read inspection file " + file + " (" + e.getMessage() + ")", e);
    }
    return new Contents(outcomes, problems, keys);
  }

  private static long quantity(String text) {
    if (text == null || !text.strip().matches("[0-9]{1,12}")) {
      throw new NumberFormatException("quantity " + dev.stockbridge.InvalidValueException.shown(text) + " is not a whole number of units");
    }
    return Long.parseLong(text.strip());
  }
}
