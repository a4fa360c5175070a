package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.WarehouseId;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes the three files of one Inventory Planner Starter CSV connection: products, sales orders
 * and purchase orders, each holding the full history every time. One Starter connection is one
 * planner warehouse, so the sales-orders file holds only the demand lines whose location the
 * mapping sends to this connection's warehouse; lines of a location the mapping does not know are
 * held back and reported, never dropped silently. Files stream: memory does not grow with the
 * number of rows.
 *
 * <p>Columns, in order:
 *
 * <ul>
 *   <li>{@value #PRODUCTS}: {@code product_id, title, price, SKU, created_at, stock_quantity,
 *       cost_price, barcode, vendor, brand, updated_at}; {@code product_id} is the SKU;
 *   <li>{@value #SALES_ORDERS}: {@code order_number, product_id, sku, date, price, quantity,
 *       currency, canceled}; the order number, or the order id when there is none; the creation
 *       instant; the unit price; the signed quantity (returns and cancellations negative), and
 *       {@code canceled} {@code true} on cancellation rows;
 *   <li>{@value #PURCHASE_ORDERS}: {@code po_id, date, expected_date, product_id, sku, cost_price,
 *       status, ordered, received, po_name, vendor, currency}.
 * </ul>
 *
 * <p>Cells follow the package's CSV rules (quoting, formula-injection escaping, number and date
 * forms). Immutable and thread-safe.
 */
public final class StarterFeeds {

  /** File name of the products file. */
  public static final String PRODUCTS = "products.csv";
  /** File name of the sales-orders file. */
  public static final String SALES_ORDERS = "sales-orders.csv";
  /** File name of the purchase-orders file. */
  public static final String PURCHASE_ORDERS = "purchase-orders.csv";

  private final CatalogueMapping mapping;
  private final WarehouseId warehouse;
  private final Explosion explosion;

  private StarterFeeds(Builder builder) {
    this.mapping = builder.mapping;
    this.warehouse = builder.warehouse;
    this.explosion = new Explosion(builder.bundles, builder.bundleMode);
  }

  /**
   * Starts configuring the feeds of one connection.
   *
   * @param mapping maps each demand line's location to a planner warehouse
   * @param warehouse the planner warehouse this connection feeds
   * @return a builder; bundles default to none
   * @throws InvalidValueException if an argument is null
   */
  public static Builder builder(CatalogueMapping mapping, WarehouseId warehouse) {
    return new Builder(mapping, warehouse);
  }

  /**
   * Writes the products file.
   *
   * @param products every product of the connection
   * @param out where the file goes; left open
   * @return what was written
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeProducts(Rows<Product> products, OutputStream out) {
    Fields.notNull("products", products);
    CsvRows csv = new CsvRows(PRODUCTS, Fields.notNull("out", out), "product_id", "title", "price",
        "SKU", "created_at", "stock_quantity", "cost_price", "barcode", "vendor", "brand", "updated_at");
    long[] read = {0};
    products.forEach(product -> {
      read[0]++;
      csv.text(product.sku().value()).text(product.title()).number(product.price())
          .text(product.sku().value()).instant(product.createdAt()).number(product.stockQuantity())
          .number(product.costPrice()).text(product.barcode()).text(product.vendor())
          .text(product.brand()).instant(product.updatedAt())
          .end();
    });
    csv.finish();
    return new FeedReport(read[0], csv.rows(), List.of());
  }

  /**
   * Writes the sales-orders file: the full demand history of this connection's warehouse, bundles
   * exploded as configured.
   *
   * @param demand every demand line, e.g. {@code store::forEach}
   * @param out where the file goes; left open
   * @return what was written, and the lines held back for want of a warehouse mapping
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeSalesOrders(Rows<DemandLine> demand, OutputStream out) {
    Fields.notNull("demand", demand);
    CsvRows csv = new CsvRows(SALES_ORDERS, Fields.notNull("out", out), "order_number",
        "product_id", "sku", "date", "price", "quantity", "currency", "canceled");
    Problems problems = new Problems();
    long[] read = {0};
    demand.forEach(line -> {
      read[0]++;
      Lookup<WarehouseId> lineWarehouse = mapping.warehouse(line.location());
      if (lineWarehouse instanceof Lookup.Unmapped<WarehouseId> unmapped) {
        problems.add(unmapped, line.id());
        return;
      }
      if (!lineWarehouse.orElseThrow().equals(warehouse)) {
        return; // another connection's demand
      }
      String orderNumber = line.orderNumber().orElse(line.orderId());
      boolean canceled = line.kind() == DemandKind.CANCELLATION;
      for (Explosion.Part part : explosion.parts(line)) {
        csv.text(orderNumber).text(part.sku().value()).text(part.sku().value())
            .instant(line.createdAt()).number(part.unitPrice()).number(part.quantity())
            .text(line.currency()).flag(canceled)
            .end();
      }
    });
    csv.finish();
    return new FeedReport(read[0], csv.rows(), problems.report(SALES_ORDERS));
  }

  /**
   * Writes the purchase-orders file.
   *
   * @param lines every purchase order line of the connection
   * @param out where the file goes; left open
   * @return what was written
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writePurchaseOrders(Rows<PurchaseOrderLine> lines, OutputStream out) {
    Fields.notNull("lines", lines);
    CsvRows csv = new CsvRows(PURCHASE_ORDERS, Fields.notNull("out", out), "po_id", "date",
        "expected_date", "product_id", "sku", "cost_price", "status", "ordered", "received",
        "po_name", "vendor", "currency");
    long[] read = {0};
    lines.forEach(line -> {
      read[0]++;
      csv.text(line.poId()).date(line.date()).date(line.expectedDate()).text(line.sku().value())
          .text(line.sku().value()).number(line.costPrice()).text(line.status())
          .number(line.ordered()).number(line.received()).text(line.poName())
          .text(line.vendor()).text(line.currency())
          .end();
    });
    csv.finish();
    return new FeedReport(read[0], csv.rows(), List.of());
  }

  /** Configures {@link StarterFeeds}. Not thread-safe. */
  public static final class Builder {

    private final CatalogueMapping mapping;
    private final WarehouseId warehouse;
    private BundleCatalogue bundles = BundleCatalogue.empty();
    private BundleMode bundleMode = BundleMode.COMPONENTS;

    private Builder(CatalogueMapping mapping, WarehouseId warehouse) {
      this.mapping = Fields.notNull("mapping", mapping);
      this.warehouse = Fields.notNull("warehouse", warehouse);
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
    public StarterFeeds build() {
      return new StarterFeeds(this);
    }
  }
}
