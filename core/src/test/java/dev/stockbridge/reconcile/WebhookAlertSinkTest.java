package dev.stockbridge.reconcile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.stockbridge.StockKey;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookAlertSinkTest {

  private static final String PATH = "/services/T000/B000/secret-token";

  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private AlertSink sink(int retries) {
    return AlertSink.webhook(new Webhook(URI.create("http://127.0.0.1:" + server.port() + PATH),
        Duration.ofSeconds(5), retries, Duration.ofMillis(10)));
  }

  private static Alert alert(int mismatches) {
    List<Discrepancy> found = IntStream.range(0, mismatches).mapToObj(i -> {
      StockKey key = StockKey.of("SKU-" + i, "london");
      return new Discrepancy(DiscrepancyKind.QUANTITY_MISMATCH, key.toString(), Optional.of(key),
          OptionalLong.of(10), OptionalLong.of(10 + i % 9 + 1), i % 9 + 1, List.of(), Cause.MISSED_EVENT, Owner.OPS,
          "residual <" + (i % 9 + 1) + ">");
    }).toList();
    return Alert.of("run-7", Instant.parse("2026-11-27T09:00:00Z"), found,
        Optional.of(URI.create("https://reports.example/run-7.html")));
  }

  @Test
  void shouldPostOneSlackCompatiblePayload_forAThousandMismatches() throws Exception {
    server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));

    sink(0).send(alert(1000));

    server.verify(1, postRequestedFor(urlEqualTo(PATH))
        .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
        .withRequestBody(matchingJsonPath("$.text"))
        .withRequestBody(matchingJsonPath("$.blocks[0].type", equalTo("section"))));
    JsonNode body = new ObjectMapper().readTree(server.getAllServeEvents().get(0).getRequest().getBodyAsString());
    assertThat(body.get("text").asText()).contains("1000 new discrepancies (1000 QUANTITY_MISMATCH)");
    assertThat(body.get("blocks").get(0).get("text").get("text").asText())
        .contains("<https://reports.example/run-7.html|Open the report>");
    assertThat(body.get("blocks")).hasSize(2 + Alert.SAMPLES);
    assertThat(body.get("blocks").get(2).get("text").get("text").asText()).contains("residual &lt;9&gt;");
  }

  @Test
  void shouldRetry_whenTheWebhookAnswers503ThenSucceeds() {
    server.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
    server.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(429)).willSetStateTo("third"));
    server.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("third")
        .willReturn(aResponse().withStatus(200)));

    sink(3).send(alert(3));

    server.verify(3, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void shouldFailWithoutRetryingOrLeakingTheUrl_whenTheWebhookRefuses() {
    server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404).withBody("no_service")));

    assertThatThrownBy(() -> sink(3).send(alert(1)))
        .isInstanceOf(AlertDeliveryException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageNotContaining("secret-token");
    server.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void shouldGiveUpAfterTheRetries_whenTheWebhookKeepsFailing() {
    server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500)));

    assertThatThrownBy(() -> sink(2).send(alert(1)))
        .isInstanceOf(AlertDeliveryException.class)
        .satisfies(e -> assertThat(((AlertDeliveryException) e).status()).isEqualTo(500));
    server.verify(3, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void shouldRedactTheSecretPath_inToString() {
    assertThat(Webhook.of(URI.create("https://hooks.slack.com" + PATH)).toString())
        .contains("hooks.slack.com").doesNotContain("secret-token");
  }
}
