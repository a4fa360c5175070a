package dev.stockbridge.planner.feed;

import static dev.stockbridge.planner.feed.FeedFixtures.T0;
import static dev.stockbridge.planner.feed.FeedFixtures.line;
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
import java.util.List;
import java.util.Map;
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

  private static List<List<String>> salesOrders(AdvancedFeeds feeds, List<DemandLine> lines) {
    return parse(write(out -> feeds.writeSalesOrders(lines::forEach, out)));
  }

  @Test
  void shouldWriteEveryDocumentedColumn_whenASaleIsWritten() {
    List<List<String>> rows = salesOrders(AdvancedFeeds.builder(MAPPING).build(),
        List.of(line("o1/l1", DemandKind.SALE, "MUG", "london-dc", 3, "12.50", "2.00")));

    assertThat(rows).containsExactly(
        List.of("ORDER_ID", "ID", "VARIANT_ID", "WAREHOUSE", "CURRENCY", "QUANTITY", "PRICE",
            "CREATED_AT", "REMOVED", "UPDATED_AT", "REFERENCE", "REFERENCE2", "CUSTOMER", "DISCOUNT",
            "CANCELLED"),
        List.of("o1/l1", "order-o1/l1", "c1_10", "c1_wh1", "EUR", "3", "12.50",
            "2024-03-01T10:15:30Z", "false", "2024-03-01T10:16:30Z", "#o1/l1", "web", "cust-1",
            "2.00", "false"));
  }

  @Test
  void shouldWriteNegativeRowsAndMarkCancellations_whenReturnedOrCancelled() {
    List<List<String>> rows = salesOrders(AdvancedFeeds.builder(MAPPING).build(), List.of(
        line("r1", DemandKind.RETURN, "MUG", "london-dc", 1, "12.50", "1.00"),
        line("c1", DemandKind.CANCELLATION, "MUG", "london-dc", 2, "12.50", "0")));

    assertThat(rows.get(1)).containsSubsequence("r1", "-1", "12.50").endsWith("-1.00", "false");
    assertThat(rows.get(2)).containsSubsequence("c1", "-2", "12.50").endsWith("0", "true");
  }

  @Test
  void shouldSpreadTheBundleOverItsComponents_whenModeIsComponents() {
    AdvancedFeeds feeds = AdvancedFeeds.builder(MAPPING).bundles(BUNDLES, BundleMode.COMPONENTS).build();

    List<List<String>> rows = salesOrders(feeds,
        List.of(line("b1", DemandKind.SALE, "GIFT-SET", "london-dc", 2, "30.00", "3.00")));

    // 3 units per set: each unit 10.00; the discount 3.00 split 2:1 between cups and saucer
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).startsWith("b1/CUP", "order-b1", "c1_11", "c1_wh1", "EUR", "4", "10");
    assertThat(rows.get(1).get(13)).isEqualTo("2");
    assertThat(rows.get(2)).startsWith("b1/SAUCER", "order-b1", "c1_12", "c1_wh1", "EUR", "2", "10");
    assertThat(rows.get(2).get(13)).isEqualTo("1");
  }

  @Test
  void shouldWriteTheBundleRowOnly_whenModeIsBundles() {
    AdvancedFeeds feeds = AdvancedFeeds.builder(MAPPING).bundles(BUNDLES, BundleMode.BUNDLES).build();

    List<List<String>> rows = salesOrders(feeds,
        List.of(line("b1", DemandKind.SALE, "GIFT-SET", "london-dc", 2, "30.00", "0")));

    assertThat(rows).hasSize(2);
    assertThat(rows.get(1)).startsWith("b1", "order-b1", "c1_99", "c1_wh1", "EUR", "2", "30.00");
  }

  @Test
  void shouldWriteBundleAndComponentRows_whenModeIsBoth() {
    AdvancedFeeds feeds = AdvancedFeeds.builder(MAPPING).bundles(BUNDLES, BundleMode.BOTH).build();

    List<List<String>> rows = salesOrders(feeds,
        List.of(line("b1", DemandKind.RETURN, "GIFT-SET", "london-dc", 1, "30.00", "0")));

    assertThat(rows).extracting(row -> row.get(0) + " " + row.get(5))
        .containsExactly("ORDER_ID QUANTITY", "b1 -1", "b1/CUP -2", "b1/SAUCER -1");
  }

  @Test
  void shouldHoldBackAndReport_whenASkuOrLocationIsUnmapped() {
    AdvancedFeeds feeds = AdvancedFeeds.builder(MAPPING).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    FeedReport report = feeds.writeSalesOrders(List.of(
        line("a", DemandKind.SALE, "MUG", "london-dc", 1, "1", "0"),
        line("b", DemandKind.SALE, "UNKNOWN", "london-dc", 1, "1", "0"),
        line("c", DemandKind.SALE, "UNKNOWN", "london-dc", 1, "1", "0"),
        line("d", DemandKind.SALE, "MUG", "paris-dc", 1, "1", "0"))::forEach, out);

    assertThat(report.rowsRead()).isEqualTo(4);
    assertThat(report.rowsWritten()).isEqualTo(1);
    assertThat(report.complete()).isFalse();
    assertThat(report.problems()).containsExactly(
        new FeedProblem(Lookup.Reason.UNKNOWN_SKU, "UNKNOWN", 2, "b"),
        new FeedProblem(Lookup.Reason.UNKNOWN_LOCATION, "paris-dc", 1, "d"));
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
  void shouldWriteStockRowsWithMappedIds_whenVariantWarehousesAreWritten() {
    AdvancedFeeds feeds = AdvancedFeeds.builder(MAPPING).build();
    List<VariantStock> stock = List.of(
        new VariantStock(Sku.of("MUG"), Location.of("london-dc"), -4, false, T0, OptionalLong.of(2), OptionalLong.empty()),
        VariantStock.of(Sku.of("CUP"), Location.of("london-dc"), 0, true, T0),
        VariantStock.of(Sku.of("NOPE"), Location.of("london-dc"), 5, false, T0));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    FeedReport report = feeds.writeVariantWarehouses(stock::forEach, out);

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

    assertThat(rows.get(1)).startsWith("'-1", "order--1", "'+c1_1", "'@wh", "EUR", "-5", "1.5");
    assertThat(rows.get(1).get(13)).isEqualTo("-0.5");
  }
}
