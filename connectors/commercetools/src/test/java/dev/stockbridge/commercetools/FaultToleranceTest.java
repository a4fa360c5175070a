package dev.stockbridge.commercetools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.spi.Supply;
import dev.stockbridge.spi.TransientStorefrontException;
import dev.stockbridge.spi.VersionConflictException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client and the stock adapter under faults the mock cannot produce: 502/503/504 storms, 429
 * with Retry-After, timeouts, malformed bodies. WireMock plays commercetools on loopback. The
 * adapter here is the standalone one, with the connector's retries; the engine's adapter retries
 * nothing (see {@link EngineRequestsTest}).
 */
class FaultToleranceTest {

  private static final String SECRET = "s3cr3t-client-secret-value";
  private static final String TOKEN = "tok-very-secret-access-token";
  private static final String CHANNEL_ID = "3f1b4a8e-0000-4000-8000-000000000001";
  private static final String ENTRY_ID = "9c2d1e7f-0000-4000-8000-000000000002";
  private static final StockKey KEY = StockKey.of("SKU-1", "dc-1");
  private static final String INVENTORY = "/p/inventory";

  private WireMockServer server;
  private CommercetoolsConnector connector;
  private StorefrontStock storefront;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(
        post(urlPathEqualTo("/oauth/token"))
            .willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":172800,\"scope\":\"manage_project:p\"}")));
    server.stubFor(
        get(urlPathEqualTo("/p/channels"))
            .willReturn(okJson("{\"limit\":1,\"offset\":0,\"count\":1,\"results\":[" + channel() + "]}")));
    server.stubFor(
        get(urlPathEqualTo("/p/types"))
            .willReturn(okJson("{\"limit\":1,\"offset\":0,\"count\":1,\"results\":[" + type() + "]}")));
    URI base = URI.create("http://127.0.0.1:" + server.port());
    CommercetoolsConfig config =
        CommercetoolsConfig.builder()
            .projectKey("p")
            .credentials("client-id", SECRET)
            .urls(base, base.resolve("/oauth/token"))
            .maxRetries(3)
            .requestTimeout(Duration.ofMillis(500))
            .maxRetryAfter(Duration.ofSeconds(5))
            .build();
    connector = CommercetoolsConnector.connect(config);
    storefront = connector.storefrontStockWithRetries(LocationChannels.sameKeys());
  }

  @AfterEach
  void stop() {
    connector.close();
    server.stop();
  }

  @Test
  void shouldRetryRead_whenGatewayFailsWith502_503_504() {
    stubSequence(() -> get(urlPathEqualTo(INVENTORY)), List.of(aResponse().withStatus(502), aResponse().withStatus(503), aResponse().withStatus(504), okJson(page(entry(5, 1)))));

    Map<StockKey, StockEntry> found = storefront.read(List.of(KEY));

    assertThat(found.get(KEY).quantityOnStock()).isEqualTo(5);
    server.verify(4, getRequestedFor(urlPathEqualTo(INVENTORY)));
  }

  @Test
  void shouldSurfaceTransient_whenStormOutlastsRetries() {
    server.stubFor(get(urlPathEqualTo(INVENTORY)).willReturn(aResponse().withStatus(503).withBody("{\"statusCode\":503}")));

    assertThatThrownBy(() -> storefront.read(List.of(KEY)))
        .isInstanceOf(TransientStorefrontException.class)
        .hasMessageContaining("503");
    server.verify(4, getRequestedFor(urlPathEqualTo(INVENTORY)));
  }

  @Test
  void shouldWaitRetryAfter_when429AsksForAShortPause() {
    stubSequence(() -> get(urlPathEqualTo(INVENTORY)), List.of(aResponse().withStatus(429).withHeader("Retry-After", "1"), okJson(page(entry(5, 1)))));

    assertThat(storefront.read(List.of(KEY))).containsKey(KEY);

    List<LoggedRequest> requests = server.findAll(getRequestedFor(urlPathEqualTo(INVENTORY)));
    assertThat(requests).hasSize(2);
    long pauseMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
    assertThat(pauseMillis).as("never shorter than Retry-After, jitter included").isGreaterThanOrEqualTo(1000);
  }

  @Test
  void shouldSurfaceRetryAfter_when429AsksForMoreThanTheClientWaits() {
    server.stubFor(get(urlPathEqualTo(INVENTORY)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

    Throwable thrown = catchThrowable(() -> storefront.read(List.of(KEY)));

    assertThat(thrown).isInstanceOf(TransientStorefrontException.class);
    assertThat(((TransientStorefrontException) thrown).retryAfter()).contains(Duration.ofSeconds(120));
    server.verify(1, getRequestedFor(urlPathEqualTo(INVENTORY)));
  }

  @Test
  void shouldRetryRead_whenAnAttemptTimesOut() {
    stubSequence(() -> get(urlPathEqualTo(INVENTORY)), List.of(okJson(page(entry(5, 1))).withFixedDelay(1_500), okJson(page(entry(6, 2)))));

    assertThat(storefront.read(List.of(KEY)).get(KEY).quantityOnStock()).isEqualTo(6);
    server.verify(2, getRequestedFor(urlPathEqualTo(INVENTORY)));
  }

  @Test
  void shouldSurfaceTransient_whenEveryAttemptTimesOut() {
    server.stubFor(get(urlPathEqualTo(INVENTORY)).willReturn(okJson(page(entry(5, 1))).withFixedDelay(1_500)));

    assertThatThrownBy(() -> storefront.read(List.of(KEY))).isInstanceOf(TransientStorefrontException.class);
  }

  @Test
  void shouldSendTheSameVersionOnEveryRetry_whenUpdateMeets503Storm() {
    server.stubFor(get(urlPathEqualTo(INVENTORY)).willReturn(okJson(page(entry(10, 7)))));
    stubSequence(() -> post(urlPathEqualTo(INVENTORY + "/" + ENTRY_ID)), List.of(aResponse().withStatus(503), aResponse().withStatus(502), okJson(entry(8, 8))));
    StockEntry read = storefront.read(List.of(KEY)).get(KEY);

    StockEntry after = storefront.update(read, EntryUpdate.movements(-2, 0));

    assertThat(after.quantityOnStock()).isEqualTo(8);
    List<LoggedRequest> posts = server.findAll(postRequestedFor(urlPathEqualTo(INVENTORY + "/" + ENTRY_ID)));
    assertThat(posts).hasSize(3);
    // Each retry names version 7: the platform applies at most one of them, a second answers 409.
    assertThat(posts).extracting(LoggedRequest::getBodyAsString).allSatisfy(body -> assertThat(body).contains("\"version\":7")).containsOnly(posts.get(0).getBodyAsString());
  }

  @Test
  void shouldReportConflict_whenRetriedUpdateHadAlreadyBeenApplied() {
    server.stubFor(get(urlPathEqualTo(INVENTORY)).willReturn(okJson(page(entry(10, 7)))));
    stubSequence(
        () -> post(urlPathEqualTo(INVENTORY + "/" + ENTRY_ID)),
        List.of(
            aResponse().withStatus(504),
            aResponse().withStatus(409).withBody("{\"statusCode\":409,\"message\":\"Expected: 7 - Actual: 8.\",\"errors\":[{\"code\":\"ConcurrentModification\",\"message\":\"x\",\"currentVersion\":8}]}")));
    StockEntry read = storefront.read(List.of(KEY)).get(KEY);

    assertThatThrownBy(() -> storefront.update(read, EntryUpdate.movements(-2, 0))).isInstanceOf(VersionConflictException.class);
  }

  @Test
  void shouldSurfaceTransientWithoutResending_whenUpdateAnswerIsMalformedJson() {
    server.stubFor(get(urlPathEqualTo(INVENTORY)).willReturn(okJson(page(entry(10, 7)))));
    server.stubFor(post(urlPathEqualTo(INVENTORY + "/" + ENTRY_ID)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("<html>upstream glitch")));
    StockEntry read = storefront.read(List.of(KEY)).get(KEY);

    assertThatThrownBy(() -> storefront.update(read, EntryUpdate.movements(-2, 3))).isInstanceOf(TransientStorefrontException.class);
    server.verify(1, postRequestedFor(urlPathEqualTo(INVENTORY + "/" + ENTRY_ID)));
  }

  @Test
  void shouldSurfaceTransient_whenReadAnswerIsMalformedJson() {
    server.stubFor(get(urlPathEqualTo(INVENTORY)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"results\":[{\"id\":")));

    assertThatThrownBy(() -> storefront.read(List.of(KEY))).isInstanceOf(TransientStorefrontException.class);
  }

  @Test
  void shouldSurfacePermanentWithStatusAndBody_whenPlatformRejectsUpdate() {
    server.stubFor(get(urlPathEqualTo(INVENTORY)).willReturn(okJson(page(entry(10, 7)))));
    server.stubFor(post(urlPathEqualTo(INVENTORY + "/" + ENTRY_ID)).willReturn(aResponse().withStatus(400).withBody("{\"statusCode\":400,\"message\":\"Invalid field\"}")));
    StockEntry read = storefront.read(List.of(KEY)).get(KEY);

    Throwable thrown = catchThrowable(() -> storefront.update(read, EntryUpdate.movements(-2, 0)));

    assertThat(thrown).isInstanceOf(CommercetoolsApiException.class);
    assertThat(((CommercetoolsApiException) thrown).status()).isEqualTo(400);
    assertThat(((CommercetoolsApiException) thrown).bodyExcerpt()).contains("Invalid field");
  }

  @Test
  void shouldLeaveNoCredentialInLogsOrErrors_whenRequestsFail() {
    server.stubFor(get(urlPathMatching(INVENTORY + ".*")).willReturn(aResponse().withStatus(503).withBody("{\"statusCode\":503}")));
    server.stubFor(post(urlPathMatching(INVENTORY + "/.*")).willReturn(aResponse().withStatus(400).withBody("{\"statusCode\":400}")));
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Throwable readFailure;
    Throwable writeFailure;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      readFailure = catchThrowable(() -> storefront.read(List.of(KEY)));
      writeFailure = catchThrowable(() -> storefront.update(new StockEntry(KEY, 1, 1, 1, 0, Supply.NONE), EntryUpdate.movements(-1, 1)));
    } finally {
      System.setErr(originalErr);
    }

    String basic = Base64.getEncoder().encodeToString(("client-id:" + SECRET).getBytes(StandardCharsets.UTF_8));
    String everything = captured.toString(StandardCharsets.UTF_8) + describe(readFailure) + describe(writeFailure) + connector.toString();
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("503");
    assertThat(everything).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain(basic);
  }

  private static String describe(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
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

  private static String channel() {
    return "{\"id\":\"" + CHANNEL_ID + "\",\"version\":1,\"key\":\"dc-1\",\"roles\":[\"InventorySupply\"],"
        + "\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-01-01T00:00:00.000Z\"}";
  }

  private static String type() {
    return "{\"id\":\"7a7a7a7a-0000-4000-8000-000000000003\",\"version\":1,\"key\":\"stockbridge-inventory\","
        + "\"name\":{\"en\":\"x\"},\"resourceTypeIds\":[\"inventory-entry\"],\"fieldDefinitions\":[],"
        + "\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-01-01T00:00:00.000Z\"}";
  }

  private static String entry(long quantity, long version) {
    return "{\"id\":\"" + ENTRY_ID + "\",\"version\":" + version + ",\"sku\":\"SKU-1\","
        + "\"supplyChannel\":{\"typeId\":\"channel\",\"id\":\"" + CHANNEL_ID + "\"},"
        + "\"quantityOnStock\":" + quantity + ",\"availableQuantity\":" + quantity + ","
        + "\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-01-01T00:00:00.000Z\"}";
  }

  private static String page(String... entries) {
    return "{\"limit\":500,\"offset\":0,\"count\":" + entries.length + ",\"results\":[" + String.join(",", entries) + "]}";
  }

}
