package dev.stockbridge.planner;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.flow.StockCount;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.reconcile.SourceStock;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.InventoryState;
import dev.stockbridge.state.StatusMapping;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The planner's stock positions through the status mapping: status warehouses, and unknown statuses never sellable. */
class PlannerStockCountTest {

  private static final Location LONDON = Location.of("london-dc");
  private static final StockKey MUG = new StockKey(Sku.of("MUG-1"), LONDON);

  private final WireMockServer server = Stubs.server();
  private final PlannerClient client = PlannerClient.create(Stubs.config(server, new FakeTicker()).build());
  private final CatalogueMapping mapping = CatalogueMapping.builder()
      .channel(SupplyChannel.of("london-dc"), LONDON).warehouse(LONDON, WarehouseId.of("w1"))
      .sku(Sku.of("MUG-1"), VariantId.of("c1_1")).build();
  private final List<StockException> raised = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  @AfterEach
  void stop() {
    server.stop();
  }

  /** MUG-1 with 12 in w1 (mapped), 4 in w-qc and 3 in w-bstock. */
  private void stubVariant() {
    String variant = """
        {"id": "c1_1", "sku": "MUG-1", "title": "Mug", "removed": false, "cost_price": 3.25,
         "warehouse": [{"warehouse": "w1", "in_stock": 12}, {"warehouse": "w-qc", "in_stock": 4},
                       {"warehouse": "w-bstock", "in_stock": 3}]}
        """;
    server.stubFor(get(urlPathEqualTo("/api/v1/variants")).willReturn(okJson(Stubs.page("variants", true, variant))));
  }

  private SourceStock mug(StockCount count) {
    return count.counted().stream().filter(row -> row.key().equals(MUG)).findFirst().orElseThrow();
  }

  @Test
  void shouldCountAMappedWarehouseAsAvailable_whenNoStatusWarehouseIsConfigured() {
    stubVariant();

    StockCount count = PlannerStockCount.builder(client, mapping).clock(clock).build().read();

    assertThat(count.counted()).hasSize(1);
    assertThat(mug(count).expected()).isEqualTo(12);
    assertThat(mug(count).position().quantity(InventoryState.AVAILABLE)).isEqualTo(12);
    assertThat(count.items()).hasSize(3);
  }

  @Test
  void shouldHoldAStatusWarehouseInItsState_whenItsStatusIsMapped() {
    stubVariant();

    StockCount count = PlannerStockCount.builder(client, mapping).clock(clock)
        .statusWarehouse(WarehouseId.of("w-qc"), LONDON, "QC").build().read();

    assertThat(mug(count).expected()).as("only sellable stock is expected on the storefront").isEqualTo(12);
    assertThat(mug(count).position().quantity(InventoryState.INSPECTION)).isEqualTo(4);
    assertThat(mug(count).position().onHand()).isEqualTo(16);
  }

  @Test
  void shouldRaiseAnExceptionNamingStatusAndSkuAndNeverCountItSellable_whenTheStatusIsUnknown() {
    stubVariant();

    StockCount count = PlannerStockCount.builder(client, mapping).clock(clock)
        .statusWarehouse(WarehouseId.of("w-qc"), LONDON, "qc")
        .statusWarehouse(WarehouseId.of("w-bstock"), LONDON, "B-stock")
        .exceptions(raised::add).build().read();

    assertThat(mug(count).expected()).isEqualTo(12);
    assertThat(mug(count).position().sellable()).isEqualTo(12);
    assertThat(mug(count).position().onHand()).as("the 3 B-stock units are in no state").isEqualTo(16);
    assertThat(raised).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(PlannerStockCount.UNKNOWN_STATUS);
      assertThat(e.key()).isEqualTo(MUG);
      assertThat(e.message()).contains("\"B-stock\"").contains("MUG-1").contains("3 units");
    });
  }

  @Test
  void shouldCountTheStatusAsItsMappedState_whenTheHostMapsIt() {
    stubVariant();
    StatusMapping statuses = StatusMapping.builder(dev.stockbridge.StateModel.standard())
        .map("B-stock", InventoryState.DAMAGED).build();

    StockCount count = PlannerStockCount.builder(client, mapping).clock(clock).statuses(statuses)
        .statusWarehouse(WarehouseId.of("w-bstock"), LONDON, "b-stock").exceptions(raised::add).build().read();

    assertThat(mug(count).position().quantity(InventoryState.DAMAGED)).isEqualTo(3);
    assertThat(mug(count).expected()).isEqualTo(12);
    assertThat(raised).isEmpty();
  }

  @Test
  void shouldRefuseAStatusWarehouse_whenTheMappingMapsItAlready() {
    assertThatThrownBy(() -> PlannerStockCount.builder(client, mapping).statusWarehouse(WarehouseId.of("w1"), LONDON, "qc"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("w1");
  }
}
