package dev.stockbridge.planner.feed;

import java.io.OutputStream;
import java.util.List;

/**
 * Writes the vendor file, {@link AdvancedFile#VENDOR}; every column rule is from help article
 * 10802535 ("Vendor data file specification"):
 *
 * <ul>
 *   <li>{@code VENDOR_ID} (required): "unique across all vendors", used again in the
 *       variant-vendor file;
 *   <li>{@code DISPLAY_NAME} (required): the planner matches existing vendors by it;
 *   <li>{@code CURRENCY} (required): "determines the currency of the vendor's purchase orders";
 *   <li>{@code REMOVED} (required): soft delete;
 *   <li>{@code UPDATED_AT} (required): "row last updated timestamp".
 * </ul>
 *
 * <p>The article requires the file in the initial sync and at least one vendor. Vendor ids are our
 * own, so nothing is held back. Stateless.
 */
final class VendorFile {

  private VendorFile() {}

  static FeedReport write(Rows<FeedVendor> vendors, OutputStream out) {
    AdvancedFile type = AdvancedFile.VENDOR;
    CsvRows csv = new CsvRows(type.entity(), out, type.columns());
    long[] read = {0};
    vendors.forEach(row -> {
      read[0]++;
      csv.text(row.vendorId()).text(row.displayName()).text(row.currency()).flag(row.removed())
          .instant(row.updatedAt())
          .end();
    });
    csv.finish();
    return new FeedReport(read[0], csv.rows(), List.of());
  }
}
