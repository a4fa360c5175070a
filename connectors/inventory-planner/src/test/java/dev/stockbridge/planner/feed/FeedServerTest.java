package dev.stockbridge.planner.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.planner.PurchaseOrderWebhook;
import dev.stockbridge.planner.TestTls;
import dev.stockbridge.planner.WebhookServer;
import java.net.InetSocketAddress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feed server on 127.0.0.1, driven by the JDK's HTTP client. */
class FeedServerTest {

  private static final BasicCredentials CREDENTIALS = new BasicCredentials("planner", "pä55:word");
  private static final String TOKEN = "k3J9dQx7LmP2vR8sT4wZ1a";
  private static final Instant PUBLISHED = Instant.parse("2024-03-01T10:15:30Z");

  @TempDir Path dir;

  private FeedDirectory directory;
  private FeedServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    directory = FeedDirectory.of(dir);
    publish("order_number,sku\n1001,MUG\n");
    server = FeedServer.builder(directory, TOKEN).basicAuth(CREDENTIALS).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void publish(String content) throws IOException {
    directory.publish(StarterFeeds.SALES_ORDERS, FeedFixtures.content(content, 0));
    Files.setLastModifiedTime(dir.resolve(StarterFeeds.SALES_ORDERS), FileTime.from(PUBLISHED));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(server.uri().resolve(path))
        .header("Authorization", basic(CREDENTIALS.username(), CREDENTIALS.password()));
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void shouldServeOverHttps_whenGivenATlsContext() throws Exception {
    TestTls tls = TestTls.create(dir);
    try (FeedServer secure = FeedServer.builder(directory, TOKEN).tls(tls.server).start()) {
      HttpClient trusting = HttpClient.newBuilder().sslContext(tls.client).build();
      HttpResponse<String> response =
          trusting.send(
              HttpRequest.newBuilder(secure.uri().resolve(StarterFeeds.SALES_ORDERS)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

      assertThat(secure.uri().getScheme()).isEqualTo("https");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("1001,MUG");
    }
  }

  @Test
  void shouldRefusePlainHttp_onAnAddressOtherThanLoopback() {
    assertThatThrownBy(() -> FeedServer.builder(directory, TOKEN).address(new InetSocketAddress(0)).start())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("plain HTTP only on loopback");
    assertThatThrownBy(
            () -> WebhookServer.start(new InetSocketAddress(0), "/hook", PurchaseOrderWebhook.create("s".repeat(16), 10, po -> {}), null))
        .hasMessageContaining("configure TLS");
  }

  @Test
  void shouldChallenge_whenNoCredentialsAreSent() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri().resolve("sales-orders.csv")).build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
    assertThat(response.body()).isEmpty();
  }

  @Test
  void shouldChallenge_whenThePasswordIsWrong() throws Exception {
    HttpResponse<String> wrong = send(HttpRequest.newBuilder(server.uri().resolve("sales-orders.csv"))
        .header("Authorization", basic("planner", "pä55:wore")).build());
    HttpResponse<String> garbage = send(HttpRequest.newBuilder(server.uri().resolve("sales-orders.csv"))
        .header("Authorization", "Basic !!not-base64").build());

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(garbage.statusCode()).isEqualTo(401);
  }

  @Test
  void shouldServeTheFileWithValidators_whenGot() throws Exception {
    HttpResponse<String> response = send(request("sales-orders.csv").GET().build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("order_number,sku\n1001,MUG\n");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).matches("\"[A-Za-z0-9_-]{43}\""));
    assertThat(response.headers().firstValue("Last-Modified")).hasValue("Fri, 1 Mar 2024 10:15:30 GMT");
  }

  @Test
  void shouldAnswerHeadersWithoutBody_whenProbedWithHead() throws Exception {
    HttpResponse<String> get = send(request("sales-orders.csv").GET().build());
    HttpResponse<String> head = send(request("sales-orders.csv").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf("order_number,sku\n1001,MUG\n".length()));
    assertThat(head.headers().firstValue("ETag")).isEqualTo(get.headers().firstValue("ETag"));
    assertThat(head.headers().firstValue("Last-Modified")).isEqualTo(get.headers().firstValue("Last-Modified"));
  }

  @Test
  void shouldAnswer304_whenTheETagStillMatches() throws Exception {
    String etag = send(request("sales-orders.csv").GET().build()).headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = send(request("sales-orders.csv").header("If-None-Match", "\"other\", " + etag).GET().build());

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
  }

  @Test
  void shouldAnswer304_whenNotModifiedSince() throws Exception {
    String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(PUBLISHED, ZoneOffset.UTC));
    String before = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(PUBLISHED.minusSeconds(1), ZoneOffset.UTC));

    HttpResponse<String> same = send(request("sales-orders.csv").header("If-Modified-Since", lastModified).GET().build());
    HttpResponse<String> older = send(request("sales-orders.csv").header("If-Modified-Since", before).GET().build());

    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(older.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldServeTheNewContent_whenRepublishedAfterAnETagWasSeen() throws Exception {
    String etag = send(request("sales-orders.csv").GET().build()).headers().firstValue("ETag").orElseThrow();
    publish("order_number,sku\n1002,CUP\n"); // same size, same time: only the content differs

    HttpResponse<String> again = send(request("sales-orders.csv").header("If-None-Match", etag).GET().build());

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("order_number,sku\n1002,CUP\n");
    assertThat(again.headers().firstValue("ETag")).isNotEqualTo(etag);
  }

  @Test
  void shouldAnswer404_whenTheNameIsNotServedOrNotYetPublished() throws Exception {
    assertThat(send(request("../pom.xml").GET().build()).statusCode()).isEqualTo(404);
    assertThat(send(request("secrets.csv").GET().build()).statusCode()).isEqualTo(404);
    assertThat(send(request("products.csv").GET().build()).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldAnswer405_whenTheMethodIsNotGetOrHead() throws Exception {
    HttpResponse<String> response = send(request("sales-orders.csv").POST(HttpRequest.BodyPublishers.ofString("x")).build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void shouldNotShowThePassword_whenPrinted() {
    assertThat(CREDENTIALS.toString()).doesNotContain("pä55").contains("<redacted>");
    assertThat(server.uri()).isEqualTo(URI.create("http://127.0.0.1:" + server.uri().getPort() + "/" + TOKEN + "/"));
    assertThat(server.toString()).doesNotContain(TOKEN);
  }

  @Test
  void shouldAnswer404WithoutAsking_whenTheTokenIsWrongOrMissing() throws Exception {
    URI base = server.uri();
    URI wrongToken = base.resolve("/k3J9dQx7LmP2vR8sT4wZ1b/sales-orders.csv");
    URI noToken = base.resolve("/sales-orders.csv");

    for (URI uri : new URI[] {wrongToken, noToken}) {
      HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
          .header("Authorization", basic(CREDENTIALS.username(), CREDENTIALS.password())).build());
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }
  }

  @Test
  void shouldServeWithoutCredentials_whenNoBasicAuthIsConfigured() throws Exception {
    try (FeedServer open = FeedServer.builder(directory, TOKEN).start()) {
      HttpResponse<String> response = send(HttpRequest.newBuilder(open.uri().resolve("sales-orders.csv")).build());

      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shouldRefuseAShortToken_withoutShowingIt() {
    assertThatThrownBy(() -> FeedServer.builder(directory, "short-secret"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageNotContaining("short-secret");
    assertThat(FeedServer.newPathToken()).hasSize(43).matches("[A-Za-z0-9_-]+");
  }
}
