package dev.stockbridge.planner.feed;

import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.VariantId;
import java.io.OutputStream;

/**
 * Writes the variant file, {@link AdvancedFile#VARIANT}; every column rule is from help article
 * 10802607 ("Variant data file specification") unless said otherwise:
 *
 * <ul>
 *   <li>{@code VARIANT_ID} (required): "unique across all variants": the planner variant the
 *       mapping gives the SKU; an unmapped SKU holds the row back;
 *   <li>{@code SKU}, {@code TITLE}, {@code PRODUCT_ID} (required);
 *   <li>{@code BARCODE} (required column): empty when the variant has none;
 *   <li>{@code PRICE} (required, FLOAT): with the currency's decimals;
 *   <li>{@code CREATED_AT}, {@code UPDATED_AT}, {@code REMOVED} (required);
 *   <li>{@code TYPE} (optional, default {@code simple}): {@code bundle} for a bundle the feeds
 *       declare, else {@code simple}; article 10803221 asks that bundle components be simple
 *       variants, which they are, as the catalogue's components are its leaves.
 * </ul>
 *
 * <p>When bundles are exploded ({@link BundleMode#COMPONENTS}) the bundles themselves are left
 * out, so the planner does not forecast a bundle that never sells. Stateless.
 */
final class VariantFile {

  private VariantFile() {}

  static FeedReport write(CatalogueMapping mapping, Explosion bundles, HeldRows held, Rows<FeedVariant> variants, OutputStream out) {
    AdvancedFile type = AdvancedFile.VARIANT;
    CsvRows csv = new CsvRows(type.entity(), out, type.columns());
    Problems problems = new Problems(type.entity(), held);
    Money money = new Money();
    long[] read = {0};
    variants.forEach(row -> {
      read[0]++;
      if (bundles.explodedBundle(row.sku())) {
        return;
      }
      Lookup<VariantId> id = mapping.variant(row.sku());
      if (id instanceof Lookup.Unmapped<VariantId> unmapped) {
        problems.add(unmapped, row.sku().value());
        return;
      }
      csv.text(id.orElseThrow().value()).text(row.sku().value()).text(row.title()).text(row.barcode())
          .text(row.productId()).number(money.amount(row.price(), row.currency()))
          .instant(row.createdAt()).instant(row.updatedAt()).flag(row.removed())
          .text(bundles.declaredBundle(row.sku()) ? "bundle" : "simple")
          .end();
    });
    csv.finish();
    return new FeedReport(read[0], csv.rows(), problems.report());
  }
}
