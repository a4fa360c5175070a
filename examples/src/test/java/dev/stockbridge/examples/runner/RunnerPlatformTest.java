package dev.stockbridge.examples.runner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.channel.ChannelDraft;
import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.channel.ChannelRoleEnum;
import com.commercetools.api.models.inventory.InventoryEntry;
import com.commercetools.api.models.inventory.InventoryEntryDraft;
import com.commercetools.api.models.order.OrderImportDraft;
import com.commercetools.api.models.product.ProductDraft;
import com.commercetools.api.models.product_type.ProductTypeDraft;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.stockbridge.commercetools.CommercetoolsConfig;
import dev.stockbridge.commercetools.CommercetoolsConnector;
import dev.stockbridge.testkit.CommercetoolsMock;
import dev.stockbridge.testkit.CommercetoolsMockExtension;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.demand.FileDemandStore;
import dev.stockbridge.reconcile.ExceptionStatus;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.flow.ReceiptLedger;
import io.vrap.rmf.base.client.utils.json.JsonUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against the commercetools mock server and a WireMock Inventory Planner: bad
 * credentials, unreachable hosts, and the happy path of status, one sync cycle (with a purchase
 * order receipt) and the Starter feeds.
 */
@ExtendWith(CommercetoolsMockExtension.class)
class RunnerPlatformTest {

  private static final String IP_KEY = "ip-key-not-real-7";
  /** The planner's minimum stock in the stub below: the storefront holds it back from sale. */
  private static final long HELD = 3;
  private static final Map<String, String> ENV = Map.of(Secrets.CT_CLIENT_SECRET, CommercetoolsMock.CLIENT_SECRET, Secrets.IP_API_KEY, IP_KEY);

  @TempDir Path dir;
  private WireMockServer planner;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String sku = "RT-MUG-" + suffix;
  private final String channel = "rt-dc-" + suffix;

  @BeforeEach
  void startPlanner() {
    planner = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    planner.start();
    planner.stubFor(get(urlPathEqualTo("/api/v1/warehouses")).willReturn(okJson(page("warehouses", "{\"name\": \"w1\", \"display_name\": \"Main\", \"disabled\": false}"))));
    planner.stubFor(get(urlPathEqualTo("/api/v1/variants")).willReturn(okJson(page("variants",
        "{\"id\": \"c1_1\", \"sku\": \"" + sku + "\", \"title\": \"Mug\", \"removed\": false,"
            + " \"warehouse\": [{\"warehouse\": \"w1\", \"in_stock\": 12, \"minimum_stock\": 3, \"lead_time\": 21}]}"))));
    planner.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders")).willReturn(okJson(page("purchase-orders"))));
    Invocation.write(dir.resolve("skus.csv"), "sku,planner_variant_id\n" + sku + ",c1_1\n");
    Invocation.write(dir.resolve("locations.csv"), "supply_channel,location,planner_warehouse\n" + channel + "," + channel + ",w1\n");
  }

  @AfterEach
  void stopPlanner() {
    planner.stop();
  }

  /** A partially received purchase order for the mug at w1: 5 ordered, 3 received, 2 due in March 2030. */
  private void stubPurchaseOrderWithReceipt() {
    stubPurchaseOrder(3);
  }

