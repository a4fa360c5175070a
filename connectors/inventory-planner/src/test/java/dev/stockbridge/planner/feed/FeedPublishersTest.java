package dev.stockbridge.planner.feed;

import static dev.stockbridge.planner.feed.FeedFixtures.T0;
import static dev.stockbridge.planner.feed.FeedFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.InMemoryDemandStore;
import dev.stockbridge.flow.CatalogueItem;
import dev.stockbridge.flow.CatalogueSource;
import dev.stockbridge.flow.FeedCycle;
import dev.stockbridge.flow.FeedFlow;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.reconcile.Alert;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner connector's publishers behind the core feed flow: what lands in the files. */
class FeedPublishersTest {

  private static final CatalogueMapping MAPPING = FeedFixtures.mapping(Map.of("MUG", "c1_10", "CUP", "c1_11"),
      Map.of("london-dc", "c1_wh1", "leeds-dc", "c1_wh2"));
  private static final Location LONDON = Location.of("london-dc");
  private static final Location LEEDS = Location.of("leeds-dc");
  private static final CatalogueSource CATALOGUE = action -> {
    action.accept(new CatalogueItem(Sku.of("MUG"), "Mug", Optional.of(new BigDecimal("12.50")), Optional.of("EUR"), T0));
    action.accept(new CatalogueItem(Sku.of("CUP"), "Cup", Optional.of(new BigDecimal("4.00")), Optional.of("EUR"), T0));
    action.accept(new CatalogueItem(Sku.of("BOWL"), "Bowl", Optional.empty(), Optional.empty(), T0));
  };

  @TempDir Path dir;
  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final InMemoryDemandStore demand = new InMemoryDemandStore();

  @Test
  void shouldWriteTheStarterFiles_withStockAtTheWarehousesLocationsOnly() throws IOException {
    storefront.create(new StockKey(Sku.of("MUG"), LONDON), 7);
    storefront.create(new StockKey(Sku.of("MUG"), LEEDS), 40);
    demand.put(List.of(FeedFixtures.orderLine("order/o1/l1", DemandKind.SALE, "o1", "l1", "MUG", 2, "12.50", "0")));
    WarehouseId warehouse = WarehouseId.of("c1_wh1");
    StarterPublisher publisher = new StarterPublisher(StarterFeeds.builder(MAPPING, warehouse).build(), MAPPING, warehouse, FeedDirectory.of(dir));

    FeedCycle run = new FeedFlow(CATALOGUE, storefront, demand, publisher, Clock.fixed(T0, ZoneOffset.UTC)).runOnce();

    assertThat(publisher.locations()).containsExactly(LONDON);
    assertThat(run.unpriced()).containsExactly(Sku.of("BOWL"));
    assertThat(run.publication().files()).extracting(file -> Path.of(file.name()).getFileName().toString())
        .containsExactly(StarterFeeds.PRODUCTS, StarterFeeds.SALES_ORDERS);
    List<List<String>> products = parse(Files.readAllBytes(dir.resolve(StarterFeeds.PRODUCTS)));
    int sku = products.get(0).indexOf("SKU");
    int stock = products.get(0).indexOf("stock_quantity");
    assertThat(products.subList(1, products.size())).extracting(row -> row.get(sku) + " " + row.get(stock))
        .as("Leeds is another warehouse's: not counted").containsExactlyInAnyOrder("MUG 7", "CUP 0");
    assertThat(run.publication().files().get(1).rowsWritten()).isEqualTo(1);
  }

  @Test
  void shouldRefuseAWarehouseWithoutALocation() {
    WarehouseId nowhere = WarehouseId.of("c1_wh9");

    assertThatThrownBy(() -> new StarterPublisher(StarterFeeds.builder(MAPPING, nowhere).build(), MAPPING, nowhere, FeedDirectory.of(dir)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("c1_wh9");
  }

  @Test
  void shouldUploadTheAdvancedSet_withStockPerLocation_thenOnlyWhatChanged_andAlertWhenADeadlineWasMissed() {
    storefront.create(new StockKey(Sku.of("MUG"), LONDON), 7);
    storefront.create(new StockKey(Sku.of("MUG"), LEEDS), 2);
    demand.put(List.of(FeedFixtures.orderLine("order/o1/l1", DemandKind.SALE, "o1", "l1", "MUG", 2, "12.50", "0")));
    Map<String, byte[]> uploaded = new LinkedHashMap<>();
    AdvancedSync.Transport recording = (subdirectory, name, content) -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FeedReport report = content.writeTo(out);
      uploaded.put(subdirectory, out.toByteArray());
      return report;
    };
    List<Alert> alerts = new ArrayList<>();
    Clock[] clock = {Clock.fixed(T0, ZoneOffset.UTC)};
    Clock moving = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        return clock[0].instant();
      }
    };
    AdvancedSync sync = AdvancedSync.builder(AdvancedFeeds.builder(MAPPING).build(), recording, dir.resolve("state")).clock(moving).build();
    AdvancedPublisher publisher = AdvancedPublisher.builder(sync, MAPPING, new FeedVendor("acme", "Acme", "EUR", false, T0))
        .lateAlerts(AdvancedSchedule.nightly(ZoneOffset.UTC), alerts::add).build();
    FeedFlow flow = new FeedFlow(CATALOGUE, storefront, demand, publisher, moving);

    FeedCycle first = flow.runOnce();

    assertThat(first.publication().note()).startsWith("initial full set, 7 files in run 1");
    assertThat(alerts).as("nothing to be late with before the first upload").isEmpty();
    List<List<String>> stock = parse(uploaded.get("variant-warehouses"));
    assertThat(stock.subList(1, stock.size())).extracting(row -> row.get(0) + " " + row.get(1) + " " + row.get(2))
        .as("every mapped location, 0 where there is no entry")
        .containsExactlyInAnyOrder("c1_10 c1_wh1 7", "c1_10 c1_wh2 2", "c1_11 c1_wh1 0", "c1_11 c1_wh2 0");
    assertThat(parse(uploaded.get("sales-orders"))).hasSize(2);

    uploaded.clear();
    clock[0] = Clock.fixed(T0.plus(Duration.ofDays(3)), ZoneOffset.UTC);
    java.time.Instant sold = T0.plus(Duration.ofDays(2));
    demand.put(List.of(new dev.stockbridge.demand.DemandLine("order/o2/l1", DemandKind.SALE, "o2", Optional.of("#o2"), "l1", Sku.of("CUP"), 1,
        new BigDecimal("4.00"), BigDecimal.ZERO, "EUR", List.of(), LONDON, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        sold, sold, Map.of())));
    storefront.sell(new StockKey(Sku.of("MUG"), LONDON), 1);

    FeedCycle later = flow.runOnce();

    assertThat(later.publication().note()).doesNotStartWith("initial");
    assertThat(alerts).as("three nights without an upload").hasSize(1);
    assertThat(parse(uploaded.get("sales-orders"))).as("only the new sale").hasSize(2)
        .anySatisfy(row -> assertThat(row).contains("o2/l1"));
  }
}
