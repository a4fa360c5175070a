package dev.stockbridge.planner;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;

/** WireMock on 127.0.0.1 and client configs pointing at it, shaped as the reference describes. */
final class Stubs {

  static final String API_KEY = "ip-secret-key-4f9a";
  static final String ACCOUNT = "a3060";

  private Stubs() {}

  static WireMockServer server() {
    WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    return server;
  }

  /** A config for the stub: fast retries, a fake ticker so the 1 request/s throttle costs no time. */
  static PlannerConfig.Builder config(WireMockServer server, Ticker ticker) {
    return PlannerConfig.builder(API_KEY, ACCOUNT)
        .baseUri(URI.create("http://127.0.0.1:" + server.port()))
        .ticker(ticker)
        .retries(2, Duration.ofMillis(1), Duration.ofMillis(5));
  }

  /** A variant as the API returns it, with one warehouse block. */
  static String variant(String id, String sku, String warehouse) {
    return """
        {"id": "%s", "sku": "%s", "title": "Mug %s", "removed": false, "cost_price": 3.25,
         "connections": [{"sku": "%s", "removed": false, "vendors": []}],
         "warehouse": [{"warehouse": "%s", "in_stock": 12, "purchase_orders_qty": 40,
           "replenishment": 55.4, "to_order": 60, "minimum_stock": 5, "lead_time": 21,
           "review_period": 30, "oos": 9, "replenish_date": "2025-03-02",
           "forecast_description": {"method": "avg", "sales_velocity1": 1.5, "sales_velocity30": 45, "trend": 0}}]}
        """.formatted(id, sku, sku, sku, warehouse);
  }

  /** A page of a list wrapped in its entity name, with meta. */
  static String page(String listKey, boolean end, String... rows) {
    return "{\"" + listKey + "\": [" + String.join(",", rows) + "], \"meta\": {\"count\": " + rows.length
        + ", \"end\": " + end + "}}";
  }
}
