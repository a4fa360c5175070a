package dev.stockbridge.examples.runner;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.client.ProjectApiRoot;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.stockbridge.commercetools.CommercetoolsConfig;
import dev.stockbridge.commercetools.CommercetoolsConnector;
import dev.stockbridge.postgres.PostgresConfig;
import dev.stockbridge.postgres.PostgresLease;
import dev.stockbridge.postgres.PostgresStore;
import dev.stockbridge.testkit.CommercetoolsMock;
import dev.stockbridge.testkit.CommercetoolsMockExtension;
import dev.stockbridge.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner with {@code store.kind postgres}: a real PostgreSQL server (the testkit's), the
 * commercetools mock and a WireMock Inventory Planner. A login that needs its password, so a wrong
 * one is refused as it would be in production.
 */
@ExtendWith(CommercetoolsMockExtension.class)
class RunnerPostgresTest {

  private static final String PASSWORD = "pg-pass-not-real-" + UUID.randomUUID().toString().substring(0, 6);

  @TempDir Path dir;
  private WireMockServer planner;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String sku = "PG-MUG-" + suffix;
  private final String channel = "pg-dc-" + suffix;
  private final String user = "shop_" + suffix.replaceAll("[^a-z0-9]", "x");
  private String url;

  @BeforeEach
  void start() {
    url = TestPostgres.freshDatabaseWithLogin(user, PASSWORD);
    planner = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    planner.start();
    planner.stubFor(get(urlPathEqualTo("/api/v1/warehouses")).willReturn(okJson(page("warehouses", "{\"name\": \"w1\", \"display_name\": \"Main\", \"disabled\": false}"))));
    planner.stubFor(get(urlPathEqualTo("/api/v1/variants")).willReturn(okJson(page("variants",
        "{\"id\": \"c1_1\", \"sku\": \"" + sku + "\", \"title\": \"Mug\", \"removed\": false,"
            + " \"warehouse\": [{\"warehouse\": \"w1\", \"in_stock\": 10, \"minimum_stock\": 3, \"lead_time\": 21}]}"))));
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

  private Map<String, String> env(String password) {
    Map<String, String> env = new HashMap<>();
    env.put(Secrets.CT_CLIENT_SECRET, CommercetoolsMock.CLIENT_SECRET);
    env.put(Secrets.IP_API_KEY, "ip-key-not-real-7");
    env.put(Secrets.PG_PASSWORD, password);
    return env;
  }

  private String config(CommercetoolsMock mock) {
    return Invocation.write(dir.resolve("stockbridge.json"), """
        {
          "commercetools": { "projectKey": "%s", "clientId": "%s", "apiUrl": "%s", "authUrl": "%s", "scopes": ["manage_project:%s"] },
          "planner": { "account": "a1", "baseUrl": "%s", "requestsPerSecond": 50 },
          "mapping": { "skus": "skus.csv", "locations": "locations.csv" },
          "dataDirectory": "data",
          "orders": { "startAt": "2020-01-01T00:00:00Z" },
          "engine": { "parallelism": 2 },
          "store": { "kind": "postgres", "url": "%s", "user": "%s", "properties": { "ApplicationName": "runner-test" }, "leaseSeconds": 3, "retentionDays": 30 }
        }
        """.formatted(CommercetoolsMock.PROJECT_KEY, CommercetoolsMock.CLIENT_ID, mock.apiUrl(), mock.apiUrl(), CommercetoolsMock.PROJECT_KEY,
        planner.baseUrl(), url, user)).toString();
  }

  private static CommercetoolsConnector connect(CommercetoolsMock mock) {
    return CommercetoolsConnector.connect(CommercetoolsConfig.builder().projectKey(CommercetoolsMock.PROJECT_KEY)
        .credentials(CommercetoolsMock.CLIENT_ID, CommercetoolsMock.CLIENT_SECRET).urls(mock.apiUrl(), mock.tokenUrl()).build());
  }

  @Test
  void shouldDecrementAnOrderKeepNoLocalFiles_andShowTheStoreInStatus(CommercetoolsMock mock) {
    Map<String, String> env = env(PASSWORD);
    try (CommercetoolsConnector ct = connect(mock)) {
      ProjectApiRoot api = ct.api();
      MockShop shop = new MockShop(api, sku, channel);
      String channelId = shop.productWithStock(10);
      shop.order(channelId, 2);

      Invocation sync = Invocation.run(env, "--config", config(mock), "sync", "--once");

      assertThat(sync.err()).isEmpty();
      assertThat(sync.exitCode()).isZero();
      // The mock is shared: other tests' orders (other SKUs) are read too, and count as unmapped.
      assertThat(sync.out()).contains("sync: ", "engine: ", " 0 failed");
      sync.assertNoTraceAndNoSecret(env);
      assertThat(shop.entryAt(channelId).getQuantityOnStock()).as("10 less the order's 2, less the planner's minimum stock of 3 held back").isEqualTo(5L);
      assertThat(dir.resolve("data/journal")).as("the journal is in the database, not the data directory").doesNotExist();
      assertThat(dir.resolve("data/demand.store")).doesNotExist();

      Invocation status = Invocation.run(env, "--config", config(mock), "status");

      assertThat(status.exitCode()).as(status.err()).isZero();
      assertThat(status.out()).contains("store          postgres " + url + " as " + user + ", schema version 2.2",
          "lease          sync free: ", "decrementing orders placed from 2020-01-01T00:00:00Z");
      assertThat(status.out()).containsPattern("journal        [1-9][0-9]* movements, 0 not marked applied")
          .containsPattern("demand store   [1-9][0-9]* demand lines");
      status.assertNoTraceAndNoSecret(env);
    }
  }

  @Test
  void shouldStandBy_whenAnotherSyncHoldsTheLease(CommercetoolsMock mock) throws InterruptedException {
    Map<String, String> env = env(PASSWORD);
    PostgresConfig database = PostgresConfig.fromEnvironment(url, user).withPassword(PASSWORD);
    try (CommercetoolsConnector ct = connect(mock); PostgresStore other = PostgresStore.open(database)) {
      MockShop shop = new MockShop(ct.api(), sku, channel);
      String channelId = shop.productWithStock(10);
      shop.order(channelId, 2);
      PostgresLease active = other.lease("sync", "web-1:4711", Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!active.held() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(active.held()).isTrue();

      Invocation standby = Invocation.run(env, "--config", config(mock), "sync", "--once");
      Invocation status = Invocation.run(env, "--config", config(mock), "status");

      assertThat(standby.exitCode()).as(standby.err()).isZero();
      assertThat(standby.out()).contains("sync: standby, nothing done: sync held by web-1:4711 (fencing token 1");
      assertThat(shop.entryAt(channelId).getQuantityOnStock()).as("a standby writes nothing").isEqualTo(10L);
      assertThat(status.out()).contains("lease          sync held by web-1:4711 (fencing token 1, renewed until ");
      assertThat(Files.exists(dir.resolve("data/journal"))).isFalse();
    }
  }

  @Test
  void shouldExitWithTheAuthenticationCodeNamingTheVariable_whenThePasswordIsWrong(CommercetoolsMock mock) {
    String wrong = "wrong-pass-" + UUID.randomUUID().toString().substring(0, 6);
    Map<String, String> env = env(wrong);

    Invocation status = Invocation.run(env, "--config", config(mock), "status");

    assertThat(status.exitCode()).as(status.out() + status.err()).isEqualTo(Failures.AUTHENTICATION);
    assertThat(status.err().lines().toList()).singleElement().asString()
        .startsWith("stockbridge: PostgreSQL refused the login (SQLSTATE 28P01): check store.user and STOCKBRIDGE_PG_PASSWORD");
    assertThat(status.out() + status.err()).doesNotContain(wrong, PASSWORD);
    status.assertNoTraceAndNoSecret(env);
  }
}
