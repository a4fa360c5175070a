package dev.stockbridge.engine;

import dev.stockbridge.queue.Lane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Channel;
import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.SharedPools;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.AtsControls;
import dev.stockbridge.ats.AtsPolicy;
import dev.stockbridge.ats.Buffer;
import dev.stockbridge.ats.HeldBack;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.Supply;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What storefront entries hold back: minimum stock, channel buffers, backorders, bundles. */
class HoldbackTest {

  private static final Location DC = Location.of("dc");
  private static final Location WEB = Location.of("web");
  private static final Location MARKET = Location.of("market");
  private static final Sku TEE = Sku.of("TEE");
  private static final Sku CAP = Sku.of("CAP");
  private static final Sku KIT = Sku.of("KIT");
  private static final StockKey TEE_DC = new StockKey(TEE, DC);

  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final InMemoryJournal journal = new InMemoryJournal();
  private final CollectingExceptionStore exceptions = new CollectingExceptionStore();
  private StockEngine engine;
  private int receipts;

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.stop();
    }
  }

  private StockEngineBuilder defaults() {
    return StockEngine.builder()
        .storefront(storefront)
        .journal(journal)
        .exceptionStore(exceptions)
        .batchWindow(Lane.ADJUSTMENT, Duration.ZERO)
        .batchWindow(Lane.BULK, Duration.ZERO)
        .retry(Duration.ofMillis(1), Duration.ofMillis(5), -1)
        .consistencyLag(Duration.ZERO);
  }

  private StockEngine start(StockEngineBuilder builder) {
    engine = builder.build();
    engine.start();
    return engine;
  }

  private void drain() throws InterruptedException {
    assertThat(engine.drain(Duration.ofSeconds(10))).as("drained").isTrue();
  }

  private Movement receipt(StockKey key, long quantity) {
    String id = "PO-" + ++receipts;
    return Movement.of(MovementKind.RECEIPT, key.sku(), key.location(), quantity, id, IdempotencyKeys.of(MovementKind.RECEIPT, id));
  }

  private Movement sale(StockKey key, long quantity) {
    String id = "sale-" + ++receipts;
    return Movement.of(MovementKind.ORDER, key.sku(), key.location(), -quantity, id, IdempotencyKeys.orderLine(id, "1"));
  }

  private List<Long> holdbackQuantities() {
    List<Long> quantities = new ArrayList<>();
    journal.replay(
        new MovementJournal.Visitor() {
          @Override
          public void accepted(Movement movement) {
            if (movement.holdback()) {
              quantities.add(movement.quantity());
            }
          }

          @Override
          public void applied(StockKey key, long sequence) {}
        });
    return quantities;
  }

  private long shown(StockKey key) {
    return storefront.entry(key).quantityOnStock();
  }

  @Test
  void minimumStock_isHeldBack_asARelativeChange() throws Exception {
    storefront.create(TEE_DC, 20);
    start(defaults());

    SubmitResult result = engine.changeMinimumStock(TEE_DC, 5, "planner-run-1");
    drain();

    assertThat(result.accepted()).isEqualTo(1);
    assertThat(shown(TEE_DC)).isEqualTo(15);
    assertThat(storefront.entry(TEE_DC).heldBack()).isEqualTo(5);
    HeldBack held = engine.heldBack(TEE_DC).orElseThrow();
    assertThat(held.sellable()).isEqualTo(20);
    assertThat(held.reasons()).containsExactly(java.util.Map.entry("safety", 5L));
    assertThat(holdbackQuantities()).containsExactly(5L);
  }

  @Test
  void minimumStock_setAgainToTheSameValue_changesNothing() throws Exception {
    storefront.create(TEE_DC, 20);
    start(defaults());
    engine.changeMinimumStock(TEE_DC, 5, "run-1");
    SubmitResult again = engine.changeMinimumStock(TEE_DC, 5, "run-2");
    drain();

    assertThat(again.accepted()).isZero();
    assertThat(shown(TEE_DC)).isEqualTo(15);
  }

  @Test
  void belowTheHoldback_showsZero_andComesBackAsStockArrives() throws Exception {
    storefront.create(TEE_DC, 8);
    start(defaults());

    engine.changeMinimumStock(TEE_DC, 10, "run-1");
    drain();
    assertThat(shown(TEE_DC)).as("sellable 8 below the minimum stock 10").isZero();
    assertThat(storefront.entry(TEE_DC).heldBack()).isEqualTo(8);

    engine.submit(receipt(TEE_DC, 2));
    drain();
    assertThat(shown(TEE_DC)).as("sellable 10 at the minimum stock").isZero();

    engine.submit(receipt(TEE_DC, 3));
    drain();
    assertThat(shown(TEE_DC)).as("sellable 13 above it").isEqualTo(3);

    engine.submit(sale(TEE_DC, 4));
    drain();
    assertThat(shown(TEE_DC)).as("sellable 9 below it again").isZero();
    assertThat(storefront.entry(TEE_DC).sellable()).isEqualTo(9);

    engine.changeMinimumStock(TEE_DC, 4, "run-2");
    drain();
    assertThat(shown(TEE_DC)).as("minimum stock lowered to 4").isEqualTo(5);
  }

  @Test
  void storefrontSaleBelowTheHoldback_showsZero_notNegative() throws Exception {
    storefront.create(TEE_DC, 12);
    start(defaults());
    engine.changeMinimumStock(TEE_DC, 10, "run-1");
    drain();
    assertThat(shown(TEE_DC)).isEqualTo(2);

    storefront.sell(TEE_DC, 3); // TrackOnly: the storefront takes it itself
    engine.submit(new OrderEvent.Placed("o1", List.of(new OrderLine("l1", TEE, 3, DC, Optional.empty(), InventoryMode.TRACK_ONLY))));
    drain();

    assertThat(shown(TEE_DC)).isZero();
    assertThat(storefront.entry(TEE_DC).heldBack()).isEqualTo(9);
  }

  @Test
  void restockableInDays_isDropped_withoutTheBackorderPolicy() throws Exception {
    StockKey allowed = new StockKey(CAP, DC);
    storefront.create(TEE_DC, 5);
    storefront.create(allowed, 5);
    start(defaults().policy(StorefrontPolicy.builder().backorders(allowed).build()));
    Instant delivery = Instant.parse("2026-09-01T00:00:00Z");
    Supply supply = new Supply(Optional.of(delivery), OptionalInt.of(3), OptionalLong.of(2));

    engine.setSupply(TEE_DC, supply);
    engine.setSupply(allowed, supply);
    drain();

    Supply written = storefront.entry(TEE_DC).supply();
    assertThat(written.restockableInDays()).isEmpty();
    assertThat(written.expectedDelivery()).contains(delivery);
    assertThat(storefront.entry(allowed).supply().restockableInDays()).hasValue(3);
    assertThat(shown(TEE_DC)).as("the platform's safety stock holds nothing back").isEqualTo(5);
  }

  @Test
  void sharedPool_eachChannelShowsThePoolLessItsOwnBuffer() throws Exception {
    StockKey web = new StockKey(TEE, WEB);
    StockKey market = new StockKey(TEE, MARKET);
    storefront.create(web, 0);
    storefront.create(market, 0);
    AtsPolicy ats = AtsPolicy.builder().channel(Channel.of("market"), AtsControls.none().withBuffer(Buffer.percent(10))).build();
    start(defaults().sharedPools(SharedPools.of(List.of(List.of(WEB, MARKET)))).policy(StorefrontPolicy.builder().ats(ats).build()));

    engine.submit(receipt(web, 50));
    drain();

    assertThat(shown(web)).isEqualTo(50);
    assertThat(shown(market)).isEqualTo(45);

    engine.submit(sale(market, 20));
    drain();
    assertThat(shown(web)).isEqualTo(30);
    assertThat(shown(market)).isEqualTo(27);
  }

  @Test
  void policyChange_isJournaled_andAppliedAgainstTheStockAtTheWrite() throws Exception {
    storefront.create(TEE_DC, 40);
    start(defaults());
    engine.submit(receipt(TEE_DC, 10));
    drain();

    AtsPolicy cap = AtsPolicy.builder().channel(Channel.of("dc"), AtsControls.none().withCap(30)).build();
    engine.changePolicy(StorefrontPolicy.builder().ats(cap).build(), List.of(TEE_DC), "cap-30");
    drain();
    assertThat(shown(TEE_DC)).isEqualTo(30);
    assertThat(engine.heldBack(TEE_DC).orElseThrow().reasons()).containsEntry("cap", 20L);

    engine.changePolicy(StorefrontPolicy.showAll(), List.of(TEE_DC), "no-cap");
    drain();
    assertThat(shown(TEE_DC)).isEqualTo(50);
    assertThat(holdbackQuantities()).containsExactly(20L, -20L);
  }

  @Test
  void bundle_isShownFromItsComponentsShownStock() throws Exception {
    BundleCatalogue bundles = BundleCatalogue.builder().component(KIT, TEE, 1).component(KIT, CAP, 2).build();
    StockKey cap = new StockKey(CAP, DC);
    StockKey kit = new StockKey(KIT, DC);
    storefront.create(TEE_DC, 10);
    storefront.create(cap, 30);
    storefront.create(kit, 0);
    start(defaults().bundles(bundles));

    engine.changeMinimumStock(TEE_DC, 4, "run-1");
    drain();

    assertThat(shown(TEE_DC)).isEqualTo(6);
    assertThat(shown(kit)).as("min(6 / 1, 30 / 2)").isEqualTo(6);
  }

  @Test
  void bundleWithoutAnEntry_isAnExceptionNamingBundleAndLocation() throws Exception {
    BundleCatalogue bundles = BundleCatalogue.builder().component(KIT, TEE, 1).build();
    storefront.create(TEE_DC, 10);
    start(defaults().bundles(bundles));

    engine.submit(receipt(TEE_DC, 1));
    drain();

    assertThat(exceptions.raised()).anySatisfy(e -> {
      assertThat(e.code()).isEqualTo("BUNDLE_ENTRY_MISSING");
      assertThat(e.key()).isEqualTo(new StockKey(KIT, DC));
      assertThat(e.message()).contains("KIT").contains("dc");
    });
  }

  @Test
  void drain_waitsForTheReDerivationScheduledAfterTheConsistencyLag() throws Exception {
    BundleCatalogue bundles = BundleCatalogue.builder().component(KIT, TEE, 1).build();
    StockKey kit = new StockKey(KIT, DC);
    storefront.create(TEE_DC, 10);
    storefront.create(kit, 10);
    start(defaults().bundles(bundles).consistencyLag(Duration.ofMillis(300)));

    engine.submit(new OrderEvent.Placed("o1", List.of(new OrderLine("l1", TEE, 1, DC, Optional.empty(), InventoryMode.TRACK_ONLY))));
    // the storefront's own decrement shows only after the first re-derivation
    storefront.sell(TEE_DC, 1);
    assertThat(engine.drainAll(Duration.ofSeconds(10))).isTrue();

    assertThat(engine.pendingDerivations()).isZero();
    assertThat(shown(kit)).isEqualTo(9);
  }
}
