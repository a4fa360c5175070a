package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the incremental files of an Inventory Planner Advanced CSV connection: sales orders and
 * variant-warehouse stock, with planner variant and warehouse ids from the mapping. A row whose
 * SKU (or, for a bundle, any component SKU) or location is unmapped is held back whole and
 * reported, never dropped silently. Files stream: memory does not grow with the number of rows.
 *
 * <p>Sales-orders columns, in order: {@code ORDER_ID} (the demand line id; for a component row,
 * that id, {@code /} and the component SKU), {@code ID} (the order id), {@code VARIANT_ID},
 * {@code WAREHOUSE}, {@code CURRENCY}, {@code QUANTITY} (signed: returns and cancellations
 * negative), {@code PRICE} (unit price), {@code CREATED_AT}, {@code REMOVED} (always {@code
 * false}: a cancellation is a row of its own, not a deletion), {@code UPDATED_AT}, {@code
 * REFERENCE} (the order number), {@code REFERENCE2} (the sales channel, else the store), {@code
 * CUSTOMER}, {@code DISCOUNT} (the promotion value, signed like the quantity) and {@code CANCELLED}
 * ({@code true} on cancellation rows).
 *
 * <p>Variant-warehouse columns: {@code VARIANT_ID, WAREHOUSE_ID, IN_STOCK, REMOVED, UPDATED_AT,
 * MIN_STOCK, MAX_STOCK}.
 *
 * <p>Cells follow the package's CSV rules. Immutable and thread-safe.
 */
public final class AdvancedFeeds {

  private final CatalogueMapping mapping;
  private final Explosion explosion;

  private AdvancedFeeds(Builder builder) {
    this.mapping = builder.mapping;
    this.explosion = new Explosion(builder.bundles, builder.bundleMode);
  }

  /**
   * Starts configuring the feeds.
   *
   * @param mapping maps SKUs to planner variants and locations to planner warehouses
   * @return a builder; bundles default to none
   * @throws InvalidValueException if the mapping is null
   */
  public static Builder builder(CatalogueMapping mapping) {
    return new Builder(mapping);
  }

  /**
   * Writes a sales-orders file from demand lines, typically those updated since the last upload:
   * {@code c -> store.forEachUpdatedSince(watermark, c)}.
   *
   * @param demand the demand lines to send
   * @param out where the file goes; left open
   * @return what was written, and the lines held back for want of a mapping
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeSalesOrders(Rows<DemandLine> demand, OutputStream out) {
    Fields.notNull("demand", demand);
    CsvRows csv = new CsvRows("sales orders", Fields.notNull("out", out), "ORDER_ID", "ID",
        "VARIANT_ID", "WAREHOUSE", "CURRENCY", "QUANTITY", "PRICE", "CREATED_AT", "REMOVED",
        "UPDATED_AT", "REFERENCE", "REFERENCE2", "CUSTOMER", "DISCOUNT", "CANCELLED");
    Problems problems = new Problems();
    long[] read = {0};
    demand.forEach(line -> {
      read[0]++;
      Lookup<WarehouseId> warehouse = mapping.warehouse(line.location());
      List<Explosion.Part> parts = explosion.parts(line);
      List<VariantId> variants = new ArrayList<>(parts.size());
      boolean mapped = warehouse.isMapped();
      if (warehouse instanceof Lookup.Unmapped<WarehouseId> unmapped) {
        problems.add(unmapped, line.id());
      }
      for (Explosion.Part part : parts) {
        Lookup<VariantId> variant = mapping.variant(part.sku());
        if (variant instanceof Lookup.Unmapped<VariantId> unmapped) {
          problems.add(unmapped, line.id());
          mapped = false;
        } else {
          variants.add(variant.orElseThrow());
        }
      }
      if (!mapped) {
        return;
      }
      String warehouseId = warehouse.orElseThrow().value();
      String reference2 = line.salesChannel().map(channel -> channel.key()).or(line::store).orElse("");
      boolean cancelled = line.kind() == DemandKind.CANCELLATION;
      for (int i = 0; i < parts.size(); i++) {
        Explosion.Part part = parts.get(i);
        csv.text(part.rowId()).text(line.orderId()).text(variants.get(i).value()).text(warehouseId)
            .text(line.currency()).number(part.quantity()).number(part.unitPrice())
            .instant(line.createdAt()).flag(false).instant(line.updatedAt())
            .text(line.orderNumber()).text(reference2).text(line.customer())
            .number(part.discount()).flag(cancelled)
            .end();
      }
    });
    csv.finish();
    return new FeedReport(read[0], csv.rows(), problems.report("sales orders"));
  }

  /**
   * Writes a variant-warehouse stock file.
   *
   * @param stock the stock rows to send
   * @param out where the file goes; left open
   * @return what was written, and the rows held back for want of a mapping
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeVariantWarehouses(Rows<VariantStock> stock, OutputStream out) {
    Fields.notNull("stock", stock);
    CsvRows csv = new CsvRows("variant warehouses", Fields.notNull("out", out), "VARIANT_ID",
        "WAREHOUSE_ID", "IN_STOCK", "REMOVED", "UPDATED_AT", "MIN_STOCK", "MAX_STOCK");
    Problems problems = new Problems();
    long[] read = {0};
    stock.forEach(row -> {
      read[0]++;
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
    return new FeedReport(read[0], csv.rows(), problems.report("variant warehouses"));
  }

  /** Configures {@link AdvancedFeeds}. Not thread-safe. */
  public static final class Builder {

    private final CatalogueMapping mapping;
    private BundleCatalogue bundles = BundleCatalogue.empty();
    private BundleMode bundleMode = BundleMode.COMPONENTS;

    private Builder(CatalogueMapping mapping) {
      this.mapping = Fields.notNull("mapping", mapping);
    }

    /**
     * Sets the bundles to explode and which rows to write for them.
     *
     * @param catalogue the bundles
     * @param mode component rows, bundle rows or both
     * @return this builder
     * @throws InvalidValueException if an argument is null
     */
    public Builder bundles(BundleCatalogue catalogue, BundleMode mode) {
      this.bundles = Fields.notNull("catalogue", catalogue);
      this.bundleMode = Fields.notNull("mode", mode);
      return this;
    }

    /**
     * Builds the feeds.
     *
     * @return the feeds
     */
    public AdvancedFeeds build() {
      return new AdvancedFeeds(this);
    }
  }
}