  private void stubPurchaseOrder(int received) {
    planner.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders")).willReturn(okJson(page("purchase-orders",
        "{\"id\": \"po-7\", \"status\": \"partially received\", \"type\": \"po\", \"warehouse\": \"w1\", \"expected_date\": \"2030-03-15\","
            + " \"items\": [{\"id\": \"c1_1\", \"sku\": \"" + sku + "\", \"replenishment\": 5, \"remaining\": " + (5 - received)
            + ", \"received\": " + received + "}]}"))));
  }

  private long receivedInLedger() {
    try (ReceiptLedger ledger = ReceiptLedger.file(dir.resolve("data/receipts.ledger"))) {
      return ledger.received("po-7", VariantId.of("c1_1"));
    }
  }

  private static String page(String key, String... rows) {
    return "{\"" + key + "\": [" + String.join(",", rows) + "], \"meta\": {\"count\": " + rows.length + ", \"end\": true}}";
  }

  private Path config(String apiUrl, String authUrl, String plannerUrl) {
    return config(apiUrl, authUrl, plannerUrl, "");
  }

  /** Orders placed from here on are decremented; null for the default (the first sync's moment). */
  private String ordersStartAt;
  /** More of the config's mapping section, e.g. {@code , "orderDefaults": "order-defaults.csv"}. */
  private String mappingExtra = "";

  private Path config(String apiUrl, String authUrl, String plannerUrl, String plannerExtra) {
    return Invocation.write(dir.resolve("stockbridge.json"), """
        {
          "commercetools": { "projectKey": "%s", "clientId": "%s", "apiUrl": "%s", "authUrl": "%s", "scopes": ["manage_project:%s"] },
          "planner": { "account": "a1", "baseUrl": "%s", "requestsPerSecond": 50%s },
          "mapping": { "skus": "skus.csv", "locations": "locations.csv"%s },
          "dataDirectory": "data",
          "feeds": { "warehouse": "w1" },
          "engine": { "peakWindows": [], "parallelism": 2 }%s
        }
        """.formatted(CommercetoolsMock.PROJECT_KEY, CommercetoolsMock.CLIENT_ID, apiUrl, authUrl, CommercetoolsMock.PROJECT_KEY, plannerUrl, plannerExtra, mappingExtra,
        ordersStartAt == null ? "" : ",\n  \"orders\": { \"startAt\": \"" + ordersStartAt + "\" }"));
  }

  private static CommercetoolsConnector connect(CommercetoolsMock mock) {
    return CommercetoolsConnector.connect(
        CommercetoolsConfig.builder()
            .projectKey(CommercetoolsMock.PROJECT_KEY)
            .credentials(CommercetoolsMock.CLIENT_ID, CommercetoolsMock.CLIENT_SECRET)
            .urls(mock.apiUrl(), mock.tokenUrl())
            .build());
  }

  private Path config(CommercetoolsMock mock) {
    return config(mock.apiUrl().toString(), mock.apiUrl().toString(), planner.baseUrl());
  }

  @Test
  void shouldSayWhichCredentialsToCheck_whenCommercetoolsRefusesThem(CommercetoolsMock mock) {
    Map<String, String> env = Map.of(Secrets.CT_CLIENT_SECRET, "wrong-secret-value", Secrets.IP_API_KEY, IP_KEY);

    Invocation run = Invocation.run(env, "--config", config(mock).toString(), "status");

    run.assertFailed(3, "stockbridge: commercetools refused the client credentials (401): check commercetools.clientId and STOCKBRIDGE_CT_CLIENT_SECRET", env);
  }

  @Test
  void shouldFailInOneLine_whenFeedsGenerateCannotReadTheCatalogue(CommercetoolsMock mock) {
    Map<String, String> env = Map.of(Secrets.CT_CLIENT_SECRET, "wrong-secret-value", Secrets.IP_API_KEY, IP_KEY);

    Invocation run = Invocation.run(env, "--config", config(mock).toString(), "feeds", "generate");

    run.assertFailed(3, "stockbridge: commercetools refused the client credentials (401): check commercetools.clientId and STOCKBRIDGE_CT_CLIENT_SECRET", env);
    assertThat(dir.resolve("data/feeds/products.csv")).doesNotExist();
  }

  @Test
  void shouldSayWhichKeyToCheck_whenThePlannerRefusesIt(CommercetoolsMock mock) {
    planner.stubFor(get(urlPathEqualTo("/api/v1/warehouses"))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("{\"result\": {\"status\": \"error\", \"message\": \"Invalid API key\"}}")));

    Invocation run = Invocation.run(ENV, "--config", config(mock).toString(), "status");

    run.assertFailed(3, "stockbridge: Inventory Planner refused the API key (401): check planner.account and STOCKBRIDGE_IP_API_KEY", ENV);
  }

  @Test
  void shouldNameTheHost_whenThePortIsClosed() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String closed = "http://127.0.0.1:" + port;

    Invocation run = Invocation.run(ENV, "--config", config(closed, closed, planner.baseUrl()).toString(), "sync", "--once");

    run.assertFailed(4, "stockbridge: cannot reach commercetools at 127.0.0.1:" + port
        + " (connection refused): check commercetools.region (or apiUrl and authUrl) and the network", ENV);
  }

  @Test
  void shouldShowReachabilityAndFacts_whenBothPlatformsAnswer(CommercetoolsMock mock) {
    Invocation run = Invocation.run(ENV, "--config", config(mock).toString(), "status");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("commercetools  reachable: project test-project", "planner        reachable: account a1", "1 warehouses", "empty (no sync has run)");
    assertThat(run.out()).contains("orders         flow: no run recorded yet", "supply         flow: no run recorded yet", "inspections    flow: no run recorded yet");
    run.assertNoTraceAndNoSecret(ENV);
  }

  /** Creates the mug with 10 on stock at the channel; returns the channel's id. */
  private String mugWithTenOnStock(ProjectApiRoot api) {
    return shop(api).productWithStock(10);
  }

  private MockShop shop(ProjectApiRoot api) {
    return new MockShop(api, sku, channel);
  }

  private String productType(ProjectApiRoot api) {
    return shop(api).productType();
  }

  /** Creates a published product; returns its creation time. */
  private java.time.Instant product(ProjectApiRoot api, String typeId, String name, String masterVariantJson) {
    return shop(api).product(typeId, name, masterVariantJson);
  }

  /** Creates the test's channel and an entry at it; returns the channel's id. */
  private String entry(ProjectApiRoot api, String entrySku, long quantity) {
    return shop(api).entry(entrySku, quantity);
  }

  @Test
  void shouldWriteEachPricedVariantWithItsAvailableStock_whenFeedsGenerateRuns(CommercetoolsMock mock) throws IOException {
    String plate = "RT-PLATE-" + suffix;
    String bowl = "RT-BOWL-" + suffix;
    String teapot = "RT-TEAPOT-" + suffix;
    java.time.Instant mugCreated;
    try (CommercetoolsConnector ct = connect(mock)) {
      ProjectApiRoot api = ct.api();
      String typeId = productType(api);
      mugCreated = product(api, typeId, "Mug", "{\"sku\":\"" + sku + "\",\"prices\":[{\"value\":{\"currencyCode\":\"GBP\",\"centAmount\":1250}}]}");
      product(api, typeId, "Plate", "{\"sku\":\"" + plate + "\",\"prices\":[{\"value\":{\"currencyCode\":\"GBP\",\"centAmount\":800}}]}");
      product(api, typeId, "Bowl", "{\"sku\":\"" + bowl + "\"}");
      product(api, typeId, "Teapot", "{\"sku\":\"" + teapot + "\",\"prices\":[{\"value\":{\"currencyCode\":\"GBP\",\"centAmount\":900}}]}");
      entry(api, sku, 7);
    }
    // The plate is mapped; the teapot is not, so the planner must not see it.
    Invocation.write(dir.resolve("skus.csv"), "sku,planner_variant_id\n" + sku + ",c1_1\n" + plate + ",c1_2\n");

    Invocation run = Invocation.run(ENV, "--config", config(mock).toString(), "feeds", "generate");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("products.csv (", " without a price: ", "held back ", "sales-orders.csv (");
    run.assertNoTraceAndNoSecret(ENV);
    Map<String, Map<String, String>> rows = new java.util.HashMap<>();
    CsvMapper csv = new CsvMapper();
    try (MappingIterator<Map<String, String>> read =
        csv.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(dir.resolve("data/feeds/products.csv").toFile())) {
      read.forEachRemaining(row -> rows.put(row.get("SKU"), row));
    }
    assertThat(rows.get(sku)).containsEntry("product_id", sku).containsEntry("title", "Mug").containsEntry("price", "12.50").containsEntry("stock_quantity", "7")
        .hasEntrySatisfying("created_at", created -> assertThat(java.time.Instant.parse(created)).isEqualTo(mugCreated));
    assertThat(rows.get(plate)).as("no entry at the warehouse's location: none available").containsEntry("stock_quantity", "0").containsEntry("price", "8.00");
    assertThat(rows).as("unpriced variants are skipped, and counted in the output").doesNotContainKey(bowl);
    assertThat(rows).as("unmapped variants are held back, and listed in the output").doesNotContainKey(teapot);
  }

  /** Imports an order of the mug; with a null channel id the line has no supply channel. */
  private String mugOrder(ProjectApiRoot api, String channelId, long quantity) {
    return shop(api).order(channelId, quantity);
  }

  private long mugDemand() {
    try (FileDemandStore store = FileDemandStore.open(dir.resolve("data/demand.store"))) {
      long[] count = {0};
      store.forEach(line -> count[0] += line.sku().value().equals(sku) ? 1 : 0);
      return count[0];
    }
  }

  @Test
  void shouldKeepEarlierOrdersAsDemandHistoryOnly_whenTheFirstSyncMeetsALiveShop(CommercetoolsMock mock) {
    try (CommercetoolsConnector ct = connect(mock)) {
      ProjectApiRoot api = ct.api();
      String channelId = mugWithTenOnStock(api);
      for (int i = 0; i < 200; i++) {
        mugOrder(api, channelId, 1);
      }

      Invocation first = Invocation.run(ENV, "--config", config(mock).toString(), "sync", "--once");

      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out()).contains("first start: orders placed from ", "earlier orders kept as demand history, none decremented");
      assertThat(mugEntry(api).getQuantityOnStock()).as("200 orders placed before the first sync decrement nothing").isEqualTo(10L - HELD);
      assertThat(mugDemand()).as("every earlier order is demand history").isEqualTo(200);

      mugOrder(api, channelId, 2);
      Invocation second = Invocation.run(ENV, "--config", config(mock).toString(), "sync", "--once");

      assertThat(second.exitCode()).as(second.err()).isZero();
      assertThat(second.out()).doesNotContain("first start");
      assertThat(mugEntry(api).getQuantityOnStock()).as("an order placed after the start is decremented").isEqualTo(8L - HELD);
      assertThat(mugDemand()).isEqualTo(201);
    }
  }

  @Test
  void shouldQuarantineAPoisonedOrder_applyTheOthers_andApplyItOnceAfterTheFix(CommercetoolsMock mock) {
    ordersStartAt = "2020-01-01T00:00:00Z";
    try (CommercetoolsConnector ct = connect(mock)) {
      ProjectApiRoot api = ct.api();
      String channelId = mugWithTenOnStock(api);
      api.inventory().post(InventoryEntryDraft.builder().sku(sku).quantityOnStock(10L).build()).executeBlocking(); // the entry without a channel
      mugOrder(api, channelId, 1);
      String poisoned = mugOrder(api, null, 2);
      mugOrder(api, channelId, 3);

      Invocation sync = Invocation.run(ENV, "--config", config(mock).toString(), "sync", "--once");
      Invocation list = Invocation.run(ENV, "--config", config(mock).toString(), "orders", "list");

      assertThat(sync.exitCode()).as(sync.err()).isZero();
      assertThat(sync.out()).contains("1 quarantined");
      assertThat(mugEntry(api, channelId).getQuantityOnStock()).as("the good orders on both sides of the bad one are applied").isEqualTo(6L - HELD);
      assertThat(list.exitCode()).isZero();
      assertThat(list.out()).contains("1 orders in quarantine", poisoned, "add a row with supply_channel * to mapping.locations");

      Invocation.write(dir.resolve("locations.csv"), "supply_channel,location,planner_warehouse\n" + channel + "," + channel + ",w1\n*,rt-none-" + suffix + ",w2\n");
      Invocation retry = Invocation.run(ENV, "--config", config(mock).toString(), "orders", "retry");
      Invocation again = Invocation.run(ENV, "--config", config(mock).toString(), "sync", "--once");

      assertThat(retry.exitCode()).as(retry.err()).isZero();
      assertThat(retry.out()).contains("0 quarantined (1 released)");
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(mugEntry(api, null).getQuantityOnStock()).as("the fixed order applied once, across a retry and another sync").isEqualTo(8L);
      assertThat(mugEntry(api, channelId).getQuantityOnStock()).isEqualTo(6L - HELD);
      assertThat(Invocation.run(ENV, "--config", config(mock).toString(), "orders", "list").out()).contains("0 orders in quarantine");
    }
  }

  @Test
  void shouldDecrementTheStoresDefaultLocation_whenALineHasNoSupplyChannel(CommercetoolsMock mock) {
    ordersStartAt = "2020-01-01T00:00:00Z";
    String storeKey = "rt-store-" + suffix;
    String otherStore = "rt-other-" + suffix;
    Invocation.write(dir.resolve("order-defaults.csv"), "default_for,key,location\nstore," + storeKey + "," + channel + "\n");
    mappingExtra = ", \"orderDefaults\": \"order-defaults.csv\"";
    try (CommercetoolsConnector ct = connect(mock)) {
      ProjectApiRoot api = ct.api();
      String channelId = mugWithTenOnStock(api);
      shop(api).store(storeKey);
      shop(api).store(otherStore);
      String inStore = shop(api).order(null, 2, storeKey);
      String elsewhere = shop(api).order(null, 1, otherStore);
      try {
        Invocation sync = Invocation.run(ENV, "--config", config(mock).toString(), "sync", "--once");
        Invocation list = Invocation.run(ENV, "--config", config(mock).toString(), "orders", "list");

        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(mugEntry(api, channelId).getQuantityOnStock()).as("the store's default location sold the 2 units").isEqualTo(8L - HELD);
        assertThat(list.out()).as("a store without a default and no * row: quarantined, naming the store")
            .contains(elsewhere, "in store " + otherStore, "add an order_defaults row").doesNotContain(inStore);
      } finally {
        // The mock is shared: other tests read every order since 2020 and would quarantine these.
        for (String id : List.of(inStore, elsewhere)) {
          api.orders().withId(id).delete().withVersion(api.orders().withId(id).get().executeBlocking().getBody().getVersion()).executeBlocking();
        }
      }
    }
  }

  @Test
  void shouldMakeAReceiptSellableOnlyWhenItsInspectionPasses_throughTheStatusFileAndThePeople(CommercetoolsMock mock) throws IOException {
    try (CommercetoolsConnector ct = connect(mock)) {
      ProjectApiRoot api = ct.api();
      String channelId = mugWithTenOnStock(api);
      stubPurchaseOrder(3);
      Invocation baseline = Invocation.run(ENV, "--config", config(mock).toString(), "sync", "--once");
      stubPurchaseOrder(7);
      Invocation receipt = Invocation.run(ENV, "--config", config(mock).toString(), "sync", "--once");

      assertThat(baseline.exitCode()).as(baseline.err()).isZero();
      assertThat(receipt.exitCode()).as(receipt.err()).isZero();
      assertThat(mugEntry(api, channelId).getQuantityOnStock()).as("4 received units wait in inspection, not on sale").isEqualTo(10L - HELD);
      assertThat(Invocation.run(ENV, "--config", config(mock).toString(), "status").out()).contains("4 units wait in inspection");

      String file = "inspection_id,sku,location,quantity,status\nqc-1," + sku + "," + channel + ",3,passed\nqc-2," + sku + "," + channel + ",1,mystery\n";
      Invocation.write(dir.resolve("data/inspections/qc-1.csv"), file);
      Invocation passed = Invocation.run(ENV, "--config", config(mock).toString(), "sync", "--once");
      Invocation.write(dir.resolve("data/inspections/qc-1-again.csv"), file);
      Invocation again = Invocation.run(ENV, "--config", config(mock).toString(), "sync", "--once");

      assertThat(passed.exitCode()).as(passed.err()).isZero();
      assertThat(passed.out()).contains("inspections: 1 status files, 3 units left inspection, 1 rows refused");
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(mugEntry(api, channelId).getQuantityOnStock()).as("the passed lot is sellable once, however often its file arrives").isEqualTo(13L - HELD);
      assertThat(dir.resolve("data/inspections/done/qc-1.csv")).exists();
      assertThat(ExceptionTracker.file(dir.resolve("data/exceptions.json"), Clock.systemUTC()).list(EnumSet.of(ExceptionStatus.OPEN)))
          .anySatisfy(t -> assertThat(t.id()).startsWith("INSPECTION_ROW_REFUSED|" + sku));
      assertThat(Invocation.run(ENV, "--config", config(mock).toString(), "status").out())
          .as("status names the open exceptions by owner and code").containsPattern("exceptions     [0-9]+ open: .*INSPECTION_ROW_REFUSED=1");

      Invocation tooMany = Invocation.run(ENV, "--config", config(mock).toString(), "inspection", "pass", sku, channel, "2");
      Invocation failed = Invocation.run(ENV, "--config", config(mock).toString(), "inspection", "fail", sku, channel, "1", "--id", "qc-3");

      tooMany.assertFailed(2, "stockbridge: only 1 units of " + sku + "@" + channel + " wait in inspection (returns and receipts the journal holds): nothing booked", ENV);
      assertThat(failed.exitCode()).as(failed.err()).isZero();
      assertThat(failed.out()).contains("inspection qc-3: 1 units of " + sku + "@" + channel + " failed, now damaged; 0 still wait in inspection");
      assertThat(mugEntry(api, channelId).getQuantityOnStock()).as("failed units never reach the storefront").isEqualTo(13L - HELD);
    }
  }

  private InventoryEntry mugEntry(ProjectApiRoot api, String channelId) {
    return shop(api).entryAt(channelId);
  }

  private InventoryEntry mugEntry(ProjectApiRoot api) {
    return api.inventory().get().withWhere("sku = :sku").withPredicateVar("sku", sku).executeBlocking().getBody().getResults().get(0);
  }

  @Test
  void shouldDecrementTheEntryStoreDemandHoldTheReceiptAndReconcile_whenSyncRunsOnce(CommercetoolsMock mock) throws IOException {
    stubPurchaseOrderWithReceipt();
    ordersStartAt = "2020-01-01T00:00:00Z"; // the order below is placed before the first sync
    String orderId;
    try (CommercetoolsConnector ct = connect(mock)) {
      ProjectApiRoot api = ct.api();
      String channelId = mugWithTenOnStock(api);
      orderId = api.orders().importOrder().post(JsonUtils.fromJsonString(
          "{\"orderNumber\":\"RT-" + suffix + "\",\"country\":\"GB\",\"inventoryMode\":\"None\","
              + "\"totalPrice\":{\"currencyCode\":\"GBP\",\"centAmount\":2500},"
              + "\"lineItems\":[{\"name\":{\"en\":\"Mug\"},\"variant\":{\"sku\":\"" + sku + "\"},\"quantity\":2,"
              + "\"price\":{\"value\":{\"currencyCode\":\"GBP\",\"centAmount\":1250}},"
              + "\"supplyChannel\":{\"typeId\":\"channel\",\"id\":\"" + channelId + "\"},\"inventoryMode\":\"None\"}]}",
          OrderImportDraft.class)).executeBlocking().getBody().getId();

      Invocation run = Invocation.run(ENV, "--config", config(mock).toString(), "sync", "--once");

      assertThat(run.err()).isEmpty();
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("sync: ", "1 supply updates, full read, 1 received lines noted as the receipts baseline,", "engine: ");
      assertThat(run.out()).as("each cycle line starts with its time, to the second")
          .containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ sync: ");
      run.assertNoTraceAndNoSecret(ENV);
      InventoryEntry entry = mugEntry(api);
      assertThat(entry.getQuantityOnStock()).as("the 3 received before the first sync are on the shelf already: only the order's 2 leave").isEqualTo(8L - HELD);
      assertThat(entry.getRestockableInDays()).as("restockableInDays turns on backorders: never written without the policy").isNull();
      assertThat(entry.getExpectedDelivery().withZoneSameInstant(ZoneId.systemDefault()).toLocalDate())
          .as("the order list read once still feeds the supply signals").isEqualTo(java.time.LocalDate.of(2030, Month.MARCH, 15));
      assertThat(receivedInLedger()).isEqualTo(3);

      // Another process, after the sync has exited: status shows each flow's last success and its age against its target.
      Invocation status = Invocation.run(ENV, "--config", config(mock).toString(), "status");
      assertThat(status.exitCode()).as(status.err()).isZero();
      assertThat(status.out())
          .containsPattern("(?m)^orders         flow: last success \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, \\d+ s ago \\(target 5 min\\): fresh$")
          .containsPattern("(?m)^supply         flow: last success .*, \\d+ s ago \\(target 60 min\\): fresh$")
          .containsPattern("(?m)^inspections    flow: last success .*: fresh$");

      // The planner still counts 12 in stock: reconciliation finds the gap and writes the reports.
      Invocation reconcile = Invocation.run(ENV, "--config", config(mock).toString(), "reconcile");
      assertThat(reconcile.exitCode()).as(reconcile.err()).isZero();
      assertThat(reconcile.out()).contains("reconcile: 1 planner positions against the storefront", "QUANTITY_MISMATCH=1");
      assertThat(reconcile.out()).contains("reconcile: 0 agree, 0 explained by movements in flight, 1 with discrepancies");
      assertThat(entry.getCustom().getFields().values()).as("the entry says why it holds back").containsEntry("stockbridge-held-why", "safety " + HELD);
      assertThat(reconcile.out()).contains("reconcile: 1 entry holds back " + HELD + " units from sale (0 an adaptive latency buffer)");
      assertThat(Files.readString(dir.resolve("data/reports/reconciliation.json")))
          .contains("QUANTITY_MISMATCH", sku).contains("\"why\" : \"safety " + HELD + "\"");
      assertThat(dir.resolve("data/reports/reconciliation.html")).isNotEmptyFile();
      assertThat(Files.readString(dir.resolve("data/reports/reconciliation.html"))).as("the report's freshness has what the sync recorded")
          .contains("sync orders flow", "sync supply flow");
      reconcile.assertNoTraceAndNoSecret(ENV);

      // A second run finds the same gap: the tracker file remembers it, so it is not opened again.
      Invocation again = Invocation.run(ENV, "--config", config(mock).toString(), "reconcile");
      assertThat(again.exitCode()).as(again.err()).isZero();
      // Only this test's SKU: the mock is shared, and other tests' orders since 2020 are read too.
      assertThat(ExceptionTracker.file(dir.resolve("data/exceptions.json"), Clock.systemUTC()).list(EnumSet.of(ExceptionStatus.OPEN)))
          .filteredOn(t -> t.id().contains(sku))
          .allSatisfy(t -> assertThat(t.occurrences()).isEqualTo(2))
          .anySatisfy(t -> assertThat(t.id()).startsWith("QUANTITY_MISMATCH|" + sku + "@"));
    }
    List<DemandLine> demand = new ArrayList<>();
    try (FileDemandStore store = FileDemandStore.open(dir.resolve("data/demand.store"))) {
      store.forEach(line -> {
        if (line.sku().value().equals(sku)) {
          demand.add(line);
        }
      });
    }
    assertThat(demand).singleElement().satisfies(line -> {
      assertThat(line.orderId()).isEqualTo(orderId);
      assertThat(line.quantity()).isEqualTo(2L);
    });
  }

  @Test
  void shouldAddOnlyUnitsReceivedAfterTheFirstSync_whenReceiptsAreSellable(CommercetoolsMock mock) {
    stubPurchaseOrderWithReceipt();
    Path config = config(mock.apiUrl().toString(), mock.apiUrl().toString(), planner.baseUrl(), ", \"receipts\": \"sellable\"");
    try (CommercetoolsConnector ct = connect(mock)) {
      ProjectApiRoot api = ct.api();
      mugWithTenOnStock(api);

      Invocation first = Invocation.run(ENV, "--config", config.toString(), "sync", "--once");
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out()).contains("1 received lines noted as the receipts baseline,");
      assertThat(mugEntry(api).getQuantityOnStock()).as("what was received before is on the shelf already").isEqualTo(10L - HELD);

      stubPurchaseOrder(5); // the last 2 arrive
      Invocation second = Invocation.run(ENV, "--config", config.toString(), "sync", "--once");
      assertThat(second.exitCode()).as(second.err()).isZero();
      assertThat(second.out()).contains("1 receipts,");
      assertThat(mugEntry(api).getQuantityOnStock()).isEqualTo(12L - HELD);

      Invocation third = Invocation.run(ENV, "--config", config.toString(), "sync", "--once");
      assertThat(third.out()).as("the ledger remembers the 5 across runs").contains("0 receipts,");
      assertThat(mugEntry(api).getQuantityOnStock()).isEqualTo(12L - HELD);
      assertThat(receivedInLedger()).isEqualTo(5);
    }
  }
}
