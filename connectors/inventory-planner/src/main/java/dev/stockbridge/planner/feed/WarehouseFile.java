package dev.stockbridge.planner.feed;

import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.WarehouseId;
import java.io.OutputStream;

/**
 * Writes the warehouse file, {@link AdvancedFile#WAREHOUSE}; every column rule is from help
 * article 10802445 ("Warehouse data file specification"):
 *
 * <ul>
 *   <li>{@code WAREHOUSE_ID} (required): the planner warehouse the mapping gives the location,
 *       "unique to the connector"; an unmapped location holds the row back;
 *   <li>{@code DISPLAY_NAME} (required): the warehouse name;
 *   <li>{@code UPDATED_AT} (required): "row last updated timestamp";
 *   <li>{@code REMOVED} (required): "soft remove the warehouse by setting to true";
 *   <li>{@code CURRENCY} (optional): "if not included, the connector will use the connector
 *       currency", so an empty cell when unknown.
 * </ul>
 *
 * <p>The article requires the file in the initial sync. Stateless.
 */
final class WarehouseFile {

  private WarehouseFile() {}

  static FeedReport write(CatalogueMapping mapping, HeldRows held, Rows<FeedWarehouse> warehouses, OutputStream out) {
    AdvancedFile type = AdvancedFile.WAREHOUSE;
    CsvRows csv = new CsvRows(type.entity(), out, type.columns());
    Problems problems = new Problems(type.entity(), held);
    long[] read = {0};
    warehouses.forEach(row -> {
      read[0]++;
      Lookup<WarehouseId> id = mapping.warehouse(row.location());
      if (id instanceof Lookup.Unmapped<WarehouseId> unmapped) {
        problems.add(unmapped, row.location().key());
        return;
      }
      csv.text(id.orElseThrow().value()).text(row.displayName()).instant(row.updatedAt()).flag(row.removed())
          .text(row.currency())
          .end();
    });
    csv.finish();
    return new FeedReport(read[0], csv.rows(), problems.report());
  }
}
