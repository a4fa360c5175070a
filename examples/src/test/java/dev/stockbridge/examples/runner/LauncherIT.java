package dev.stockbridge.examples.runner;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.stockbridge.commercetools.CommercetoolsConfig;
import dev.stockbridge.commercetools.CommercetoolsConnector;
import dev.stockbridge.testkit.CommercetoolsMock;
import dev.stockbridge.testkit.CommercetoolsMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher, {@code bin/stockbridge}, as a user runs it: a process of its own on the
 * jar and lib folder that {@code mvn package} made, against the commercetools mock and a planner on
 * WireMock.
 */
@ExtendWith(CommercetoolsMockExtension.class)
class LauncherIT {

  private static final Path LAUNCHER = Path.of("..", "bin", "stockbridge").toAbsolutePath().normalize();
  private static final String IP_KEY = "ip-key-not-real-launcher";

  @TempDir Path dir;
  private WireMockServer planner;

  @BeforeEach
  void startPlanner() throws IOException {
    planner = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    planner.start();
    planner.stubFor(get(urlPathEqualTo("/api/v1/warehouses")).willReturn(okJson("{\"warehouses\": [{\"name\": \"w1\", \"display_name\": \"Main\"}], \"meta\": {\"count\": 1, \"end\": true}}")));
    Files.writeString(dir.resolve("skus.csv"), "sku,planner_variant_id\nLAUNCH-MUG,c1_1\n");
    Files.writeString(dir.resolve("locations.csv"), "supply_channel,location,planner_warehouse\nlaunch-dc,launch-dc,w1\n");
  }

  @AfterEach
  void stopPlanner() {
    planner.stop();
  }

  @Test
  void shouldRunStatus_againstTheCommercetoolsMock(CommercetoolsMock mock) throws Exception {
    Path config = configFor(mock);

    Result status = launch(Map.of(Secrets.CT_CLIENT_SECRET, CommercetoolsMock.CLIENT_SECRET, Secrets.IP_API_KEY, IP_KEY), "--config", config.toString(), "status");

    assertThat(status.code()).as(status.output()).isZero();
    assertThat(status.output()).contains("commercetools  reachable: project test-project", "planner        reachable: account a1", "1 warehouses")
        .doesNotContain(CommercetoolsMock.CLIENT_SECRET, IP_KEY);
  }

