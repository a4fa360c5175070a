package dev.stockbridge.planner.feed;

import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import java.io.OutputStream;

/**
 * Writes the variant-warehouse file, {@link AdvancedFile#VARIANT_WAREHOUSE}; every column rule is
 * from help article 10803098 ("Variant warehouse data file specification"):
 *
 * <ul>
 *   <li>{@code VARIANT_ID}, {@code WAREHOUSE_ID} (required): from the mapping; an unmapped SKU
 *       or location holds the row back;
 *   <li>{@code IN_STOCK} (required): "the variant's available inventory (total stock minus stock
 *       already allocated to orders)"; it "can be negative";
 *   <li>{@code REMOVED} (required): "the variant will no longer appear in the warehouse";
 *   <li>{@code UPDATED_AT} (required);
 *   <li>{@code MIN_STOCK}, {@code MAX_STOCK} (optional): empty when not set.
 * </ul>
 *
 * <p>A declared bundle's stock is derived from its components, so its row is written like any
 * other; exploded bundles ({@link BundleMode#COMPONENTS}) are left out. Stateless.
 */
final class VariantWarehouseFile {

  private VariantWarehouseFile() {}

  static FeedReport write(CatalogueMapping mapping, Explosion bundles, HeldRows held, Rows<VariantStock> stock, OutputStream out) {
    AdvancedFile type = AdvancedFile.VARIANT_WAREHOUSE;
    CsvRows csv = new CsvRows(type.entity(), out, type.columns());
    Problems problems = new Problems(type.entity(), held);
    long[] read = {0};
    stock.forEach(row -> {
      read[0]++;
      if (bundles.explodedBundle(row.sku())) {
        return;
      }
      String rowId = row.sku() + "@" + row.location();
      Lookup<VariantId> variant = mapping.variant(row.sku());
      Lookup<WarehouseId> warehouse = mapping.warehouse(row.location());
      if (variant instanceof Lookup.Unmapped<VariantId> unmapped) {
        problems.add(unmapped, rowId);
      }
      if (warehouse instanceof Lookup.Unmapped<WarehouseId> unmapped) {
        problems.add(unmapped, rowId);
      }
      if (variant.isMapped() && warehouse.isMapped()) {
        csv.text(variant.orElseThrow().value()).text(warehouse.orElseThrow().value())
            .number(row.inStock()).flag(row.removed()).instant(row.updatedAt())
            .number(row.minStock()).number(row.maxStock())
            .end();
      }
    });
    csv.finish();
    return new FeedReport(read[0], csv.rows(), problems.report());
  }
}
