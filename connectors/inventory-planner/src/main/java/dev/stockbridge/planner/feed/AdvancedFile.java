package dev.stockbridge.planner.feed;

import java.nio.file.Path;
import java.util.List;

/**
 * The file types of an Inventory Planner Advanced CSV connection that Stockbridge writes, each with
 * its one declared schema: the columns, in order, that its writer writes and that a file must have
 * exactly before it is uploaded. The planner skips a file with a missing required column or any
 * unsupported column, without saying so anywhere (help article 10802335, "Syncing data"), so
 * every declared column is one the file's specification article lists, and every required one is
 * declared.
 *
 * <p>The constants are in upload order: the warehouse and vendor files first (both "must be
 * included in the initial sync", articles 10802445 and 10802535), then variants, which must come
 * "before or at the same time as" the component, vendor-link, warehouse-stock and sales-order
 * files (10802607, 10803221, 10803183, 10803098, 10803447).
 *
 * <p>The stock order files (10803557, 10804148) are not written: purchase orders reach the planner
 * from the ERP, and Stockbridge reads them back through the API.
 */
public enum AdvancedFile {

  /** Warehouses (article 10802445). */
  WAREHOUSE("warehouses", "10802445-warehouse-data-file-specification",
      "WAREHOUSE_ID", "DISPLAY_NAME", "UPDATED_AT", "REMOVED", "CURRENCY"),
  /** Vendors (article 10802535). */
  VENDOR("vendors", "10802535-vendor-data-file-specification",
      "VENDOR_ID", "DISPLAY_NAME", "CURRENCY", "REMOVED", "UPDATED_AT"),
  /** Variants, simple or bundle (article 10802607). */
  VARIANT("variants", "10802607-variant-data-file-specification",
      "VARIANT_ID", "SKU", "TITLE", "BARCODE", "PRODUCT_ID", "PRICE", "CREATED_AT", "UPDATED_AT",
      "REMOVED", "TYPE"),
  /** The components of each bundle (article 10803221). */
  VARIANT_COMPONENT("variant-components", "10803221-variant-component-data-file-specification",
      "VARIANT_ID", "COMPONENT_VARIANT_ID", "QUANTITY", "REMOVED", "UPDATED_AT"),
  /** Which vendor supplies a variant, at what cost (article 10803183). */
  VARIANT_VENDOR("variant-vendors", "10803183-variant-vendor-data-file-specification",
      "VARIANT_ID", "VENDOR_ID", "REMOVED", "UPDATED_AT", "COST_PRICE", "VENDOR_REFERENCE", "MOQ"),
  /** Available stock and minimum stock per variant and warehouse (article 10803098). */
  VARIANT_WAREHOUSE("variant-warehouses", "10803098-variant-warehouse-data-file-specification",
      "VARIANT_ID", "WAREHOUSE_ID", "IN_STOCK", "REMOVED", "UPDATED_AT", "MIN_STOCK", "MAX_STOCK"),
  /** Sales order lines, cancellations and returns (article 10803447). */
  SALES_ORDER("sales-orders", "10803447-sales-order-data-file-specification",
      "ORDER_ID", "ID", "VARIANT_ID", "WAREHOUSE", "CURRENCY", "QUANTITY", "PRICE", "CREATED_AT",
      "REMOVED", "UPDATED_AT", "REFERENCE", "REFERENCE2", "CUSTOMER", "DISCOUNT", "CANCELLED");

  private static final String HELP = "https://help.inventory-planner.com/en/articles/";

  private final String entity;
  private final String article;
  private final List<String> columns;

  AdvancedFile(String entity, String article, String... columns) {
    this.entity = entity;
    this.article = article;
    this.columns = List.of(columns);
  }

  /**
   * The declared columns, in the order they are written.
   *
   * @return the header, read-only
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * The entity's name in file names and, by default, its remote subdirectory, e.g. {@code
   * sales-orders}. The planner wants each entity "loaded to the correct subdirectory"; its names
   * for them are not documented publicly (unverified), so the uploader lets them be configured.
   *
   * @return the entity name
   */
  public String entity() {
    return entity;
  }

  /**
   * The help-centre article that specifies the file.
   *
   * @return its address
   */
  public String specification() {
    return HELP + article;
  }

  /**
   * Checks a written file against this schema: its header must be exactly the declared columns,
   * in order, and every row must have as many cells as the header.
   *
   * @param file the file
   * @throws FeedSchemaException naming the file and the column (or row) that differs
   * @throws FeedException if the file cannot be read
   */
  public void check(Path file) {
    SchemaCheck.check(this, file);
  }
}
