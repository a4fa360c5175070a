package dev.stockbridge.planner.feed;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
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
 * Writes the sales-order file, {@link AdvancedFile#SALES_ORDER}; every column rule is from help
 * article 10803447 ("Sales order data file specification") unless said otherwise:
 *
 * <ul>
 *   <li>{@code ORDER_ID} (required): "the ID unique to the sales order line item": {@code
 *       orderId/lineId}, shared by a sale and its cancellation so the cancellation updates the
 *       line; a return's own demand id; for an exploded component, that and {@code /} and the
 *       component SKU (see {@link PlannerLine#rowId()});
 *   <li>{@code ID} (required): "the sales order's ID, must be the same for all line items";
 *   <li>{@code VARIANT_ID}, {@code WAREHOUSE} (required): from the mapping; an unmapped SKU (for
 *       an exploded bundle, any component) or location holds the row back;
 *   <li>{@code CURRENCY} (required);
 *   <li>{@code QUANTITY} (required): the units sold, unchanged when cancelled; negative for a
 *       return ("it can be represented as a row with a negative quantity");
 *   <li>{@code PRICE} (required): the undiscounted unit price, with the currency's decimals;
 *   <li>{@code CREATED_AT}, {@code UPDATED_AT} (required);
 *   <li>{@code REMOVED} (required): always {@code false}: a cancellation is not a deletion;
 *   <li>{@code REFERENCE} (optional): the order number; {@code REFERENCE2} (optional): the sales
 *       channel, else the store, so demand per channel survives in the planner;
 *   <li>{@code CUSTOMER} (optional): a customer reference, never personal data;
 *   <li>{@code DISCOUNT} (optional): the promotion value on the row's units, signed like the
 *       quantity, with the currency's decimals;
 *   <li>{@code CANCELLED} (optional): {@code true} on a cancelled line ("the CANCELLED column
 *       should be set to true for all relevant lines"), as {@link SaleRows} decides.
 * </ul>
 *
 * <p>A declared bundle's sale is one bundle row, attributed to the components by the planner
 * (article 10803221); exploding writes component rows instead ({@link Explosion}). Reads the
 * demand twice (see {@link SaleRows}). Not thread-safe: one instance per file.
 */
final class SalesOrderFile implements Consumer<PlannerLine> {

  private final CatalogueMapping mapping;
  private final Explosion explosion;
  private final Money money = new Money();
  private final CsvRows csv;
  private final Problems problems;
  private Location lastLocation;
  private String lastWarehouse;

  private SalesOrderFile(CatalogueMapping mapping, Explosion explosion, HeldRows held, OutputStream out) {
    this.mapping = mapping;
    this.explosion = explosion;
    AdvancedFile type = AdvancedFile.SALES_ORDER;
    this.csv = new CsvRows(type.entity(), out, type.columns());
    this.problems = new Problems(type.entity(), held);
  }

  static FeedReport write(CatalogueMapping mapping, Explosion explosion, HeldRows held, Rows<DemandLine> demand, OutputStream out) {
    SaleRows sales = SaleRows.scan(demand);
    SalesOrderFile file = new SalesOrderFile(mapping, explosion, held, out);
    long[] read = {0};
    demand.forEach(line -> {
      read[0]++;
      sales.rows(line, file);
    });
    sales.finish(file);
    file.csv.finish();
    return new FeedReport(read[0], file.csv.rows(), file.problems.report());
  }

  @Override
  public void accept(PlannerLine planned) {
    DemandLine line = planned.line();
    String warehouseId;
    if (line.location().equals(lastLocation)) {
      warehouseId = lastWarehouse; // demand comes from a few locations: skip the lookup
    } else {
      Lookup<WarehouseId> warehouse = mapping.warehouse(line.location());
      if (warehouse instanceof Lookup.Unmapped<WarehouseId> unmapped) {
        problems.add(unmapped, line.id());
        return;
      }
      warehouseId = warehouse.orElseThrow().value();
      lastLocation = line.location();
      lastWarehouse = warehouseId;
    }
    if (explosion.soldAsItself(line.sku())) {
      // The common case, without building parts.
      Lookup<VariantId> variant = mapping.variant(line.sku());
      if (variant instanceof Lookup.Unmapped<VariantId> unmapped) {
        problems.add(unmapped, line.id());
        return;
      }
      String currency = line.currency();
      row(planned, null, variant.orElseThrow().value(), warehouseId, planned.quantity(),
          money.amount(line.unitPrice(), currency), money.amount(planned.discount(), currency));
      return;
    }
    List<Explosion.Part> parts = explosion.parts(planned);
    if (!problems.allMapped(mapping, parts, line.id())) {
      return;
    }
    for (Explosion.Part part : parts) {
      Sku sku = part.sku();
      row(planned, part.rowId(), mapping.variant(sku).orElseThrow().value(), warehouseId, part.quantity(),
          part.unitPrice(), part.discount());
    }
  }

  /** One row; a null row id is the planner line's own. */
  private void row(PlannerLine planned, String rowId, String variantId, String warehouseId, long quantity,
      BigDecimal price, BigDecimal discount) {
    DemandLine line = planned.line();
    if (rowId == null) {
      planned.writeRowId(csv);
    } else {
      csv.text(rowId);
    }
    csv.text(line.orderId()).text(variantId).text(warehouseId).text(line.currency())
        .number(quantity).number(price).instant(line.createdAt()).flag(false).instant(line.updatedAt())
        .text(line.orderNumber()).text(reference2(line)).text(line.customer())
        .number(discount).flag(planned.cancelled())
        .end();
  }

  private static String reference2(DemandLine line) {
    if (line.salesChannel().isPresent()) {
      return line.salesChannel().get().key();
    }
    return line.store().orElse("");
  }
}
