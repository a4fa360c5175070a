package dev.stockbridge.commercetools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.engine.EngineHealth;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.InMemoryJournal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine writing through the commercetools adapter to WireMock: every HTTP request the engine
 * makes is one it paid a permit of its rate limit for and counted in {@code storefrontCalls}, under
 * a 503 storm too, because the adapter retries nothing and the engine is the only retry layer.
 */
class EngineRequestsTest {

  private static final String CHANNEL_ID = "3f1b4a8e-0000-4000-8000-000000000001";
  private static final String ENTRY_ID = "9c2d1e7f-0000-4000-8000-000000000002";
  private static final String TYPE_ID = "7a7a7a7a-0000-4000-8000-000000000003";
  private static final String INVENTORY = "/p/inventory";
  private static final String ENTRY = INVENTORY + "/" + ENTRY_ID;

  private WireMockServer server;
  private CommercetoolsConnector connector;
  private StockEngine engine;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(
        post(urlPathEqualTo("/oauth/token"))
            .willReturn(okJson("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":172800,\"scope\":\"manage_project:p\"}")));
    server.stubFor(
        get(urlPathEqualTo("/p/channels"))
            .willReturn(okJson("{\"limit\":1,\"offset\":0,\"count\":1,\"results\":[{\"id\":\"" + CHANNEL_ID + "\",\"version\":1,"
                + "\"key\":\"dc-1\",\"roles\":[\"InventorySupply\"],\"createdAt\":\"2026-01-01T00:00:00.000Z\","
                + "\"lastModifiedAt\":\"2026-01-01T00:00:00.000Z\"}]}")));
    server.stubFor(get(urlPathEqualTo(INVENTORY)).willReturn(okJson("{\"limit\":500,\"offset\":0,\"count\":1,\"results\":[" + entry(10, 7) + "]}")));
    URI base = URI.create("http://127.0.0.1:" + server.port());
    connector =
        CommercetoolsConnector.connect(
            CommercetoolsConfig.builder()
                .projectKey("p")
                .credentials("client-id", "secret")
                .urls(base, base.resolve("/oauth/token"))
                .maxRetries(5) // the connector's own retries: must not reach the engine's adapter
                .requestTimeout(Duration.ofSeconds(5))
                .build());
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.stop();
    }
    connector.close();
    server.stop();
  }

  private StockEngine engine(long callsPerSecond) {
    engine =
        StockEngine.builder()
            .storefront(connector.storefrontStock(LocationChannels.sameKeys()))
            .journal(new InMemoryJournal())
            .rateLimit(callsPerSecond)
            .retry(Duration.ofMillis(1), Duration.ofMillis(5), -1)
            .build();
    engine.start();
    return engine;
  }

  private static Movement receipt(String po) {
    return Movement.of(MovementKind.RECEIPT, dev.stockbridge.Sku.of("SKU-1"), dev.stockbridge.Location.of("dc-1"), 5, po,
        IdempotencyKeys.of(MovementKind.RECEIPT, po));
  }

  private List<LoggedRequest> inventoryRequests() {
    List<LoggedRequest> requests = new ArrayList<>(server.findAll(anyRequestedFor(urlPathMatching(INVENTORY + ".*"))));
    requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
    return requests;
  }

  @Test
  void shouldSendOnlyPaidRequestsWithinTheLimit_whenUpdatesMeetA503Storm() throws Exception {
    int limit = 20;
    List<ResponseDefinitionBuilder> storm = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      storm.add(aResponse().withStatus(503).withBody("{\"statusCode\":503}"));
    }
    storm.add(okJson(entry(15, 8)));
    stubSequence(() -> post(urlPathEqualTo(ENTRY)), storm);
    engine(limit);

    engine.submit(java.util.List.of(receipt("PO-1")));
    assertThat(engine.drain(Duration.ofSeconds(30))).isTrue();

    EngineHealth health = engine.health();
    List<LoggedRequest> requests = inventoryRequests();
    assertThat(health.applied()).isEqualTo(1);
    server.verify(13, postRequestedFor(urlPathEqualTo(ENTRY)));
    assertThat(requests).as("every request WireMock saw was paid for and counted").hasSize((int) health.storefrontCalls());
    // The smooth limit grants one permit per 1/limit-second slot (Failsafe aligns the slots), so
    // k + 1 requests span at least k - 1 slots, less what the request log's clock may blur.
    long first = requests.get(0).getLoggedDate().getTime();
    for (int i = 2; i < requests.size(); i++) {
      long span = requests.get(i).getLoggedDate().getTime() - first;
      assertThat(span).as("span of the first %d requests", i + 1).isGreaterThanOrEqualTo((i - 1) * 1000L / limit - 20);
    }
    assertThat(requests.get(requests.size() - 1).getLoggedDate().getTime() - first)
        .as("%d requests at %d a second", requests.size(), limit)
        .isGreaterThanOrEqualTo((requests.size() - 2) * 1000L / limit - 20);
  }

  @Test
  void shouldMakeOneRequestPerPermit_andRetryAConflictWithTheVersionItNames() throws Exception {
    stubSequence(
        () -> post(urlPathEqualTo(ENTRY)),
        List.of(
            aResponse().withStatus(409).withBody("{\"statusCode\":409,\"message\":\"Expected: 7 - Actual: 9.\",\"errors\":"
                + "[{\"code\":\"ConcurrentModification\",\"message\":\"x\",\"currentVersion\":9}]}"),
            okJson(entry(15, 10))));
    engine(1_000);

    engine.submit(java.util.List.of(receipt("PO-2")));
    assertThat(engine.drain(Duration.ofSeconds(30))).isTrue();

    EngineHealth health = engine.health();
    List<LoggedRequest> requests = inventoryRequests();
    assertThat(requests).extracting(r -> r.getMethod().value()).containsExactly("GET", "POST", "POST");
    assertThat(health.storefrontCalls()).as("one permit, one request").isEqualTo(3);
    assertThat(health.conflicts()).isEqualTo(1);
    assertThat(requests.get(2).getBodyAsString()).as("no re-read: the conflict named the version").contains("\"version\":9");
    assertThat(server.findAll(anyRequestedFor(urlPathMatching("/p/(?!inventory).*"))))
        .as("beside inventory requests only the one-time channel and marker type lookups")
        .extracting(r -> r.getUrl().replaceAll("\\?.*", ""))
        .isSubsetOf("/p/channels", "/p/types");
  }

  @Test
  void shouldWaitOutRetryAfter_whenTheEngineRetriesA429() throws Exception {
    stubSequence(
        () -> post(urlPathEqualTo(ENTRY)),
        List.of(aResponse().withStatus(429).withHeader("Retry-After", "1"), okJson(entry(15, 8))));
    engine(0);

    engine.submit(java.util.List.of(receipt("PO-3")));
    assertThat(engine.drain(Duration.ofSeconds(30))).isTrue();

    List<LoggedRequest> posts = server.findAll(postRequestedFor(urlPathEqualTo(ENTRY)));
    assertThat(posts).hasSize(2);
    long pauseMillis = posts.get(1).getLoggedDate().getTime() - posts.get(0).getLoggedDate().getTime();
    assertThat(pauseMillis).as("never shorter than Retry-After, jitter included").isGreaterThanOrEqualTo(1000);
    assertThat(inventoryRequests()).hasSize((int) engine.health().storefrontCalls());
  }

  /** Answers the requests of a path in turn with the given responses, the last one repeated. */
  private void stubSequence(Supplier<MappingBuilder> request, List<ResponseDefinitionBuilder> responses) {
    String state = Scenario.STARTED;
    for (int i = 0; i < responses.size(); i++) {
      String next = i == responses.size() - 1 ? state : "step-" + (i + 1);
      server.stubFor(request.get().inScenario("sequence").whenScenarioStateIs(state).willReturn(responses.get(i)).willSetStateTo(next));
      state = next;
    }
  }

  private static String entry(long quantity, long version) {
    return "{\"id\":\"" + ENTRY_ID + "\",\"version\":" + version + ",\"sku\":\"SKU-1\","
        + "\"supplyChannel\":{\"typeId\":\"channel\",\"id\":\"" + CHANNEL_ID + "\"},"
        + "\"quantityOnStock\":" + quantity + ",\"availableQuantity\":" + quantity + ","
        + "\"custom\":{\"type\":{\"typeId\":\"type\",\"id\":\"" + TYPE_ID + "\"},\"fields\":{}},"
        + "\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-01-01T00:00:00.000Z\"}";
  }
}