  @Test
  void shouldStopGracefullyWithExitCodeZero_whenSigtermArrivesDuringContinuousSync(CommercetoolsMock mock) throws Exception {
    planner.stubFor(get(urlPathEqualTo("/api/v1/variants")).willReturn(okJson("{\"variants\": [], \"meta\": {\"count\": 0, \"end\": true}}")));
    planner.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders")).willReturn(okJson("{\"purchase-orders\": [], \"meta\": {\"count\": 0, \"end\": true}}")));
    Path config = configFor(mock);
    ProcessBuilder builder = launcher(Map.of(Secrets.CT_CLIENT_SECRET, CommercetoolsMock.CLIENT_SECRET, Secrets.IP_API_KEY, IP_KEY), "--config", config.toString(), "sync");
    Process sync = builder.start();
    StringBuilder output = new StringBuilder();
    try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(sync.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.append(line).append('\n');
        if (line.contains(" sync: ")) {
          // SIGTERM, as a service manager sends it (Process.destroy would also close our pipe).
          new ProcessBuilder("kill", "-TERM", Long.toString(sync.pid())).inheritIO().start().waitFor();
        }
      }
    }

    assertThat(sync.waitFor(60, TimeUnit.SECONDS)).as("the sync ended within a minute of SIGTERM").isTrue();
    assertThat(sync.exitValue()).as(output.toString()).isZero();
    assertThat(output.toString()).contains("stopping: no more orders are read", "stopped: ");
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 6, unit = TimeUnit.MINUTES) // two launches, each up to a minute on a loaded machine
  void shouldNameWhatItLeftPending_onSigterm_andTheNextSyncAppliesExactlyThat(CommercetoolsMock mock) throws Exception {
    planner.stubFor(get(urlPathEqualTo("/api/v1/variants")).willReturn(okJson("{\"variants\": [], \"meta\": {\"count\": 0, \"end\": true}}")));
    planner.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders")).willReturn(okJson("{\"purchase-orders\": [], \"meta\": {\"count\": 0, \"end\": true}}")));
    String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
    String channel = "launch-stop-" + suffix;
    int keys = 4;
    Map<String, String> env = Map.of(Secrets.CT_CLIENT_SECRET, CommercetoolsMock.CLIENT_SECRET, Secrets.IP_API_KEY, IP_KEY);
    try (CommercetoolsConnector ct = CommercetoolsConnector.connect(CommercetoolsConfig.builder().projectKey(CommercetoolsMock.PROJECT_KEY)
        .credentials(CommercetoolsMock.CLIENT_ID, CommercetoolsMock.CLIENT_SECRET).urls(mock.apiUrl(), mock.tokenUrl()).build())) {
      var api = ct.api();
      String channelId = api.channels().post(com.commercetools.api.models.channel.ChannelDraft.builder().key(channel)
          .roles(com.commercetools.api.models.channel.ChannelRoleEnum.INVENTORY_SUPPLY).build()).executeBlocking().getBody().getId();
      StringBuilder skus = new StringBuilder("sku,planner_variant_id\n");
      List<MockShop> shops = new ArrayList<>();
      List<String> orders = new ArrayList<>();
      String productType = new MockShop(api, "", channel).productType();
      for (int i = 0; i < keys; i++) {
        MockShop shop = new MockShop(api, "LAUNCH-STOP-" + suffix + "-" + i, channel);
        shop.product(productType, "Mug " + i, "{\"sku\":\"" + shop.sku() + "\"}");
        api.inventory().post(com.commercetools.api.models.inventory.InventoryEntryDraft.builder().sku(shop.sku())
            .supplyChannel(com.commercetools.api.models.channel.ChannelResourceIdentifier.builder().id(channelId).build()).quantityOnStock(10L).build())
            .executeBlocking();
        orders.add(shop.order(channelId, i + 1));
        shops.add(shop);
        skus.append(shop.sku()).append(",c1_").append(i).append('\n');
      }
      Files.writeString(dir.resolve("skus.csv"), skus.toString());
      Files.writeString(dir.resolve("locations.csv"), "supply_channel,location,planner_warehouse\n" + channel + "," + channel + ",w1\n");
      // One storefront call a second and a one-second drain bound: SIGTERM leaves most of the writes pending.
      String start = ",\n  \"orders\": { \"startAt\": \"2020-01-01T00:00:00Z\" }";
      Path slow = configFor(mock, start + ",\n  \"engine\": { \"callsPerSecond\": 1, \"parallelism\": 1, \"stopDrainSeconds\": 1 }");
      try {
        Process sync = launcher(env, "--config", slow.toString(), "sync").start();
        StringBuilder output = new StringBuilder();
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(sync.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = lines.readLine()) != null) {
            output.append(line).append('\n');
            if (line.contains(" sync: ")) {
              new ProcessBuilder("kill", "-TERM", Long.toString(sync.pid())).inheritIO().start().waitFor();
            }
          }
        }
        assertThat(sync.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(sync.exitValue()).as(output.toString()).isZero();
        assertThat(output.toString()).contains(" sync: " + keys + " orders (" + keys + " movements)", "stopping: no more orders are read", "(at most 1 s)");
        java.util.regex.Matcher stopped = java.util.regex.Pattern.compile("stopped: (\\d+) movements applied; left pending in the journal, for the next sync"
            + " to apply: (\\d+) movements for (\\d+) keys \\(([^)]*)\\)").matcher(output);
        assertThat(stopped.find()).as("the stop names what it left: " + output).isTrue();
        long applied = Long.parseLong(stopped.group(1));
        long pending = Long.parseLong(stopped.group(2));
        assertThat(applied + pending).as("every accepted movement is either applied or named as pending").isEqualTo(keys);
        assertThat(pending).as("the drain bound was hit").isPositive();
        assertThat(stopped.group(4)).contains(channel);
        long written = shops.stream().filter(shop -> shop.entryAt(channelId).getQuantityOnStock() < 10).count();
        assertThat(written).as("what the stop applied is on the storefront, nothing more").isEqualTo(applied);

        // The next start, at full speed: the pending writes, once; the orders read again change nothing.
        Result next = launch(env, "--config", configFor(mock, start).toString(), "sync", "--once");

        assertThat(next.code()).as(next.output()).isZero();
        assertThat(next.output()).contains("engine: " + pending + " movements applied, 0 failed");
        for (int i = 0; i < keys; i++) {
          assertThat(shops.get(i).entryAt(channelId).getQuantityOnStock()).as(shops.get(i).sku()).isEqualTo(10L - (i + 1));
        }
      } finally {
        // The mock is shared: other tests that read every order since 2020 must not meet these.
        for (String id : orders) {
          api.orders().withId(id).delete().withVersion(api.orders().withId(id).get().executeBlocking().getBody().getVersion()).executeBlocking();
        }
      }
    }
  }

  private Path configFor(CommercetoolsMock mock) throws IOException {
    return configFor(mock, "");
  }

  private Path configFor(CommercetoolsMock mock, String extra) throws IOException {
    return Files.writeString(dir.resolve("stockbridge.json"), """
        {
          "commercetools": { "projectKey": "%s", "clientId": "%s", "apiUrl": "%s", "authUrl": "%s" },
          "planner": { "account": "a1", "baseUrl": "%s", "requestsPerSecond": 50 },
          "mapping": { "skus": "skus.csv", "locations": "locations.csv" },
          "dataDirectory": "data"%s
        }
        """.formatted(CommercetoolsMock.PROJECT_KEY, CommercetoolsMock.CLIENT_ID, mock.apiUrl(), mock.apiUrl(), planner.baseUrl(), extra));
  }

  @Test
  void shouldServeStatusMetricsAndPage_withTheToken_whileSyncRuns(CommercetoolsMock mock) throws Exception {
    planner.stubFor(get(urlPathEqualTo("/api/v1/variants")).willReturn(okJson("{\"variants\": [], \"meta\": {\"count\": 0, \"end\": true}}")));
    planner.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders")).willReturn(okJson("{\"purchase-orders\": [], \"meta\": {\"count\": 0, \"end\": true}}")));
    String token = "status-token-" + java.util.UUID.randomUUID();
    try (CommercetoolsConnector ct = CommercetoolsConnector.connect(CommercetoolsConfig.builder().projectKey(CommercetoolsMock.PROJECT_KEY)
        .credentials(CommercetoolsMock.CLIENT_ID, CommercetoolsMock.CLIENT_SECRET).urls(mock.apiUrl(), mock.tokenUrl()).build())) {
      MockShop shop = new MockShop(ct.api(), "LAUNCH-MUG", "launch-dc");
      String channelId = shop.productWithStock(10);
      shop.order(channelId, 3);
      Path config = configFor(mock, ",\n  \"orders\": { \"startAt\": \"2020-01-01T00:00:00Z\" },\n  \"status\": { \"port\": 0 }");
      // What a reconcile run in another process left: the page and the metric read it.
      Files.createDirectories(dir.resolve("data/reports"));
      Files.writeString(dir.resolve("data/reports/reconciliation.json"), "{\"finishedAt\": \"2026-12-01T06:00:00Z\", \"summary\": {\"positions\": "
          + "{\"compared\": 14}, \"discrepancies\": 2, \"byKind\": {\"QUANTITY_MISMATCH\": 2}}}");
      Process sync = launcher(Map.of(Secrets.CT_CLIENT_SECRET, CommercetoolsMock.CLIENT_SECRET, Secrets.IP_API_KEY, IP_KEY, Secrets.STATUS_TOKEN, token),
          "--config", config.toString(), "sync").start();
      StringBuilder output = new StringBuilder();
      int port = -1;
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(sync.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          output.append(line).append('\n');
          java.util.regex.Matcher at = java.util.regex.Pattern.compile("status page on http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
          if (at.find()) {
            port = Integer.parseInt(at.group(1));
          }
          if (line.contains(" sync: ")) {
            break;
          }
        }
        assertThat(port).as(output.toString()).isPositive();
        Thread.sleep(500); // the first cycle's writes: the order's decrement reaches the storefront
        java.net.URI base = java.net.URI.create("http://127.0.0.1:" + port);
        var refused = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        var wrong = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/metrics")).header("Authorization", "Bearer nope").build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        var metrics = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/metrics")).header("Authorization", "Bearer " + token).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        var status = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/status")).header("Authorization", "Bearer " + token).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        String basic = java.util.Base64.getEncoder().encodeToString(("ops:" + token).getBytes(StandardCharsets.UTF_8));
        var page = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/")).header("Authorization", "Basic " + basic).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("stockbridge_movements_total{outcome=\"accepted\"} 1.0", "stockbridge_flow_failures_total{flow=\"orders\"} 0.0",
            "stockbridge_lane_waiting{lane=\"order\"}", "stockbridge_flow_since_success_seconds{flow=\"supply\"}");
        assertThat(status.body()).contains("\"orders\"", "\"runs\" : 1", "\"quarantinedOrders\" : [ ]", "\"discrepancies\" : 2");
        assertThat(metrics.body()).contains("stockbridge_reconcile_discrepancies 2.0", "stockbridge_order_to_storefront_seconds_count",
            "stockbridge_order_to_storefront_seconds_bucket{le=\"+Inf\"}");
        assertThat(status.body()).contains("\"orderToStorefront\"", "\"p50Seconds\"", "\"p99Seconds\"");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'none'"));
        assertThat(page.body()).contains("<h2>Flows</h2>", "orders", "Orders in quarantine (0)", "14 positions compared", "2 discrepancies", "Order to storefront")
            .doesNotContain(token);
        assertThat(output.toString()).doesNotContain(token);
        StatusPageScreenshot.take(page.body(), dir);
      } finally {
        new ProcessBuilder("kill", "-TERM", Long.toString(sync.pid())).inheritIO().start().waitFor();
        assertThat(sync.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(shop.entryAt(channelId).getQuantityOnStock()).isEqualTo(7L);
    }
  }

  @Test
  void shouldExitTwoNamingTheFile_whenTheConfigurationIsMissing() throws Exception {
    Path missing = dir.resolve("nope.json");

    Result status = launch(Map.of(), "--config", missing.toString(), "status");

    assertThat(status.code()).isEqualTo(2);
    assertThat(status.output().strip()).isEqualTo("stockbridge: configuration file " + missing + " not found: pass --config <file> or create it from examples/stockbridge.sample.json");
  }

  @Test
  void shouldPrintUsage_whenAskedForHelp() throws Exception {
    Result help = launch(Map.of(), "--help");

    assertThat(help.code()).isZero();
    assertThat(help.output()).startsWith("usage: stockbridge").contains("status", "sync [--once]", "reconcile", "feeds generate");
  }

  private record Result(int code, String output) {}

  private ProcessBuilder launcher(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("STOCKBRIDGE_"));
    builder.environment().putAll(env);
    return builder;
  }

  private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
    Process process = launcher(env, args).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended within a minute").isTrue();
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
