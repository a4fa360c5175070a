package dev.stockbridge.planner;

import dev.stockbridge.flow.ReceiptLedger;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.stockbridge.flow.SupplyFlow;
import dev.stockbridge.flow.SupplyReading;
import dev.stockbridge.simulation.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The planner as a supply source: incremental reads, a baseline first, receipts recorded only once handed on. */
class PlannerSupplyTest {

  private final WireMockServer server = Stubs.server();
  private final PlannerClient client = PlannerClient.create(Stubs.config(server, new FakeTicker()).build());
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final ReceiptLedger ledger = ReceiptLedger.inMemory();

  @AfterEach
  void stop() {
    server.stop();
  }

  private void stubOrders(int received, String modified) {
    server.stubFor(get(urlPathEqualTo("/api/v1/purchase-orders")).willReturn(okJson(Stubs.page("purchase-orders", true,
        "{\"id\": \"po-1\", \"status\": \"partially received\", \"warehouse\": \"w1\", \"expected_date\": \"2026-12-20\", \"last_modified\": \""
            + modified + "\", \"items\": [{\"id\": \"c1_1\", \"sku\": \"MUG-1\", \"replenishment\": 10, \"remaining\": " + (10 - received)
            + ", \"received\": " + received + "}]}"))));
  }

  @Test
  void shouldReadChangedOrdersOnly_andTheCatalogueOnItsOwnSlowerSchedule() throws InterruptedException {
    server.stubFor(get(urlPathEqualTo("/api/v1/variants")).willReturn(okJson(Stubs.page("variants", true, Stubs.variant("c1_1", "MUG-1", "w1")))));
    stubOrders(2, "2026-12-01T09:00:00Z");
    PlannerSupply source = PlannerSupply.builder(client, EngineFixture.MAPPING, ReceiptPolicy.sellableOnReceipt(), ledger)
        .baseline(true).clock(clock).variantsEvery(Duration.ofMinutes(15)).fullEvery(Duration.ofHours(1)).build();

    try (EngineFixture fixture = new EngineFixture(10, 0)) {
      SupplyFlow flow = new SupplyFlow(source, fixture.engine);
      var first = flow.runOnce();
      stubOrders(5, "2026-12-01T10:00:30Z");
      clock.advance(Duration.ofMinutes(1));
      var second = flow.runOnce();
      clock.advance(Duration.ofMinutes(1));
      var third = flow.runOnce();
      fixture.drain();

      assertThat(first.note()).startsWith("full read, 1 received lines noted as the receipts baseline");
      assertThat(first.movements()).as("what was received before the first read is on the shelf").isZero();
      assertThat(second.movements()).as("3 more received since").isEqualTo(1);
      assertThat(third.movements()).as("nothing new: the same order read again books nothing").isZero();
      assertThat(second.updated()).as("the supply fields did not change").isZero();
      assertThat(fixture.onStock(EngineFixture.MUG)).as("10 + 3 received, less the variant's minimum stock of 5 held back").isEqualTo(8);
      assertThat(ledger.received("po-1", dev.stockbridge.mapping.VariantId.of("c1_1"))).isEqualTo(5);
    }
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v1/variants")));
    server.verify(exactly(3), getRequestedFor(urlPathEqualTo("/api/v1/purchase-orders")));
  }

  @Test
  void shouldReadTheCatalogueAgain_afterItsInterval_andEverythingAfterTheFullInterval() {
    server.stubFor(get(urlPathEqualTo("/api/v1/variants")).willReturn(okJson(Stubs.page("variants", true, Stubs.variant("c1_1", "MUG-1", "w1")))));
    stubOrders(2, "2026-12-01T09:00:00Z");
    PlannerSupply source = PlannerSupply.builder(client, EngineFixture.MAPPING, ReceiptPolicy.sellableOnReceipt(), ledger)
        .clock(clock).variantsEvery(Duration.ofMinutes(15)).fullEvery(Duration.ofHours(1)).build();

    SupplyReading first = source.read();
    source.commit(first);
    clock.advance(Duration.ofMinutes(16));
    SupplyReading second = source.read();
    source.commit(second);
    clock.advance(Duration.ofMinutes(45));
    SupplyReading third = source.read();

    assertThat(first.supply()).containsKey(EngineFixture.MUG);
    assertThat(second.note()).startsWith("1 purchase orders changed");
    assertThat(third.note()).startsWith("full read");
    assertThat(third.supply().get(EngineFixture.MUG).expectedDelivery()).as("the open order still gives the delivery date").isPresent();
    server.verify(exactly(3), getRequestedFor(urlPathEqualTo("/api/v1/variants")));
  }

  @Test
  void shouldBookAReceiptAgain_whenTheReadWasNotHandedOn() {
    server.stubFor(get(urlPathEqualTo("/api/v1/variants")).willReturn(okJson(Stubs.page("variants", true))));
    stubOrders(4, "2026-12-01T09:00:00Z");
    PlannerSupply source = PlannerSupply.builder(client, EngineFixture.MAPPING, ReceiptPolicy.sellableOnReceipt(), ledger).clock(clock).build();

    SupplyReading lost = source.read(); // the process dies before the engine took it: no commit
    PlannerSupply restarted = PlannerSupply.builder(client, EngineFixture.MAPPING, ReceiptPolicy.sellableOnReceipt(), ledger).clock(clock).build();
    SupplyReading again = restarted.read();

    assertThat(lost.movements()).hasSize(1);
    assertThat(again.movements()).as("nothing was recorded, so the same receipt (same key) comes again").isEqualTo(lost.movements());
  }
}
