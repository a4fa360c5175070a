package dev.stockbridge.planner;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PurchaseOrderPollerTest {

  private final WireMockServer server = Stubs.server();
  private final PlannerClient client = PlannerClient.create(Stubs.config(server, new FakeTicker()).pageSize(2).build());
  private final List<String> handled = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void shouldHandOnOrdersModifiedSinceTheWatermark_newestFirst_andStopAtTheFirstOlderOne() {
    server.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders")).withQueryParam("page", equalTo("0"))
        .withQueryParam("last_modified_sort", equalTo("desc"))
        .willReturn(okJson(Stubs.page("purchase-orders", false, order("3", "2025-01-20T10:00:00Z"), order("2", "2025-01-20T08:58:00Z")))));
    server.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders")).withQueryParam("page", equalTo("1"))
        .willReturn(okJson(Stubs.page("purchase-orders", false, order("1", "2025-01-19T12:00:00Z"), order("0", "2025-01-18T12:00:00Z")))));
    PurchaseOrderPoller poller = new PurchaseOrderPoller(client, OffsetDateTime.parse("2025-01-20T09:00:00Z"),
        Duration.ofMinutes(5), order -> handled.add(order.id()));

    assertThat(poller.poll()).isEqualTo(2);

    assertThat(handled).containsExactly("3", "2");
    assertThat(poller.watermark()).contains(OffsetDateTime.parse("2025-01-20T10:00:00Z"));
    server.verify(exactly(2), getRequestedFor(urlPathEqualTo("/api/v1/purchase-orders")));
  }

  private static String order(String id, String modified) {
    return "{\"id\": \"" + id + "\", \"status\": \"OPEN\", \"warehouse\": \"w1\", \"last_modified\": \"" + modified + "\", \"items\": []}";
  }
}
