package dev.stockbridge.commercetools;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.inventory.InventoryEntryDraft;
import dev.stockbridge.Location;
import dev.stockbridge.Position;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.flow.ReconcileCycle;
import dev.stockbridge.flow.ReconcileFlow;
import dev.stockbridge.flow.StockCount;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.reconcile.Differ;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.DiscrepancyKind;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.reconcile.Owner;
import dev.stockbridge.reconcile.PlannerItem;
import dev.stockbridge.reconcile.Reconciler;
import dev.stockbridge.reconcile.SourceStock;
import dev.stockbridge.InventoryState;
import dev.stockbridge.testkit.CommercetoolsMock;
import dev.stockbridge.testkit.CommercetoolsMockExtension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconciliation against entries on the commercetools mock: an entry someone left with {@code
 * restockableInDays} where the policy allows no backorders is a finding with owner and action, in
 * the run and in the reports.
 */
@ExtendWith(CommercetoolsMockExtension.class)
class ReconcileOnMockTest {

  private static final Location DC = Location.of("rc-dc");
  private static final WarehouseId WH = WarehouseId.of("wh-rc");
  private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

  private static CommercetoolsConnector connector;

  @TempDir Path reports;

  @BeforeAll
  static void connect(CommercetoolsMock mock) {
    connector = CommercetoolsConnector.connect(MockConfig.of(mock).build());
    new MockProject(connector).ensureChannels(DC.key());
  }

  @AfterAll
  static void close() {
    connector.close();
  }

  private static void entry(String sku, long quantity, Integer restockableInDays) {
    connector.api().inventory().post(InventoryEntryDraft.builder()
            .sku(sku)
            .supplyChannel(ChannelResourceIdentifier.builder().id(connector.channels().id(DC.key())).build())
            .quantityOnStock(quantity)
            .restockableInDays(restockableInDays == null ? null : Long.valueOf(restockableInDays))
            .build())
        .executeBlocking();
  }

  private ReconcileCycle reconcile(List<String> skus, StorefrontPolicy policy) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    CatalogueMapping.Builder mapping = CatalogueMapping.builder().channel(SupplyChannel.of(DC.key()), DC).warehouse(DC, WH);
    skus.forEach(sku -> mapping.sku(Sku.of(sku), VariantId.of("v-" + sku)));
    CatalogueMapping map = mapping.build();
    List<PlannerItem> items = skus.stream()
        .map(sku -> new PlannerItem(VariantId.of("v-" + sku), WH, 10, 0, OptionalInt.of(14), Optional.of(BigDecimal.ONE))).toList();
    List<SourceStock> counted = skus.stream()
        .map(sku -> SourceStock.of(Position.empty(new StockKey(Sku.of(sku), DC)).plus(InventoryState.AVAILABLE, 10), NOW)).toList();
    Reconciler reconciler = Reconciler.builder()
        .differ(Differ.builder().clock(clock).policy(policy).build())
        .tracker(ExceptionTracker.inMemory(clock))
        .alerts(alert -> { })
        .clock(clock)
        .build();
    return ReconcileFlow.builder()
        .stock(() -> new StockCount(items, counted))
        .storefrontSkus(() -> Set.copyOf(skus.stream().map(Sku::of).toList()))
        .storefront(connector.storefrontStockWithRetries(LocationChannels.sameKeys()))
        .mapping(map)
        .reconciler(reconciler)
        .reports(reports, ZoneOffset.UTC)
        .clock(clock)
        .build()
        .runOnce();
  }

  @Test
  void shouldReportTheStrayBackorderSwitchWithOwnerAndAction_whenAnEntryHasRestockableDaysWithoutThePolicy() throws Exception {
    entry("RC-STRAY", 10, 0);
    entry("RC-CLEAN", 10, null);

    ReconcileCycle cycle = reconcile(List.of("RC-CLEAN", "RC-STRAY"), StorefrontPolicy.showAll());

    assertThat(cycle.result().discrepancies()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.BACKORDERS_WITHOUT_POLICY);
      assertThat(d.subject()).isEqualTo("RC-STRAY@rc-dc");
      assertThat(d.owner()).isEqualTo(Owner.ECOMMERCE);
      assertThat(d.action()).contains("setRestockableInDays");
      assertThat(d.detail()).contains("restockableInDays 0");
    });
    assertThat(cycle.result().stats().keysInAgreement()).isEqualTo(1);
    assertThat(Files.readString(reports.resolve("reconciliation.csv")))
        .contains("BACKORDERS_WITHOUT_POLICY\",RC-STRAY@rc-dc,RC-STRAY,rc-dc,ECOMMERCE,");
    assertThat(Files.readString(reports.resolve("reconciliation.html"))).contains(">BACKORDERS_WITHOUT_POLICY<");
  }

  @Test
  void shouldFindNoOpenReservations_whenNoCartReservesStock() {
    entry("RC-QUIET", 4, null);

    assertThat(connector.reservations(LocationChannels.sameKeys()).open(List.of(new StockKey(Sku.of("RC-QUIET"), DC)))).isEmpty();
  }

  @Test
  void shouldAcceptRestockableDays_whenThePolicyAllowsBackordersForTheSku() {
    entry("RC-ALLOWED", 10, 5);

    ReconcileCycle cycle = reconcile(List.of("RC-ALLOWED"),
        StorefrontPolicy.builder().backorders(new StockKey(Sku.of("RC-ALLOWED"), DC)).build());

    assertThat(cycle.result().discrepancies()).extracting(Discrepancy::kind).isEmpty();
  }
}
