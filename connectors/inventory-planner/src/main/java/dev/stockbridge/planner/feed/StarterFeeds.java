package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the three files of one Inventory Planner Starter CSV connection: products, sales orders
 * and purchase orders, each holding the full history every time (dropping a row deletes it in the
 * planner). One Starter connection is one planner warehouse, so the sales-orders file holds only
 * the demand lines whose location the mapping sends to this connection's warehouse. Files stream:
 * memory does not grow with the number of rows.
 *
 * <p>The same rules as the Advanced files, in the Starter's own columns:
 *
 * <ul>
 *   <li>unmapped values: a product or demand line whose SKU has no planner variant in the mapping
 *       (for an exploded bundle, any component), or whose location has no planner warehouse, is
 *       held back, listed in the {@link FeedReport} and told to the {@link HeldRows}; the SKU
 *       stays the {@code product_id}, so the mapping decides what the planner may see, not what
 *       it is called;
 *   <li>cancellations on the line, as {@link SaleRows} decides: a cancelled sale is one row with
 *       its quantity unchanged and {@code canceled} {@code true}; a partly cancelled one its
 *       remaining units and the cancelled units as a second, canceled row; returns are rows of
 *       their own with negative quantities;
 *   <li>bundles declared by default ({@link BundleMode#BUNDLES}): the bundle is a product and its
 *       sales are bundle rows; exploded ({@link BundleMode#COMPONENTS}), the bundle is left out of
 *       the products and its sales are component rows; never both;
 *   <li>prices with the currency's decimals.
 * </ul>
 *
 * <p>Columns, in order:
 *
 * <ul>
 *   <li>{@value #PRODUCTS}: {@code product_id, title, price, SKU, created_at, stock_quantity,
 *       cost_price, barcode, vendor, brand, updated_at}; {@code product_id} is the SKU;
 *   <li>{@value #SALES_ORDERS}: {@code order_number, product_id, sku, date, price, quantity,
 *       currency, canceled}; the order number, or the order id when there is none; the creation
 *       instant; the unit price; the quantity (negative for returns); whether it was cancelled;
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

  private static final List<String> PRODUCT_COLUMNS = List.of("product_id", "title", "price", "SKU",
      "created_at", "stock_quantity", "cost_price", "barcode", "vendor", "brand", "updated_at");
  private static final List<String> SALES_ORDER_COLUMNS = List.of("order_number", "product_id", "sku",
      "date", "price", "quantity", "currency", "canceled");
  private static final List<String> PURCHASE_ORDER_COLUMNS = List.of("po_id", "date", "expected_date",
      "product_id", "sku", "cost_price", "status", "ordered", "received", "po_name", "vendor", "currency");

  private final CatalogueMapping mapping;
  private final WarehouseId warehouse;
  private final BundleCatalogue bundles;
  private final BundleMode bundleMode;
  private final HeldRows held;
  private final String currency;

  private StarterFeeds(Builder builder) {
    this.mapping = builder.mapping;
    this.warehouse = builder.warehouse;
    this.bundles = builder.bundles;
    this.bundleMode = builder.bundleMode;
    this.held = builder.held;
    this.currency = builder.currency;
  }

  /**
   * Starts configuring the feeds of one connection.
   *
   * @param mapping maps SKUs to planner variants (which SKUs the planner may see) and each demand
   *     line's location to a planner warehouse
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
   * @return what was written, and the products held back for want of a mapping
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeProducts(Rows<Product> products, OutputStream out) {
    Fields.notNull("products", products);
    CsvRows csv = new CsvRows(PRODUCTS, Fields.notNull("out", out), PRODUCT_COLUMNS);
    Problems problems = new Problems(PRODUCTS, held);
    Explosion explosion = new Explosion(bundles, bundleMode);
    Money money = new Money();
    long[] read = {0};
    products.forEach(product -> {
      read[0]++;
      if (explosion.explodedBundle(product.sku())) {
        return;
      }
      if (mapping.variant(product.sku()) instanceof Lookup.Unmapped<VariantId> unmapped) {
        problems.add(unmapped, product.sku().value());
        return;
      }
      csv.text(product.sku().value()).text(product.title()).number(money.amount(product.price(), currency))
          .text(product.sku().value()).instant(product.createdAt()).number(product.stockQuantity())
          .number(product.costPrice().map(cost -> money.amount(cost, currency))).text(product.barcode())
          .text(product.vendor()).text(product.brand()).instant(product.updatedAt())
          .end();
    });
    csv.finish();
    return new FeedReport(read[0], csv.rows(), problems.report());
  }

  /**
   * Writes the sales-orders file: the full demand history of this connection's warehouse. The
   * demand is read twice, cancellations first.
   *
   * @param demand every demand line, e.g. {@code store::forEach}
   * @param out where the file goes; left open
   * @return what was written, and the lines held back for want of a mapping
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeSalesOrders(Rows<DemandLine> demand, OutputStream out) {
    Fields.notNull("demand", demand);
    CsvRows csv = new CsvRows(SALES_ORDERS, Fields.notNull("out", out), SALES_ORDER_COLUMNS);
    Problems problems = new Problems(SALES_ORDERS, held);
    Explosion explosion = new Explosion(bundles, bundleMode);
    SaleRows sales = SaleRows.scan(demand);
    Money money = new Money();
    Consumer<PlannerLine> writer = planned -> {
      DemandLine line = planned.line();
      Lookup<WarehouseId> lineWarehouse = mapping.warehouse(line.location());
      if (lineWarehouse instanceof Lookup.Unmapped<WarehouseId> unmapped) {
        problems.add(unmapped, line.id());
        return;
      }
      if (!lineWarehouse.orElseThrow().equals(warehouse)) {
        return; // another connection's demand
      }
      String orderNumber = line.orderNumber().orElse(line.orderId());
      if (explosion.soldAsItself(line.sku())) {
        // The common case, without building parts.
        if (mapping.variant(line.sku()) instanceof Lookup.Unmapped<VariantId> unmapped) {
          problems.add(unmapped, line.id());
          return;
        }
        salesRow(csv, orderNumber, line.sku().value(), line, money.amount(line.unitPrice(), line.currency()),
            planned.quantity(), planned.cancelled());
        return;
      }
      List<Explosion.Part> parts = explosion.parts(planned);
      if (!problems.allMapped(mapping, parts, line.id())) {
        return;
      }
      for (Explosion.Part part : parts) {
        salesRow(csv, orderNumber, part.sku().value(), line, part.unitPrice(), part.quantity(), planned.cancelled());
      }
    };
    long[] read = {0};
    demand.forEach(line -> {
      read[0]++;
      sales.rows(line, writer);
    });
    sales.finish(writer);
    csv.finish();
    return new FeedReport(read[0], csv.rows(), problems.report());
  }

  private static void salesRow(CsvRows csv, String orderNumber, String sku, DemandLine line, BigDecimal price,
      long quantity, boolean cancelled) {
    csv.text(orderNumber).text(sku).text(sku).instant(line.createdAt()).number(price).number(quantity)
        .text(line.currency()).flag(cancelled)
        .end();
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
    CsvRows csv = new CsvRows(PURCHASE_ORDERS, Fields.notNull("out", out), PURCHASE_ORDER_COLUMNS);
    Money money = new Money();
    long[] read = {0};
    lines.forEach(line -> {
      read[0]++;
      csv.text(line.poId()).date(line.date()).date(line.expectedDate()).text(line.sku().value())
          .text(line.sku().value()).number(money.amount(line.costPrice(), line.currency().orElse(currency)))
          .text(line.status())
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
    private BundleMode bundleMode = BundleMode.BUNDLES;
    private HeldRows held = HeldRows.reportOnly();
    private String currency = "";

    private Builder(CatalogueMapping mapping, WarehouseId warehouse) {
      this.mapping = Fields.notNull("mapping", mapping);
      this.warehouse = Fields.notNull("warehouse", warehouse);
    }

    /**
     * Sets the bundles and how they reach the planner.
     *
     * @param catalogue the bundles
     * @param mode declared (the default) or exploded to components
     * @return this builder
     * @throws InvalidValueException if an argument is null
     */
    public Builder bundles(BundleCatalogue catalogue, BundleMode mode) {
      this.bundles = Fields.notNull("catalogue", catalogue);
      this.bundleMode = Fields.notNull("mode", mode);
      return this;
    }

    /**
     * Sets who hears of each row held back for want of a mapping.
     *
     * @param held the listener; default {@link HeldRows#reportOnly()}
     * @return this builder
     * @throws InvalidValueException if the listener is null
     */
    public Builder heldRows(HeldRows held) {
      this.held = Fields.notNull("held", held);
      return this;
    }

    /**
     * Sets the connection's currency, which gives product and cost prices their decimals (the
     * planner asks for it when the connection is set up).
     *
     * @param currency the ISO 4217 code, e.g. {@code EUR}; unset, prices are written as given
     * @return this builder
     * @throws InvalidValueException if the code is not three capital letters
     */
    public Builder currency(String currency) {
      this.currency = Fields.currency("currency", currency);
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
