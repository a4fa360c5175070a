package dev.stockbridge.planner;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.stockbridge.planner.EngineFixture.CUP;
import static dev.stockbridge.planner.EngineFixture.MUG;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.spi.Supply;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupplySignalsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T10:00:00Z"), ZoneOffset.UTC);

  private final WireMockServer server = Stubs.server();
  private final EngineFixture fixture = new EngineFixture(10, 3);
  private final PlannerClient client = PlannerClient.create(Stubs.config(server, new FakeTicker()).build());
  private final SupplySignals signals = SupplySignals.create(EngineFixture.MAPPING, fixture.unmapped::add, CLOCK);

  @AfterEach
  void stop() {
    fixture.close();
    server.stop();
  }

  @Test
  void shouldShowTheOpenOrdersExpectedDateOnTheStorefrontEntry_withLeadTimeAndMinimumStock() throws Exception {
    server.stubFor(get(urlPathEqualTo("/api/v1/variants")).willReturn(okJson(Stubs.page("variants", true,
        Stubs.variant("c1_1", "MUG-1", "w1")))));
    server.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders")).willReturn(okJson(Stubs.page("purchase-orders", true,
        order("40", "open", "2025-02-20", "c1_1", 10),
        order("41", "OPEN", "2025-02-01", "c1_1", 5),
        order("42", "closed", "2025-01-16", "c1_1", 5),
        order("43", "Partially Received", "2025-01-20", "c1_1", 0),
        order("44", "partially received", "2025-03-03", "c1_2", 8)))));

    SupplyReport report = signals.read(client.variants(Query.all()), client.purchaseOrders(Query.all()));
    report.supply().forEach(fixture.engine::setSupply);
    fixture.drain();

    assertThat(report.supply().get(MUG)).as("the signals carry the lead time").isEqualTo(new Supply(
        Optional.of(Instant.parse("2025-02-01T00:00:00Z")), OptionalInt.of(21), OptionalLong.of(5)));
    assertThat(fixture.storefront.entry(MUG).supply()).as("the entry gets no restockableInDays: without the backorder policy it would turn on backorders")
        .isEqualTo(new Supply(Optional.of(Instant.parse("2025-02-01T00:00:00Z")), OptionalInt.empty(), OptionalLong.of(5)));
    assertThat(fixture.storefront.entry(CUP).supply().expectedDelivery()).contains(Instant.parse("2025-03-03T00:00:00Z"));
    assertThat(fixture.onStock(MUG)).as("supply fields never change stock").isEqualTo(10);
  }

  @Test
  void shouldReportReplenishmentAndSellOutForecasts() {
    server.stubFor(get(urlPathEqualTo("/api/v1/variants")).willReturn(okJson(Stubs.page("variants", true,
        Stubs.variant("c1_1", "MUG-1", "w1")))));

    SupplyReport report = signals.read(client.variants(Query.all()), java.util.stream.Stream.empty());

    assertThat(report.replenishment()).containsExactly(
        new ReplenishmentForecast(MUG, 55, 60, Optional.of(LocalDate.of(2025, 3, 2))));
    assertThat(report.sellOut()).containsExactly(
        new SellOutForecast(MUG, 9, LocalDate.of(2025, 1, 24), OptionalDouble.of(1.5)));
  }

  @Test
  void shouldRaiseUnmappedVariantsAndWarehouses_insteadOfDroppingThem() {
    server.stubFor(get(urlPathEqualTo("/api/v1/variants")).willReturn(okJson(Stubs.page("variants", true,
        Stubs.variant("c1_1", "MUG-1", "w9"), Stubs.variant("c7_7", "GHOST", "w1")))));
    server.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders")).willReturn(okJson(Stubs.page("purchase-orders", true,
        order("50", "OPEN", "2025-02-01", "c7_7", 4)))));

    SupplyReport report = signals.read(client.variants(Query.all()), client.purchaseOrders(Query.all()));

    assertThat(report.supply()).isEmpty();
    assertThat(fixture.unmapped).extracting(s -> s.lookup().reason(), UnmappedSignal::variant, UnmappedSignal::warehouse,
            UnmappedSignal::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Lookup.Reason.UNKNOWN_VARIANT, VariantId.of("c7_7"), WarehouseId.of("w1"), "purchase order 50"),
            org.assertj.core.groups.Tuple.tuple(Lookup.Reason.UNKNOWN_WAREHOUSE, VariantId.of("c1_1"), WarehouseId.of("w9"), "variant c1_1"),
            org.assertj.core.groups.Tuple.tuple(Lookup.Reason.UNKNOWN_VARIANT, VariantId.of("c7_7"), WarehouseId.of("w1"), "variant c7_7"));
  }

  static String order(String id, String status, String expected, String variant, long remaining) {
    return """
        {"id": "%s", "status": "%s", "type": "po", "warehouse": "w1", "expected_date": "%s",
         "items": [{"id": "%s", "replenishment": 10, "remaining": %d}]}
        """.formatted(id, status, expected, variant, remaining);
  }
}
