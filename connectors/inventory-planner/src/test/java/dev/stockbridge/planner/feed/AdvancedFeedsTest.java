package dev.stockbridge.planner.feed;

import static dev.stockbridge.planner.feed.FeedFixtures.T0;
import static dev.stockbridge.planner.feed.FeedFixtures.line;
import static dev.stockbridge.planner.feed.FeedFixtures.orderLine;
import static dev.stockbridge.planner.feed.FeedFixtures.parse;
import static dev.stockbridge.planner.feed.FeedFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AdvancedFeedsTest {

  private static final CatalogueMapping MAPPING = FeedFixtures.mapping(
      Map.of("MUG", "c1_10", "CUP", "c1_11", "SAUCER", "c1_12", "GIFT-SET", "c1_99"),
      Map.of("london-dc", "c1_wh1"));
  private static final BundleCatalogue BUNDLES = BundleCatalogue.builder()
      .component(Sku.of("GIFT-SET"), Sku.of("CUP"), 2)
      .component(Sku.of("GIFT-SET"), Sku.of("SAUCER"), 1)
      .build();
  private static final AdvancedFeeds DECLARED = AdvancedFeeds.builder(MAPPING).bundles(BUNDLES, BundleMode.BUNDLES).build();
  private static final AdvancedFeeds EXPLODED = AdvancedFeeds.builder(MAPPING).bundles(BUNDLES, BundleMode.COMPONENTS).build();

  private static List<List<String>> salesOrders(AdvancedFeeds feeds, List<DemandLine> lines) {
    return parse(write(out -> feeds.writeSalesOrders(lines::forEach, out)));
  }

  /** The data rows, header dropped. */
  private static List<List<String>> rows(List<List<String>> file) {
    return file.subList(1, file.size());
  }

  @Test
  void shouldWriteEveryDeclaredColumn_whenASaleIsWritten() {
    List<List<String>> file = salesOrders(DECLARED,
        List.of(line("o1/l1", DemandKind.SALE, "MUG", "london-dc", 3, "12.5", "2")));

    assertThat(file).containsExactly(AdvancedFile.SALES_ORDER.columns(),
        List.of("order-o1/l1/line-o1/l1", "order-o1/l1", "c1_10", "c1_wh1", "EUR", "3", "12.50",
            "2024-03-01T10:15:30Z", "false", "2024-03-01T10:16:30Z", "#o1/l1", "web", "cust-1",
            "2.00", "false"));
  }

  @Test
  void shouldMarkTheLineCancelledWithItsQuantity_whenTheWholeLineIsCancelled() {
    List<List<String>> file = salesOrders(DECLARED, List.of(
        orderLine("order/o1/l1", DemandKind.SALE, "o1", "l1", "MUG", 3, "12.50", "1.50"),
        orderLine("order/o1/l2", DemandKind.SALE, "o1", "l2", "CUP", 1, "4.00", "0"),
        orderLine("cancel/o1/l1", DemandKind.CANCELLATION, "o1", "l1", "MUG", 3, "12.50", "1.50")));

    // One row per line, no negative row: the cancelled line keeps its 3 units, the other line is a sale.
    assertThat(rows(file)).containsExactly(
        List.of("o1/l1", "o1", "c1_10", "c1_wh1", "EUR", "3", "12.50", "2024-03-01T10:15:30Z", "false",
            "2024-03-01T10:16:30Z", "#o1", "web", "cust-1", "1.50", "true"),
        List.of("o1/l2", "o1", "c1_11", "c1_wh1", "EUR", "1", "4.00", "2024-03-01T10:15:30Z", "false",
            "2024-03-01T10:16:30Z", "#o1", "web", "cust-1", "0.00", "false"));
  }

  @Test
  void shouldSplitTheLineIntoKeptAndCancelledUnits_whenPartOfALineIsCancelled() {
    List<List<String>> file = salesOrders(DECLARED, List.of(
        orderLine("cancel/o2/l1", DemandKind.CANCELLATION, "o2", "l1", "MUG", 2, "10.00", "1.00"),
        orderLine("order/o2/l1", DemandKind.SALE, "o2", "l1", "MUG", 5, "10.00", "2.50")));

    assertThat(rows(file)).containsExactly(
        List.of("o2/l1", "o2", "c1_10", "c1_wh1", "EUR", "3", "10.00", "2024-03-01T10:15:30Z", "false",
            "2024-03-01T10:16:30Z", "#o2", "web", "cust-1", "1.50", "false"),
        List.of("o2/l1/cancelled", "o2", "c1_10", "c1_wh1", "EUR", "2", "10.00", "2024-03-01T10:15:30Z", "false",
            "2024-03-01T10:16:30Z", "#o2", "web", "cust-1", "1.00", "true"));
  }

  @Test
  void shouldWriteANegativeRowOfItsOwn_whenUnitsAreReturned() {
    List<List<String>> file = salesOrders(DECLARED, List.of(
        orderLine("return/o3/r1", DemandKind.RETURN, "o3", "l1", "MUG", 1, "12.50", "0.50")));

    assertThat(rows(file)).containsExactly(
        List.of("return/o3/r1", "o3", "c1_10", "c1_wh1", "EUR", "-1", "12.50", "2024-03-01T10:15:30Z", "false",
            "2024-03-01T10:16:30Z", "#o3", "web", "cust-1", "-0.50", "false"));
  }

  @Test
  void shouldCancelTheWholeLineUnderTheSalesId_whenTheSaleWasSentEarlier() {
    List<List<String>> file = salesOrders(DECLARED, List.of(
        orderLine("cancel/o4/l1", DemandKind.CANCELLATION, "o4", "l1", "MUG", 2, "12.50", "0")));

    assertThat(rows(file)).extracting(row -> row.get(0) + " " + row.get(5) + " " + row.get(14))
        .containsExactly("o4/l1 2 true");
  }

  @Test
  void shouldWriteOneBundleRow_whenADeclaredBundleIsSold() {
    List<List<String>> file = salesOrders(DECLARED,
        List.of(orderLine("order/o5/l1", DemandKind.SALE, "o5", "l1", "GIFT-SET", 2, "35.00", "3.00")));

    assertThat(rows(file)).containsExactly(
        List.of("o5/l1", "o5", "c1_99", "c1_wh1", "EUR", "2", "35.00", "2024-03-01T10:15:30Z", "false",
            "2024-03-01T10:16:30Z", "#o5", "web", "cust-1", "3.00", "false"));
  }

  @Test
  void shouldSpreadThePriceInTheCurrencysDecimals_whenTheBundleIsExploded() {
    List<List<String>> file = salesOrders(EXPLODED,
        List.of(orderLine("order/o6/l1", DemandKind.SALE, "o6", "l1", "GIFT-SET", 2, "35.00", "3.00")));

    // 3 units per set: 35.00 / 3 = 11.67 (not 11.666667); the discount 3.00 split 2:1
    assertThat(rows(file)).containsExactly(
        List.of("o6/l1/CUP", "o6", "c1_11", "c1_wh1", "EUR", "4", "11.67", "2024-03-01T10:15:30Z", "false",
            "2024-03-01T10:16:30Z", "#o6", "web", "cust-1", "2.00", "false"),
        List.of("o6/l1/SAUCER", "o6", "c1_12", "c1_wh1", "EUR", "2", "11.67", "2024-03-01T10:15:30Z", "false",
            "2024-03-01T10:16:30Z", "#o6", "web", "cust-1", "1.00", "false"));
  }

  @Test
  void shouldHoldBackAndReport_whenASkuOrLocationIsUnmapped() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> held = new ArrayList<>();
    AdvancedFeeds feeds = AdvancedFeeds.builder(MAPPING).heldRows((feed, rowId, unmapped) -> held.add(feed + " " + rowId)).build();

    FeedReport report = feeds.writeSalesOrders(List.of(
        line("a", DemandKind.SALE, "MUG", "london-dc", 1, "1", "0"),
        line("b", DemandKind.SALE, "UNKNOWN", "london-dc", 1, "1", "0"),
        line("c", DemandKind.SALE, "UNKNOWN", "london-dc", 1, "1", "0"),
        line("d", DemandKind.SALE, "MUG", "paris-dc", 1, "1", "0"))::forEach, out);

    assertThat(report.rowsRead()).isEqualTo(4);
    assertThat(report.rowsWritten()).isEqualTo(1);
    assertThat(report.problems()).containsExactly(
        new FeedProblem(Lookup.Reason.UNKNOWN_SKU, "UNKNOWN", 2, "b"),
        new FeedProblem(Lookup.Reason.UNKNOWN_LOCATION, "paris-dc", 1, "d"));
    assertThat(held).containsExactly("sales-orders b", "sales-orders c", "sales-orders d");
    assertThat(parse(out.toByteArray())).hasSize(2);
  }

  @Test
  void shouldHoldBackTheWholeBundle_whenOneComponentIsUnmapped() {
    CatalogueMapping noSaucer = FeedFixtures.mapping(Map.of("CUP", "c1_11"), Map.of("london-dc", "c1_wh1"));
    AdvancedFeeds feeds = AdvancedFeeds.builder(noSaucer).bundles(BUNDLES, BundleMode.COMPONENTS).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    FeedReport report = feeds.writeSalesOrders(
        List.of(line("b1", DemandKind.SALE, "GIFT-SET", "london-dc", 1, "30", "0"))::forEach, out);

    assertThat(report.rowsWritten()).isZero();
    assertThat(report.problems()).containsExactly(new FeedProblem(Lookup.Reason.UNKNOWN_SKU, "SAUCER", 1, "b1"));
  }

  @Test
  void shouldDeclareBundlesAndTheirComponents_whenBundlesAreDeclared() {
    List<FeedVariant> variants = List.of(variant("GIFT-SET", "35"), variant("CUP", "4.5"), variant("NOPE", "1"));

    FeedReport[] report = new FeedReport[1];
    List<List<String>> file = parse(write(out -> report[0] = DECLARED.writeVariants(variants::forEach, out)));
    List<List<String>> components = parse(write(out -> DECLARED.writeVariantComponents(T0, out)));

    assertThat(rows(file)).containsExactly(
        List.of("c1_99", "GIFT-SET", "Title GIFT-SET", "", "p-GIFT-SET", "35.00", "2024-03-01T10:15:30Z",
            "2024-03-01T10:16:30Z", "false", "bundle"),
        List.of("c1_11", "CUP", "Title CUP", "", "p-CUP", "4.50", "2024-03-01T10:15:30Z",
            "2024-03-01T10:16:30Z", "false", "simple"));
    assertThat(report[0].problems()).containsExactly(new FeedProblem(Lookup.Reason.UNKNOWN_SKU, "NOPE", 1, "NOPE"));
    assertThat(rows(components)).containsExactly(
        List.of("c1_99", "c1_11", "2", "false", "2024-03-01T10:15:30Z"),
        List.of("c1_99", "c1_12", "1", "false", "2024-03-01T10:15:30Z"));
  }

  @Test
  void shouldLeaveTheBundleOutEverywhere_whenBundlesAreExploded() {
    List<FeedVariant> variants = List.of(variant("GIFT-SET", "35"), variant("CUP", "4.5"));
    List<VariantStock> stock = List.of(VariantStock.of(Sku.of("GIFT-SET"), Location.of("london-dc"), 6, false, T0));

    assertThat(rows(parse(write(out -> EXPLODED.writeVariants(variants::forEach, out)))))
        .extracting(row -> row.get(1) + " " + row.get(9)).containsExactly("CUP simple");
    assertThat(rows(parse(write(out -> EXPLODED.writeVariantComponents(T0, out))))).isEmpty();
    assertThat(rows(parse(write(out -> EXPLODED.writeVariantWarehouses(stock::forEach, out))))).isEmpty();
  }

  @Test
  void shouldWriteWarehousesVendorsAndVendorLinks_whenTheReferenceFilesAreWritten() {
    List<FeedWarehouse> warehouses = List.of(
        new FeedWarehouse(Location.of("london-dc"), "London DC", Optional.of("GBP"), false, T0),
        new FeedWarehouse(Location.of("paris-dc"), "Paris", Optional.empty(), false, T0));
    List<FeedVendor> vendors = List.of(new FeedVendor("acme", "Acme, Ltd", "GBP", false, T0));
    List<VariantVendor> links = List.of(
        new VariantVendor(Sku.of("MUG"), "acme", Optional.of(new BigDecimal("3.1")), "GBP", Optional.of("AC-77"),
            OptionalLong.of(12), false, T0),
        new VariantVendor(Sku.of("CUP"), "acme", Optional.empty(), "JPY", Optional.empty(), OptionalLong.empty(), true, T0));

    FeedReport[] warehouseReport = new FeedReport[1];
    assertThat(rows(parse(write(out -> warehouseReport[0] = DECLARED.writeWarehouses(warehouses::forEach, out)))))
        .containsExactly(List.of("c1_wh1", "London DC", "2024-03-01T10:15:30Z", "false", "GBP"));
    assertThat(warehouseReport[0].problems()).containsExactly(new FeedProblem(Lookup.Reason.UNKNOWN_LOCATION, "paris-dc", 1, "paris-dc"));
    assertThat(rows(parse(write(out -> DECLARED.writeVendors(vendors::forEach, out)))))
        .containsExactly(List.of("acme", "Acme, Ltd", "GBP", "false", "2024-03-01T10:15:30Z"));
    assertThat(rows(parse(write(out -> DECLARED.writeVariantVendors(links::forEach, out))))).containsExactly(
        List.of("c1_10", "acme", "false", "2024-03-01T10:15:30Z", "3.10", "AC-77", "12"),
        List.of("c1_11", "acme", "true", "2024-03-01T10:15:30Z", "", "", ""));
  }

  @Test
  void shouldWriteStockRowsWithMappedIds_whenVariantWarehousesAreWritten() {
    List<VariantStock> stock = List.of(
        new VariantStock(Sku.of("MUG"), Location.of("london-dc"), -4, false, T0, OptionalLong.of(2), OptionalLong.empty()),
        VariantStock.of(Sku.of("CUP"), Location.of("london-dc"), 0, true, T0),
        VariantStock.of(Sku.of("NOPE"), Location.of("london-dc"), 5, false, T0));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    FeedReport report = DECLARED.writeVariantWarehouses(stock::forEach, out);

    assertThat(parse(out.toByteArray())).containsExactly(
        List.of("VARIANT_ID", "WAREHOUSE_ID", "IN_STOCK", "REMOVED", "UPDATED_AT", "MIN_STOCK", "MAX_STOCK"),
        List.of("c1_10", "c1_wh1", "-4", "false", "2024-03-01T10:15:30Z", "2", ""),
        List.of("c1_11", "c1_wh1", "0", "true", "2024-03-01T10:15:30Z", "", ""));
    assertThat(report.problems()).containsExactly(new FeedProblem(Lookup.Reason.UNKNOWN_SKU, "NOPE", 1, "NOPE@london-dc"));
  }

  @Test
  void shouldEscapeFormulasButNotNegativeNumbers_whenCellsLookLikeFormulas() {
    CatalogueMapping mapping = FeedFixtures.mapping(Map.of("=HYPERLINK(\"x\")", "+c1_1"), Map.of("london-dc", "@wh"));
    List<List<String>> rows = salesOrders(AdvancedFeeds.builder(mapping).build(),
        List.of(line("-1", DemandKind.RETURN, "=HYPERLINK(\"x\")", "london-dc", 5, "1.5", "0.5")));

    assertThat(rows.get(1)).startsWith("'-1", "order--1", "'+c1_1", "'@wh", "EUR", "-5", "1.50");
    assertThat(rows.get(1).get(13)).isEqualTo("-0.50");
  }

  static FeedVariant variant(String sku, String price) {
    return new FeedVariant(Sku.of(sku), "Title " + sku, Optional.empty(), "p-" + sku, new BigDecimal(price), "EUR",
        T0, T0.plusSeconds(60), false);
  }
}
