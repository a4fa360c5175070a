package dev.stockbridge.planner;

import dev.stockbridge.flow.ReceiptLedger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PurchaseOrderWebhookTest {

  private static final String SECRET = "wh-5ecret-0123456789";
  private static final String BODY = """
      {"purchase-order": {"id": "17", "status": "partially received", "warehouse": "w1",
        "last_modified": "2025-01-20T09:30:00+00:00",
        "items": [{"id": "c1_1", "sku": "MUG-1", "replenishment": 10, "remaining": 6, "received": 4}]}}
      """;

  private final List<PurchaseOrder> saved = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private WebhookServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private URI start(PurchaseOrderWebhook webhook) {
    server = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0), "/ip/purchase-orders", webhook, null);
    return server.uri();
  }

  private int post(URI uri, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void shouldRejectWith401_whenTheSecretIsMissingOrWrong() throws Exception {
    URI uri = start(PurchaseOrderWebhook.create(SECRET, 100, saved::add));

    assertThat(post(uri, BODY)).isEqualTo(401);
    assertThat(post(URI.create(uri + "?secret=wh-5ecret-0123456788"), BODY)).isEqualTo(401);
    assertThat(post(URI.create(uri + "?token=" + SECRET), BODY)).isEqualTo(401);
    assertThat(saved).isEmpty();
  }

  @Test
  void shouldAcceptAReplayedDeliveryOnce() throws Exception {
    URI uri = URI.create(start(PurchaseOrderWebhook.create(SECRET, 100, saved::add)) + "?secret=" + SECRET);

    assertThat(post(uri, BODY)).isEqualTo(200);
    assertThat(post(uri, BODY)).as("a replay is acknowledged").isEqualTo(200);

    assertThat(saved).singleElement().satisfies(order -> {
      assertThat(order.id()).isEqualTo("17");
      assertThat(order.items()).extracting(PurchaseOrderItem::received).containsExactly(4L);
    });
  }

  @Test
  void shouldMoveReceivedStockOnce_whenADeliveryIsReplayedIntoTheEngine() throws Exception {
    try (EngineFixture fixture = new EngineFixture(10, 3)) {
      ReceiptTracker tracker = ReceiptTracker.create(EngineFixture.MAPPING, ReceiptPolicy.sellableOnReceipt(),
          ReceiptLedger.inMemory(), fixture.unmapped::add);
      URI uri = URI.create(start(PurchaseOrderWebhook.create(SECRET, 100,
          order -> tracker.receive(order, fixture.engine::submit))) + "?secret=" + SECRET);

      assertThat(post(uri, BODY)).isEqualTo(200);
      assertThat(post(uri, BODY)).isEqualTo(200);
      fixture.drain();

      assertThat(fixture.onStock(EngineFixture.MUG)).isEqualTo(14);
    }
  }

  @Test
  void shouldHandleTheRetry_whenTheFirstDeliveryFailed() throws Exception {
    AtomicBoolean failOnce = new AtomicBoolean(true);
    URI uri = URI.create(start(PurchaseOrderWebhook.create(SECRET, 100, order -> {
      if (failOnce.getAndSet(false)) {
        throw new IllegalStateException("database down");
      }
      saved.add(order);
    })) + "?secret=" + SECRET);

    assertThat(post(uri, BODY)).isEqualTo(500);
    assertThat(post(uri, BODY)).isEqualTo(200);
    assertThat(saved).hasSize(1);
  }

  @Test
  void shouldAnswer400_whenTheBodyIsNotAPurchaseOrder() {
    PurchaseOrderWebhook webhook = PurchaseOrderWebhook.create(SECRET, 100, saved::add);
    URI uri = URI.create("/ip?secret=" + SECRET);

    assertThat(webhook.handle("POST", uri, "{\"variant\": {}}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).status()).isEqualTo(400);
    assertThat(webhook.handle("POST", uri, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)).status()).isEqualTo(400);
    assertThat(webhook.handle("GET", uri, new byte[0]).status()).isEqualTo(405);
    assertThat(saved).isEmpty();
  }
}
