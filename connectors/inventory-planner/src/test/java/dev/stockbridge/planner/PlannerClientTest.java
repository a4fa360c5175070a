package dev.stockbridge.planner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlannerClientTest {

  private static final String VARIANTS = "/api/v1/variants";
  private static final String ORDERS = "/api/v1/purchase-orders";

  private final WireMockServer server = Stubs.server();
  private final FakeTicker ticker = new FakeTicker();

  @AfterEach
  void stopServer() {
    server.stop();
  }

  private PlannerClient client() {
    return PlannerClient.create(Stubs.config(server, ticker).build());
  }

  private MappingBuilder variantsPage(int page) {
    return get(urlPathEqualTo(VARIANTS)).withQueryParam("page", equalTo(String.valueOf(page)));
  }

  @Test
  void shouldSendBareKeyAccountUserAgentAndJsonHeaders_whenReading() {
    server.stubFor(get(urlPathEqualTo(VARIANTS)).willReturn(okJson(Stubs.page("variants", true))));

    assertThat(client().variants(Query.all())).isEmpty();

    server.verify(getRequestedFor(urlPathEqualTo(VARIANTS))
        .withHeader("Authorization", equalTo(Stubs.API_KEY))
        .withHeader("Account", equalTo(Stubs.ACCOUNT))
        .withHeader("Accept", equalTo("application/json"))
        .withHeader("User-Agent", matching("stockbridge-inventory-planner/.+")));
  }

  @Test
  void shouldReadEveryPageFromZero_andStopAtMetaEnd() {
    server.stubFor(variantsPage(0).willReturn(okJson(Stubs.page("variants", false,
        Stubs.variant("c1_1", "MUG-1", "w1"), Stubs.variant("c1_2", "MUG-2", "w1")))));
    server.stubFor(variantsPage(1).willReturn(okJson(Stubs.page("variants", true,
        Stubs.variant("c1_3", "MUG-3", "w1"), Stubs.variant("c1_4", "MUG-4", "w1")))));
    PlannerClient client = PlannerClient.create(Stubs.config(server, ticker).pageSize(2).build());

    List<PlannerVariant> variants = client.variants(Query.all()).toList();

    assertThat(variants).extracting(PlannerVariant::sku).containsExactly("MUG-1", "MUG-2", "MUG-3", "MUG-4");
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo(VARIANTS)).withQueryParam("page", equalTo("0"))
        .withQueryParam("limit", equalTo("2")));
    server.verify(exactly(2), getRequestedFor(urlPathEqualTo(VARIANTS)));
  }

  @Test
  void shouldStopAtShortPage_whenMetaHasNoEnd() {
    server.stubFor(variantsPage(0).willReturn(okJson(
        "{\"variants\": [" + Stubs.variant("c1_1", "MUG-1", "w1") + "], \"meta\": {\"total\": 1}}")));
    PlannerClient client = PlannerClient.create(Stubs.config(server, ticker).pageSize(2).build());

    assertThat(client.variants(Query.all())).hasSize(1);
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo(VARIANTS)));
  }

  @Test
  void shouldFetchNoFurtherPage_whenOnlyTheFirstRecordIsUsed() {
    server.stubFor(variantsPage(0).willReturn(okJson(Stubs.page("variants", false,
        Stubs.variant("c1_1", "MUG-1", "w1"), Stubs.variant("c1_2", "MUG-2", "w1")))));
    PlannerClient client = PlannerClient.create(Stubs.config(server, ticker).pageSize(2).build());

    try (Stream<PlannerVariant> variants = client.variants(Query.all())) {
      assertThat(variants.findFirst()).get().extracting(PlannerVariant::sku).isEqualTo("MUG-1");
    }
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo(VARIANTS)));
  }

  @Test
  void shouldReadPerWarehouseBlocks_whenListingVariants() {
    server.stubFor(get(urlPathEqualTo(VARIANTS)).willReturn(okJson(
        Stubs.page("variants", true, Stubs.variant("c1097_6060", "MUG-1", "c955_330498075")))));

    PlannerVariant variant = client().variants(Query.all()).findFirst().orElseThrow();

    assertThat(variant.id()).isEqualTo(VariantId.of("c1097_6060"));
    assertThat(variant.costPrice()).contains(new java.math.BigDecimal("3.25"));
    assertThat(variant.warehouses()).containsExactly(new WarehouseStock(
        WarehouseId.of("c955_330498075"), OptionalLong.of(12), OptionalLong.of(40), OptionalLong.of(55),
        OptionalLong.of(60), OptionalLong.of(5), OptionalInt.of(21), OptionalInt.of(30), OptionalInt.of(9),
        OptionalDouble.of(1.5), java.util.Optional.of(LocalDate.of(2025, 3, 2))));
  }

  @Test
  void shouldSendFieldSelectionFiltersAndSort() {
    server.stubFor(get(urlPathEqualTo(VARIANTS)).willReturn(okJson(Stubs.page("variants", true))));

    client().variants(Query.all().fields("id", "sku", "warehouse.lead_time")
        .filter("updated_at", Query.Op.GTE, "2025-01-01").sortBy("updated_at", false)).toList();

    server.verify(getRequestedFor(urlPathEqualTo(VARIANTS))
        .withQueryParam("fields", equalTo("id,sku,warehouse.lead_time"))
        .withQueryParam("updated_at_gte", equalTo("2025-01-01"))
        .withQueryParam("updated_at_sort", equalTo("desc"))
        .withQueryParam("page", equalTo("0")));
  }

  @Test
  void shouldKeepOnlyTheExactSku_whenSkuEqiAlsoReturnsPartialAndOtherCaseMatches() {
    server.stubFor(get(urlPathEqualTo(VARIANTS)).withQueryParam("sku_eqi", equalTo("ABC"))
        .willReturn(okJson(Stubs.page("variants", true, Stubs.variant("c1_1", "ABCK", "w1"),
            Stubs.variant("c1_2", "ABC", "w1"), Stubs.variant("c1_3", "abc", "w1")))));

    assertThat(client().variantsWithSku("ABC")).extracting(PlannerVariant::id).containsExactly(VariantId.of("c1_2"));
  }

  @Test
  void shouldRaiseTheResultMessage_whenValidationFailsWithHttp500() {
    server.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"result\": {\"status\": \"error\", \"message\": \"Unknown field: expectd_date\"}}")));

    assertThatThrownBy(() -> client().purchaseOrders(Query.all()).toList())
        .isInstanceOfSatisfying(PlannerApiException.class, e -> {
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.apiMessage()).isEqualTo("Unknown field: expectd_date");
          assertThat(e.request()).startsWith("GET /api/v1/purchase-orders?page=0");
          assertThat(e.getMessage()).doesNotContain(Stubs.API_KEY);
        });
    server.verify(exactly(3), getRequestedFor(urlPathEqualTo(ORDERS))); // idempotent: 2 retries
  }

  @Test
  void shouldRaiseBlockedWithoutRetrying_whenTheCdnAnswersAnHtml403() {
    server.stubFor(get(urlPathEqualTo(VARIANTS)).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "text/html").withBody("<html><body><h1>403 Forbidden</h1></body></html>")));

    assertThatThrownBy(() -> client().variants(Query.all()).toList())
        .isInstanceOfSatisfying(PlannerBlockedException.class, e -> {
          assertThat(e.status()).isEqualTo(403);
          assertThat(e.getMessage()).contains("User-Agent").contains("403 Forbidden");
        });
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo(VARIANTS)));
  }

  @Test
  void shouldRaiseApiMessageWithoutRetrying_whenAJson4xxComesBack() {
    server.stubFor(get(urlPathEqualTo(VARIANTS)).willReturn(aResponse().withStatus(401)
        .withBody("{\"result\": {\"status\": \"error\", \"message\": \"Invalid API key\"}}")));

    assertThatThrownBy(() -> client().variants(Query.all()).toList())
        .isInstanceOfSatisfying(PlannerApiException.class, e -> assertThat(e.apiMessage()).isEqualTo("Invalid API key"))
        .isNotInstanceOf(PlannerBlockedException.class);
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo(VARIANTS)));
  }

  @Test
  void shouldWaitOutRetryAfter_whenRateLimitedWith429() {
    List<Long> sentAt = recordRequestTimes();
    server.stubFor(variantsPage(0).inScenario("429").whenScenarioStateIs(STARTED).willSetStateTo("ok")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
            .withBody("{\"result\": {\"status\": \"error\", \"message\": \"Too many requests\"}}")));
    server.stubFor(variantsPage(0).inScenario("429").whenScenarioStateIs("ok")
        .willReturn(okJson(Stubs.page("variants", true, Stubs.variant("c1_1", "MUG-1", "w1")))));

    assertThat(client().variants(Query.all())).hasSize(1);

    assertThat(sentAt).hasSize(2);
    assertThat(Duration.ofNanos(sentAt.get(1) - sentAt.get(0))).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void shouldRetryAGet_whenTheServerFailsOnce() {
    server.stubFor(variantsPage(0).inScenario("503").whenScenarioStateIs(STARTED).willSetStateTo("ok")
        .willReturn(aResponse().withStatus(503).withBody("upstream down")));
    server.stubFor(variantsPage(0).inScenario("503").whenScenarioStateIs("ok")
        .willReturn(okJson(Stubs.page("variants", true, Stubs.variant("c1_1", "MUG-1", "w1")))));

    assertThat(client().variants(Query.all())).hasSize(1);
    server.verify(exactly(2), getRequestedFor(urlPathEqualTo(VARIANTS)));
  }

  @Test
  void shouldRetryAGet_whenTheResponseTimesOut() {
    server.stubFor(variantsPage(0).inScenario("slow").whenScenarioStateIs(STARTED).willSetStateTo("ok")
        .willReturn(okJson(Stubs.page("variants", true)).withFixedDelay(1_000)));
    server.stubFor(variantsPage(0).inScenario("slow").whenScenarioStateIs("ok")
        .willReturn(okJson(Stubs.page("variants", true, Stubs.variant("c1_1", "MUG-1", "w1")))));
    PlannerClient client = PlannerClient.create(
        Stubs.config(server, ticker).timeouts(Duration.ofSeconds(2), Duration.ofMillis(150)).build());

    assertThat(client.variants(Query.all())).hasSize(1);
    server.verify(exactly(2), getRequestedFor(urlPathEqualTo(VARIANTS)));
  }

  @Test
  void shouldNotRetryAPost_whenTheServerFails() {
    server.stubFor(post(urlPathEqualTo("/api/v1/webhooks")).willReturn(aResponse().withStatus(502)
        .withBody("{\"result\": {\"status\": \"error\", \"message\": \"Bad gateway\"}}")));

    assertThatThrownBy(() -> client().subscribePurchaseOrderSaves(
            URI.create("https://shop.example/ip?secret=s3cr3t-s3cr3t-s3cr3t"), List.of("id", "status", "items")))
        .isInstanceOfSatisfying(PlannerApiException.class, e -> {
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.getMessage()).doesNotContain("s3cr3t");
        });
    server.verify(exactly(1), postRequestedFor(urlPathEqualTo("/api/v1/webhooks"))
        .withHeader("Content-Type", equalTo("application/json")));
  }

  @Test
  void shouldKeepEveryOneSecondWindowAtTheDefaultRate_overALongListing() {
    List<Long> sentAt = recordRequestTimes();
    stubSingleRowPages(40);
    PlannerClient client = PlannerClient.create(Stubs.config(server, ticker).pageSize(1).build());

    assertThat(client.variants(Query.all())).hasSize(40);

    assertThat(sentAt).hasSize(40);
    assertThat(maxPerOneSecondWindow(sentAt)).isEqualTo(1);
  }

  @Test
  void shouldUseTheConfiguredRateFully_butNeverExceedIt() {
    List<Long> sentAt = recordRequestTimes();
    stubSingleRowPages(60);
    PlannerClient client = PlannerClient.create(Stubs.config(server, ticker).pageSize(1).requestsPerSecond(5).build());

    assertThat(client.variants(Query.all())).hasSize(60);

    assertThat(sentAt).hasSize(60);
    assertThat(maxPerOneSecondWindow(sentAt)).isEqualTo(5);
  }

  @Test
  void shouldReadOrdersWithItemsAndCompareStatusIgnoringCase() {
    server.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(okJson(Stubs.page("purchase-orders", true, """
        {"id": "17", "reference": "PO-17", "status": "partially received", "type": "po", "vendor": "v1",
         "warehouse": "w1", "created_date": "2025-01-10", "expected_date": "2025-02-01",
         "last_modified": "2025-01-20T09:30:00+00:00",
         "items": [{"id": "c1_1", "sku": "MUG-1", "replenishment": 10, "remaining": 6,
                    "received_history": [{"date": "2025-01-20", "value": 4}]}]}
        """, """
        {"id": "18", "status": "CLOSED", "warehouse": "w1", "items": []}
        """))));

    List<PurchaseOrder> orders = client().purchaseOrders(Query.all()).toList();

    assertThat(orders.get(0).open()).isTrue();
    assertThat(orders.get(0).hasStatus("PARTIALLY RECEIVED")).isTrue();
    assertThat(orders.get(0).expectedDate()).contains(LocalDate.of(2025, 2, 1));
    assertThat(orders.get(0).lastModified()).contains(OffsetDateTime.parse("2025-01-20T09:30:00Z"));
    assertThat(orders.get(0).items()).containsExactly(new PurchaseOrderItem(VariantId.of("c1_1"), "MUG-1", 10, 6, 4));
    assertThat(orders.get(1).open()).isFalse();
    assertThat(orders.get(1).hasStatus("closed")).isTrue();
  }

  @Test
  void shouldReadOneOrder_unwrappingItsEntityName() {
    server.stubFor(get(urlPathEqualTo(ORDERS + "/17")).willReturn(okJson("""
        {"purchase-order": {"id": "17", "status": "OPEN", "warehouse": "w1",
          "items": [{"id": "c1_1", "replenishment": 10, "remaining": 10, "received": 0}]}}
        """)));

    assertThat(client().purchaseOrder("17").items()).extracting(PurchaseOrderItem::ordered).containsExactly(10L);
  }

  @Test
  void shouldReadWarehousesAndVendors() {
    server.stubFor(get(urlPathEqualTo("/api/v1/warehouses")).willReturn(okJson(Stubs.page("warehouses", true,
        "{\"name\": \"c955_330498075\", \"display_name\": \"Main\", \"disabled\": false}"))));
    server.stubFor(get(urlPathEqualTo("/api/v1/vendors")).willReturn(okJson(Stubs.page("vendors", true,
        "{\"id\": \"v1\", \"name\": \"Acme Ceramics\"}"))));

    assertThat(client().warehouses()).containsExactly(new PlannerWarehouse(WarehouseId.of("c955_330498075"), "Main", false));
    assertThat(client().vendors(Query.all())).containsExactly(new Vendor("v1", "Acme Ceramics"));
  }

  @Test
  void shouldRedactTheKey_andRefusePlainHttpToARemoteHost() {
    PlannerConfig config = Stubs.config(server, ticker).build();

    assertThat(config.toString()).doesNotContain(Stubs.API_KEY).contains("apiKey=***");
    assertThatThrownBy(() -> PlannerConfig.builder(Stubs.API_KEY, Stubs.ACCOUNT).baseUri(URI.create("http://app.inventory-planner.com")))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> PlannerConfig.builder(" ", Stubs.ACCOUNT)).isInstanceOf(InvalidValueException.class);
    assertThat(PlannerConfig.builder(Stubs.API_KEY, Stubs.ACCOUNT).build().baseUri()).isEqualTo(PlannerConfig.DEFAULT_BASE_URI);
  }

  /** The fake time at which each request reached the stub; requests are sequential, so it is exact. */
  private List<Long> recordRequestTimes() {
    List<Long> sentAt = new CopyOnWriteArrayList<>();
    server.addMockServiceRequestListener((request, response) -> sentAt.add(ticker.read()));
    return sentAt;
  }

  private void stubSingleRowPages(int pages) {
    IntStream.range(0, pages).forEach(page -> server.stubFor(variantsPage(page).willReturn(okJson(
        Stubs.page("variants", page == pages - 1, Stubs.variant("c1_" + page, "SKU-" + page, "w1"))))));
  }

  /** The most requests in any window [t, t + 1 s) starting at a request. */
  private static int maxPerOneSecondWindow(List<Long> times) {
    TreeMap<Long, Integer> counts = times.stream()
        .collect(Collectors.toMap(t -> t, t -> 1, Integer::sum, TreeMap::new));
    int max = 0;
    for (long start : times) {
      int inWindow = counts.subMap(start, true, start + 1_000_000_000L, false).values().stream().mapToInt(i -> i).sum();
      max = Math.max(max, inWindow);
    }
    return max;
  }
}
