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
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.stockbridge.commercetools.CommercetoolsConnector;
import dev.stockbridge.commercetools.CommercetoolsMock;
import dev.stockbridge.commercetools.CommercetoolsMockExtension;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.demand.FileDemandStore;
import dev.stockbridge.reconcile.ExceptionStatus;
import dev.stockbridge.reconcile.ExceptionTracker;
import io.vrap.rmf.base.client.utils.json.JsonUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * credentials, unreachable hosts, and the happy path of status and one sync cycle.
 */
@ExtendWith(CommercetoolsMockExtension.class)
class RunnerPlatformTest {

  private static final String IP_KEY = "ip-key-not-real-7";
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

  private static String page(String key, String... rows) {
    return "{\"" + key + "\": [" + String.join(",", rows) + "], \"meta\": {\"count\": " + rows.length + ", \"end\": true}}";
  }

  private Path config(String apiUrl, String authUrl, String plannerUrl) {
    return Invocation.write(dir.resolve("stockbridge.json"), """
        {
          "commercetools": { "projectKey": "%s", "clientId": "%s", "apiUrl": "%s", "authUrl": "%s", "scopes": ["manage_project:%s"] },
          "planner": { "account": "a1", "baseUrl": "%s", "requestsPerSecond": 50 },
          "mapping": { "skus": "skus.csv", "locations": "locations.csv" },
          "dataDirectory": "data",
          "engine": { "peakWindows": [], "parallelism": 2 }
        }
        """.formatted(CommercetoolsMock.PROJECT_KEY, CommercetoolsMock.CLIENT_ID, apiUrl, authUrl, CommercetoolsMock.PROJECT_KEY, plannerUrl));
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
    run.assertNoTraceAndNoSecret(ENV);
  }

  @Test
  void shouldDecrementTheEntryStoreDemandAndReconcile_whenSyncRunsOnce(CommercetoolsMock mock) throws IOException {
    String orderId;
    try (CommercetoolsConnector ct = CommercetoolsConnector.connect(mock.config().build())) {
      ProjectApiRoot api = ct.api();
      String typeId = api.productTypes().post(JsonUtils.fromJsonString("{\"key\":\"rt-" + suffix + "\",\"name\":\"rt\",\"description\":\"rt\"}", ProductTypeDraft.class))
          .executeBlocking().getBody().getId();
      api.products().post(JsonUtils.fromJsonString("{\"productType\":{\"typeId\":\"product-type\",\"id\":\"" + typeId + "\"},\"name\":{\"en\":\"Mug\"},"
          + "\"slug\":{\"en\":\"" + sku.toLowerCase(java.util.Locale.ROOT) + "\"},\"masterVariant\":{\"sku\":\"" + sku + "\"},\"publish\":true}", ProductDraft.class)).executeBlocking();
      String channelId = api.channels().post(ChannelDraft.builder().key(channel).roles(ChannelRoleEnum.INVENTORY_SUPPLY).build()).executeBlocking().getBody().getId();
      api.inventory().post(InventoryEntryDraft.builder().sku(sku).supplyChannel(ChannelResourceIdentifier.builder().id(channelId).build()).quantityOnStock(10L).build()).executeBlocking();
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
      assertThat(run.out()).contains("sync: ", "engine: ");
      run.assertNoTraceAndNoSecret(ENV);
      InventoryEntry entry = api.inventory().get().withWhere("sku = :sku").withPredicateVar("sku", sku).executeBlocking().getBody().getResults().get(0);
      assertThat(entry.getQuantityOnStock()).isEqualTo(8L);
      assertThat(entry.getRestockableInDays()).isEqualTo(21L);

      // The planner still counts 12 in stock: reconciliation finds the gap and writes the reports.
      Invocation reconcile = Invocation.run(ENV, "--config", config(mock).toString(), "reconcile");
      assertThat(reconcile.exitCode()).as(reconcile.err()).isZero();
      assertThat(reconcile.out()).contains("reconcile: 1 planner positions against the storefront", "QUANTITY_MISMATCH=1");
      assertThat(Files.readString(dir.resolve("data/reports/reconciliation.json")))
          .contains("QUANTITY_MISMATCH", sku);
      assertThat(dir.resolve("data/reports/reconciliation.html")).isNotEmptyFile();
      reconcile.assertNoTraceAndNoSecret(ENV);

      // A second run finds the same gap: the tracker file remembers it, so it is not opened again.
      Invocation again = Invocation.run(ENV, "--config", config(mock).toString(), "reconcile");
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(ExceptionTracker.file(dir.resolve("data/exceptions.json"), Clock.systemUTC()).list(EnumSet.of(ExceptionStatus.OPEN)))
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
}
