package dev.stockbridge.planner.feed;

import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.VariantId;
import java.io.OutputStream;

/**
 * Writes the variant-vendor file, {@link AdvancedFile#VARIANT_VENDOR}; every column rule is from
 * help article 10803183 ("Variant vendor data file specification"):
 *
 * <ul>
 *   <li>{@code VARIANT_ID}, {@code VENDOR_ID} (required): the planner variant the mapping gives
 *       the SKU, and the vendor's id from the vendor file; an unmapped SKU holds the row back;
 *   <li>{@code REMOVED} (required): "the variant and vendor will no longer be linked";
 *   <li>{@code UPDATED_AT} (required);
 *   <li>{@code COST_PRICE} (optional): with the currency's decimals, empty when unknown;
 *   <li>{@code VENDOR_REFERENCE} (optional): the vendor's code for the item, empty when unknown;
 *   <li>{@code MOQ} (optional): the minimum order quantity, empty when none.
 * </ul>
 *
 * <p>The article has no lead-time column; lead time is set in the planner (article 10803098 lists
 * it among the settings "outside of the file"). Bundles exploded ({@link BundleMode#COMPONENTS})
 * are left out, as in the variant file. Stateless.
 */
final class VariantVendorFile {

  private VariantVendorFile() {}

  static FeedReport write(CatalogueMapping mapping, Explosion bundles, HeldRows held, Rows<VariantVendor> links, OutputStream out) {
    AdvancedFile type = AdvancedFile.VARIANT_VENDOR;
    CsvRows csv = new CsvRows(type.entity(), out, type.columns());
    Problems problems = new Problems(type.entity(), held);
    Money money = new Money();
    long[] read = {0};
    links.forEach(row -> {
      read[0]++;
      if (bundles.explodedBundle(row.sku())) {
        return;
      }
      Lookup<VariantId> id = mapping.variant(row.sku());
      if (id instanceof Lookup.Unmapped<VariantId> unmapped) {
        problems.add(unmapped, row.sku().value() + "@" + row.vendorId());
        return;
      }
      csv.text(id.orElseThrow().value()).text(row.vendorId()).flag(row.removed()).instant(row.updatedAt())
          .number(row.costPrice().map(cost -> money.amount(cost, row.currency())))
          .text(row.vendorReference()).number(row.moq())
          .end();
    });
    csv.finish();
    return new FeedReport(read[0], csv.rows(), problems.report());
  }
}
