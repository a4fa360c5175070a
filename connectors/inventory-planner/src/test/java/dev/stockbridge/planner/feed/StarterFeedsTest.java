package dev.stockbridge.planner.feed;

import static dev.stockbridge.planner.feed.FeedFixtures.T0;
import static dev.stockbridge.planner.feed.FeedFixtures.line;
import static dev.stockbridge.planner.feed.FeedFixtures.orderLine;
import static dev.stockbridge.planner.feed.FeedFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Sku;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.demand.FileDemandStore;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.WarehouseId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterFeedsTest {

  private static final CatalogueMapping MAPPING = FeedFixtures.mapping(
      Map.of("MUG", "v-mug", "CUP", "v-cup", "SET", "v-set"), Map.of("london-dc", "wh-uk", "paris-dc", "wh-fr"));

  @TempDir Path dir;

  @Test
  void shouldWriteThisWarehousesFullHistoryFromTheStore_whenSalesOrdersArePublished() {
    StarterFeeds feeds = StarterFeeds.builder(MAPPING, WarehouseId.of("wh-uk"))
        .bundles(BundleCatalogue.builder().component(Sku.of("SET"), Sku.of("CUP"), 2).build(), BundleMode.COMPONENTS)
        .build();
    FeedDirectory directory = FeedDirectory.of(dir.resolve("feeds"));
    FeedReport report;
    try (FileDemandStore store = FileDemandStore.open(dir.resolve("demand.log"))) {
      store.put(List.of(
          line("s1", DemandKind.SALE, "MUG", "london-dc", 2, "9.99", "0"),
          line("s2", DemandKind.SALE, "MUG", "paris-dc", 7, "9.99", "0"),
          line("s3", DemandKind.SALE, "SET", "london-dc", 1, "20", "0"),
          line("s4", DemandKind.RETURN, "MUG", "london-dc", 1, "9.99", "0"),
          line("s5", DemandKind.SALE, "MUG", "berlin-dc", 1, "9.99", "0"),
          line("s6", DemandKind.SALE, "TEAPOT", "london-dc", 1, "30", "0")));

      report = directory.publish(StarterFeeds.SALES_ORDERS, out -> feeds.writeSalesOrders(store::forEach, out));
    }

    assertThat(parse(readAll(directory.path().resolve(StarterFeeds.SALES_ORDERS)))).containsExactly(
        List.of("order_number", "product_id", "sku", "date", "price", "quantity", "currency", "canceled"),
        List.of("#s1", "MUG", "MUG", "2024-03-01T10:15:30Z", "9.99", "2", "EUR", "false"),
        List.of("#s3", "CUP", "CUP", "2024-03-01T10:15:30Z", "10.00", "2", "EUR", "false"),
        List.of("#s4", "MUG", "MUG", "2024-03-01T10:15:30Z", "9.99", "-1", "EUR", "false"));
    assertThat(report.rowsRead()).isEqualTo(6);
    assertThat(report.problems()).containsExactly(
        new FeedProblem(Lookup.Reason.UNKNOWN_LOCATION, "berlin-dc", 1, "s5"),
        new FeedProblem(Lookup.Reason.UNKNOWN_SKU, "TEAPOT", 1, "s6"));
  }

  @Test
  void shouldCancelOnTheLineAndKeepBundlesWhole_whenBundlesAreDeclared() {
    StarterFeeds feeds = StarterFeeds.builder(MAPPING, WarehouseId.of("wh-uk"))
        .bundles(BundleCatalogue.builder().component(Sku.of("SET"), Sku.of("CUP"), 2).build(), BundleMode.BUNDLES)
        .build();
    List<DemandLine> demand = List.of(
        orderLine("order/o1/l1", DemandKind.SALE, "o1", "l1", "MUG", 3, "9.99", "0"),
        orderLine("cancel/o1/l1", DemandKind.CANCELLATION, "o1", "l1", "MUG", 3, "9.99", "0"),
        orderLine("order/o2/l1", DemandKind.SALE, "o2", "l1", "SET", 4, "20", "0"),
        orderLine("cancel/o2/l1", DemandKind.CANCELLATION, "o2", "l1", "SET", 1, "20", "0"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    feeds.writeSalesOrders(demand::forEach, out);

    assertThat(parse(out.toByteArray())).containsExactly(
        List.of("order_number", "product_id", "sku", "date", "price", "quantity", "currency", "canceled"),
        List.of("#o1", "MUG", "MUG", "2024-03-01T10:15:30Z", "9.99", "3", "EUR", "true"),
        List.of("#o2", "SET", "SET", "2024-03-01T10:15:30Z", "20.00", "3", "EUR", "false"),
        List.of("#o2", "SET", "SET", "2024-03-01T10:15:30Z", "20.00", "1", "EUR", "true"));
  }

  @Test
  void shouldHoldBackAndListTheProduct_whenItsSkuIsUnmapped() {
    StarterFeeds feeds = StarterFeeds.builder(MAPPING, WarehouseId.of("wh-uk")).currency("EUR").build();
    List<Product> products = List.of(Product.of(Sku.of("MUG"), "Mug", new BigDecimal("9.9"), T0, 4),
        Product.of(Sku.of("TEAPOT"), "Teapot", BigDecimal.ONE, T0, 1));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    FeedReport report = feeds.writeProducts(products::forEach, out);

    assertThat(parse(out.toByteArray())).hasSize(2).element(1).satisfies(row -> assertThat(row).startsWith("MUG", "Mug", "9.90"));
    assertThat(report.problems()).containsExactly(new FeedProblem(Lookup.Reason.UNKNOWN_SKU, "TEAPOT", 1, "TEAPOT"));
  }

  @Test
  void shouldWriteTheDocumentedColumns_whenProductsAreWritten() {
    StarterFeeds feeds = StarterFeeds.builder(MAPPING, WarehouseId.of("wh-uk")).build();
    List<Product> products = List.of(
        Product.of(Sku.of("MUG"), "Mug, \"large\"\nblue", new BigDecimal("9.99"), T0, -2),
        new Product(Sku.of("CUP"), "=1+1", BigDecimal.TEN, T0, 5, Optional.of(new BigDecimal("3.10")),
            Optional.of("4006381333931"), Optional.of("Acme"), Optional.of("Brändle"), Optional.of(T0.plusSeconds(1))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    FeedReport report = feeds.writeProducts(products::forEach, out);

    assertThat(parse(out.toByteArray())).containsExactly(
        List.of("product_id", "title", "price", "SKU", "created_at", "stock_quantity", "cost_price",
            "barcode", "vendor", "brand", "updated_at"),
        List.of("MUG", "Mug, \"large\"\nblue", "9.99", "MUG", "2024-03-01T10:15:30Z", "-2", "", "", "", "", ""),
        List.of("CUP", "'=1+1", "10", "CUP", "2024-03-01T10:15:30Z", "5", "3.10", "4006381333931",
            "Acme", "Brändle", "2024-03-01T10:15:31Z"));
    assertThat(report).isEqualTo(new FeedReport(2, 2, List.of()));
  }

  @Test
  void shouldWriteTheDocumentedColumns_whenPurchaseOrdersAreWritten() {
    StarterFeeds feeds = StarterFeeds.builder(MAPPING, WarehouseId.of("wh-uk")).build();
    List<PurchaseOrderLine> lines = List.of(new PurchaseOrderLine("PO-7", LocalDate.of(2024, 3, 1),
        LocalDate.of(2024, 3, 20), Sku.of("MUG"), new BigDecimal("3.25"), "open", 100, 40,
        Optional.of("Spring restock"), Optional.of("Acme"), Optional.of("GBP")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    feeds.writePurchaseOrders(lines::forEach, out);

    assertThat(parse(out.toByteArray())).containsExactly(
        List.of("po_id", "date", "expected_date", "product_id", "sku", "cost_price", "status",
            "ordered", "received", "po_name", "vendor", "currency"),
        List.of("PO-7", "2024-03-01", "2024-03-20", "MUG", "MUG", "3.25", "open", "100", "40",
            "Spring restock", "Acme", "GBP"));
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
