package dev.stockbridge.engine;

import dev.stockbridge.queue.Lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.SharedPools;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.order.ReturnDisposition;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.spi.Supply;
import dev.stockbridge.storefront.InMemoryStorefront;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.testing.Eventually;
import dev.stockbridge.simulation.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StockEngineTest {

  private static final Location DC = Location.of("dc");
  private static final Sku TEE = Sku.of("TEE");
  private static final Sku CAP = Sku.of("CAP");
  private static final Sku KIT = Sku.of("KIT");
  private static final BundleCatalogue BUNDLES =
      BundleCatalogue.builder().component(KIT, TEE, 1).component(KIT, CAP, 2).build();

  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final InMemoryJournal journal = new InMemoryJournal();
  private final CollectingExceptionStore exceptions = new CollectingExceptionStore();
  private StockEngine engine;

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.stop();
    }
  }

  private StockEngine start(StockEngineBuilder builder) {
    engine = builder.build();
    engine.start();
    return engine;
  }

  private StockEngineBuilder defaults(StorefrontStock storefront) {
    return StockEngine.builder()
        .storefront(storefront)
        .journal(journal)
        .bundles(BUNDLES)
        .exceptionStore(exceptions)
        .batchWindow(Lane.ADJUSTMENT, Duration.ZERO)
        .batchWindow(Lane.BULK, Duration.ZERO)
        .retry(Duration.ofMillis(1), Duration.ofMillis(5), -1)
        .consistencyLag(Duration.ZERO)
        // written when a bundle without an entry was skipped silently, and restockable days were
        // written everywhere: both are now opt-in
        .raiseMissingBundleEntries(false)
        .policy(StorefrontPolicy.builder().backorders(DC).build());
  }

  /** The in-memory storefront with a hook before every read and before every update. */
  private StorefrontStock intercepted(Runnable beforeRead, java.util.function.Consumer<StockEntry> beforeUpdate) {
    return new StorefrontStock() {
      @Override
      public Map<StockKey, StockEntry> read(Collection<StockKey> keys) {
        beforeRead.run();
        return storefront.read(keys);
      }

      @Override
      public StockEntry update(StockEntry read, EntryUpdate update) {
        beforeUpdate.accept(read);
        return storefront.update(read, update);
      }
    };
  }

  private long stock(Sku sku) {
    return storefront.entry(new StockKey(sku, DC)).quantityOnStock();
  }

  private static OrderEvent.Placed order(String id, Sku sku, long quantity, InventoryMode mode) {
    return new OrderEvent.Placed(id, List.of(new OrderLine("l1", sku, quantity, DC, Optional.empty(), mode)));
  }

  private void drain() throws InterruptedException {
    assertThat(engine.drain(Duration.ofSeconds(30))).as("drained").isTrue();
  }

  @Test
  void shouldDecrementOnce_whenTheSameOrderLineArrivesTwice() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    start(defaults(storefront));

    SubmitResult first = engine.submit(order("o1", TEE, 3, InventoryMode.NONE));
    SubmitResult again = engine.submit(order("o1", TEE, 3, InventoryMode.NONE));
    drain();

    assertThat(first).isEqualTo(new SubmitResult(1, 0));
    assertThat(again).isEqualTo(new SubmitResult(0, 1));
    assertThat(stock(TEE)).isEqualTo(7);
    assertThat(storefront.entry(new StockKey(TEE, DC)).appliedSequence()).isEqualTo(1);
  }

  @Test
  void shouldNotDecrementTwice_whenTheStorefrontTracksTheLine() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    start(defaults(storefront));

    storefront.sell(new StockKey(TEE, DC), 2); // commercetools did this for the TrackOnly order
    SubmitResult result = engine.submit(order("o1", TEE, 2, InventoryMode.TRACK_ONLY));
    drain();

    assertThat(result.accepted()).isZero();
    assertThat(stock(TEE)).isEqualTo(8);
  }

  @Test
  void shouldDecrementComponentsAndRecomputeBundle_whenABundleSells() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    storefront.create(new StockKey(CAP, DC), 10);
    storefront.create(new StockKey(KIT, DC), 5);
    start(defaults(storefront));

    storefront.sell(new StockKey(KIT, DC), 1); // TrackOnly: the storefront only touches the bundle
    engine.submit(order("o1", KIT, 1, InventoryMode.TRACK_ONLY));
    engine.submit(order("o2", KIT, 2, InventoryMode.NONE));
    drain();

    assertThat(stock(TEE)).isEqualTo(7);
    assertThat(stock(CAP)).isEqualTo(4);
    assertThat(stock(KIT)).as("min(7/1, 4/2)").isEqualTo(2);
  }

  /** Regression: a batch whose movements cancel out wrote nothing and left a bundle stale. */
  @Test
  void shouldRecomputeBundle_evenWhenAComponentBatchSumsToZero() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    storefront.create(new StockKey(CAP, DC), 20);
    storefront.create(new StockKey(KIT, DC), 10);
    start(defaults(storefront));

    storefront.sell(new StockKey(KIT, DC), 1); // a TrackOnly kit sale, then its cancellation
    engine.submit(
        List.of(
            Movement.of(MovementKind.ORDER, KIT, DC, -1, "order o1", "order/o1/l1"),
            Movement.of(MovementKind.CANCELLATION, KIT, DC, 1, "cancellation o1", "cancellation/order/o1/l1")));
    drain();

    assertThat(stock(TEE)).isEqualTo(10);
    assertThat(stock(KIT)).as("min(10/1, 20/2)").isEqualTo(10);
  }

  /** Regression: the storefront's own decrement of a component left the bundles built on it stale. */
  @Test
  void shouldRecomputeBundle_whenTheStorefrontItselfSellsAComponent() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    storefront.create(new StockKey(CAP, DC), 40);
    storefront.create(new StockKey(KIT, DC), 10);
    start(defaults(storefront));

    storefront.sell(new StockKey(TEE, DC), 3); // TrackOnly: the storefront took the T-shirts itself
    SubmitResult result = engine.submit(order("o1", TEE, 3, InventoryMode.TRACK_ONLY));
    drain();

    assertThat(result.accepted()).isZero();
    assertThat(stock(KIT)).as("min(7/1, 40/2)").isEqualTo(7);
  }

  @Test
  void shouldDeriveBundleAgain_whenTheStorefrontShowsItsOwnDecrementLate() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    storefront.create(new StockKey(CAP, DC), 20);
    storefront.create(new StockKey(KIT, DC), 10);
    start(defaults(storefront).consistencyLag(Duration.ofSeconds(2)));

    engine.submit(order("o1", KIT, 1, InventoryMode.TRACK_ONLY));
    drain();
    assertThat(stock(KIT)).isEqualTo(9);
    storefront.sell(new StockKey(KIT, DC), 1); // commercetools shows the order's own decrement late

    Eventually.await("the kit derived again after the lag", () -> stock(KIT) == 9);
    assertThat(stock(TEE)).isEqualTo(9);
  }

  /**
   * Regression (FlashSaleSimulationTest, B2@dc-2 one above): a redelivery of a TrackOnly order
   * overtook the delivery that followed the storefront's own decrement. The bundles were derived at
   * the first delivery, before the decrement showed; the later one was a re-read to the order
   * ledger and derived nothing, so the kit stayed one high until the consistency lag.
   */
  @Test
  void shouldDeriveBundlesAgain_whenAReReadOfAStorefrontSaleFollowsItsDecrement() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    storefront.create(new StockKey(CAP, DC), 40);
    storefront.create(new StockKey(KIT, DC), 10);
    start(defaults(storefront).consistencyLag(Duration.ofHours(1))); // the lag's derivation never comes in this test

    engine.submit(order("o1", TEE, 1, InventoryMode.TRACK_ONLY)); // delivered before the decrement shows
    drain();
    assertThat(stock(KIT)).as("derived from what the storefront showed").isEqualTo(10);
    storefront.sell(new StockKey(TEE, DC), 1); // the storefront's own decrement lands
    SubmitResult again = engine.submit(order("o1", TEE, 1, InventoryMode.TRACK_ONLY));
    drain();

    assertThat(again).isEqualTo(new SubmitResult(0, 0));
    assertThat(stock(TEE)).isEqualTo(9);
    assertThat(stock(KIT)).as("min(9/1, 40/2), derived again at the re-read").isEqualTo(9);
    assertThat(engine.pendingDerivations()).as("the re-read schedules no second derivation after the lag").isEqualTo(1);
  }

  /** Regression: a raised batch was replayed after a restart, so it could apply and stay raised. */
  @Test
  void shouldSettleAFailedBatch_soThatARestartNeitherReappliesNorReraisesIt() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    start(defaults(storefront));
    engine.submit(order("o1", Sku.of("GHOST"), 1, InventoryMode.NONE));
    drain();
    engine.stop();

    storefront.create(StockKey.of("GHOST", "dc"), 5); // the entry appears later
    start(defaults(storefront));
    drain();

    assertThat(exceptions.raised()).hasSize(1);
    assertThat(exceptions.raised().get(0).message())
        .as("no entry, so no marker to check: the advice is to create the entry")
        .contains("create the inventory entry").doesNotContain("stockbridge-seq");
    assertThat(storefront.entry(StockKey.of("GHOST", "dc")).quantityOnStock())
        .as("the raised movement waits for a person, it is not applied behind their back")
        .isEqualTo(5);
  }

  @Test
  void shouldRestockOnlyAfterInspection_andOnCancellation() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    start(defaults(storefront));
    OrderLine line = OrderLine.of("l1", TEE, 2, DC);
    engine.submit(new OrderEvent.Placed("o1", List.of(line)));
    drain();
    assertThat(stock(TEE)).isEqualTo(8);

    engine.submit(new OrderEvent.Returned("o1", "r1", OrderLine.of("l1", TEE, 1, DC), ReturnDisposition.IN_INSPECTION));
    engine.submit(new OrderEvent.Returned("o1", "r2", OrderLine.of("l1", TEE, 1, DC), ReturnDisposition.DAMAGED));
    drain();
    assertThat(stock(TEE)).as("nothing sellable yet").isEqualTo(8);

    engine.submit(new OrderEvent.Returned("o1", "r1", OrderLine.of("l1", TEE, 1, DC), ReturnDisposition.RESELLABLE));
    engine.submit(new OrderEvent.Returned("o1", "r1", OrderLine.of("l1", TEE, 1, DC), ReturnDisposition.RESELLABLE));
    engine.submit(new OrderEvent.Cancelled("o2", List.of(OrderLine.of("l9", TEE, 4, DC))));
    drain();
    // o2 was never placed: its cancellation is parked by the order ledger, not restocked (it was, before the ledger)
    assertThat(stock(TEE)).isEqualTo(9);
  }

  @Test
  void shouldRaiseExceptionWithMovements_whenEntryIsMissing_andKeepServingOtherKeys() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    start(defaults(storefront));

    engine.submit(order("o1", Sku.of("GHOST"), 1, InventoryMode.NONE));
    engine.submit(order("o2", TEE, 1, InventoryMode.NONE));
    drain();

    assertThat(stock(TEE)).isEqualTo(9);
    assertThat(exceptions.raised())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo("ENTRY_NOT_FOUND");
              assertThat(e.key()).isEqualTo(StockKey.of("GHOST", "dc"));
              assertThat(e.movements()).extracting(Movement::idempotencyKey).containsExactly("order/o1/l1");
            });
    assertThat(engine.health().failed()).isEqualTo(1);
  }

  @Test
  void shouldAdviseCheckingTheMarker_whenRetriesRunOutOnAnEntryThatExists() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    StorefrontStock down = intercepted(() -> {}, read -> {
      throw new dev.stockbridge.spi.TransientStorefrontException("injected 503", null, null);
    });
    start(defaults(down).retry(Duration.ofMillis(1), Duration.ofMillis(2), 2));

    engine.submit(order("o1", TEE, 1, InventoryMode.NONE));
    drain();

    assertThat(exceptions.raised()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo("RETRIES_EXHAUSTED");
      assertThat(e.message()).contains("check the entry's stockbridge-seq marker");
    });
  }

  @Test
  void shouldRetryAtAFixedDelay_whenTheFirstAndLongestBackoffAreTheSame() throws Exception {
    StockKey tee = new StockKey(TEE, DC);
    storefront.create(tee, 10);
    java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
    StorefrontStock twice = intercepted(() -> {}, read -> {
      if (failures.getAndIncrement() < 2) {
        throw new dev.stockbridge.spi.TransientStorefrontException("injected 503", null, null);
      }
    });
    start(defaults(twice).retry(Duration.ofMillis(2), Duration.ofMillis(2), -1));

    engine.submit(order("o1", TEE, 1, InventoryMode.NONE));
    drain();

    assertThat(storefront.entry(tee).quantityOnStock()).isEqualTo(9);
    assertThat(exceptions.raised()).isEmpty();
  }

  @Test
  void shouldRetryTransientFailuresAndConflicts_untilApplied() throws Exception {
    StockKey tee = new StockKey(TEE, DC);
    storefront.create(tee, 1000);
    // Every write fails twice (a 503, then a competing write), so each batch needs two retries.
    java.util.concurrent.atomic.AtomicInteger attempt = new java.util.concurrent.atomic.AtomicInteger();
    StorefrontStock flaky =
        intercepted(
            () -> {},
            read -> {
              switch (attempt.getAndIncrement() % 3) {
                case 0 -> throw new dev.stockbridge.spi.TransientStorefrontException("injected 503", null, null);
                case 1 -> storefront.change(read.key(), 0);
                default -> { }
              }
            });
    start(defaults(flaky));

    for (int i = 0; i < 200; i++) {
      engine.submit(order("o" + i, TEE, 1, InventoryMode.NONE));
    }
    drain();

    assertThat(stock(TEE)).isEqualTo(800);
    assertThat(engine.health().retries()).isGreaterThanOrEqualTo(2);
    assertThat(engine.health().conflicts()).isPositive();
    assertThat(exceptions.raised()).isEmpty();
  }

  @Test
  void shouldPauseAdjustmentsInPeakWindow_butNeverOrders() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    storefront.create(new StockKey(CAP, DC), 10);
    // Friday 2026-11-27 19:00 in London is inside the window.
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T19:00:00Z"));
    start(defaults(storefront).clock(clock).peakWindow(PeakWindow.parse("Fri 18:00-22:00 Europe/London")));

    engine.submit(Movement.of(MovementKind.RECEIPT, CAP, DC, 5, "PO-1", IdempotencyKeys.of(MovementKind.RECEIPT, "PO-1/1")));
    engine.submit(order("o1", TEE, 1, InventoryMode.NONE));
    Eventually.await("the order to apply", () -> stock(TEE) == 9);

    assertThat(stock(CAP)).as("receipt held during peak").isEqualTo(10);
    assertThat(engine.health().lanes().get(Lane.ADJUSTMENT).waitingKeys()).isEqualTo(1);

    clock.advance(Duration.ofHours(3));
    drain();
    assertThat(stock(CAP)).isEqualTo(15);
  }

  @Test
  void shouldDeferARetryThatWouldRunIntoAPeakWindow_untilTheWindowCloses() throws Exception {
    storefront.create(new StockKey(CAP, DC), 10);
    // Friday 17:59:30 in London, just before the window.
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T17:59:30Z"));
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
    StorefrontStock flaky =
        intercepted(
            () -> {},
            read -> {
              writes.incrementAndGet();
              if (down.get()) {
                clock.advance(Duration.ofMinutes(1)); // by the time it fails, the peak has begun
                throw new dev.stockbridge.spi.TransientStorefrontException("injected 503", null, null);
              }
            });
    start(defaults(flaky).clock(clock).peakWindow(PeakWindow.parse("Fri 18:00-22:00 Europe/London")));

    engine.submit(Movement.of(MovementKind.RECEIPT, CAP, DC, 5, "PO-9", IdempotencyKeys.of(MovementKind.RECEIPT, "PO-9/1")));
    Eventually.await("the retry to be put back in the paused lane",
        () -> writes.get() == 1 && engine.health().lanes().get(Lane.ADJUSTMENT).waitingKeys() == 1);
    down.set(false);

    assertThat(writes.get()).as("no write tried inside the window").isEqualTo(1);
    assertThat(stock(CAP)).isEqualTo(10);
    clock.advance(Duration.ofHours(5));
    drain();
    assertThat(stock(CAP)).isEqualTo(15);
    assertThat(exceptions.raised()).isEmpty();
  }

  @Test
  void shouldRefuseSubmission_whenQueueStaysFull_withoutJournalingIt() throws Exception {
    storefront.create(new StockKey(TEE, DC), 10);
    CountDownLatch release = new CountDownLatch(1);
    StorefrontStock blocked =
        intercepted(
            () -> {
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            read -> {});
    start(defaults(blocked).capacity(2, Duration.ofMillis(50)));

    engine.submit(order("o1", TEE, 1, InventoryMode.NONE));
    Eventually.await("o1 in flight", () -> engine.health().lanes().get(Lane.ORDER).waitingKeys() == 0);
    engine.submit(order("o2", TEE, 1, InventoryMode.NONE));
    engine.submit(order("o3", TEE, 1, InventoryMode.NONE));
    assertThatThrownBy(() -> engine.submit(order("o4", TEE, 1, InventoryMode.NONE)))
        .isInstanceOf(BackpressureException.class)
        .hasMessageContaining("capacity 2");
    assertThat(engine.unapplied(new StockKey(TEE, DC)))
        .as("o1 in flight, o2 and o3 waiting")
        .extracting(Movement::idempotencyKey)
        .containsExactly("order/o1/l1", "order/o2/l1", "order/o3/l1");

    release.countDown();
    drain();
    assertThat(stock(TEE)).isEqualTo(7);
    assertThat(engine.unapplied(new StockKey(TEE, DC))).isEmpty();
    assertThat(engine.submit(order("o4", TEE, 1, InventoryMode.NONE)).accepted()).as("o4 was never accepted").isEqualTo(1);
  }

  @Test
  void shouldWriteSupplyFields_withTheKeysNextUpdate() throws Exception {
    StockKey tee = new StockKey(TEE, DC);
    storefront.create(tee, 10);
    start(defaults(storefront));
    Supply first = new Supply(Optional.of(Instant.parse("2026-12-01T00:00:00Z")), OptionalInt.of(7), OptionalLong.of(2));
    Supply latest = new Supply(Optional.of(Instant.parse("2026-12-03T00:00:00Z")), OptionalInt.of(5), OptionalLong.empty());

    engine.setSupply(tee, first);
    engine.setSupply(tee, latest);
    engine.submit(order("o1", TEE, 1, InventoryMode.NONE));
    drain();

    assertThat(storefront.entry(tee).supply()).isEqualTo(latest);
    assertThat(storefront.entry(tee).quantityOnStock()).isEqualTo(9);
  }

  @Test
  void shouldKeepEveryChannelOfASharedPoolInStep() throws Exception {
    Location web = Location.of("web-uk");
    Location app = Location.of("app-uk");
    storefront.create(new StockKey(TEE, web), 20);
    storefront.create(new StockKey(TEE, app), 20);
    start(defaults(storefront).sharedPools(SharedPools.of(List.of(List.of(web, app)))));

    storefront.sell(new StockKey(TEE, web), 2); // TrackOnly through the web channel
    engine.submit(new OrderEvent.Placed("o1", List.of(new OrderLine("l1", TEE, 2, web, Optional.empty(), InventoryMode.TRACK_ONLY))));
    engine.submit(new OrderEvent.Placed("o2", List.of(OrderLine.of("l1", TEE, 3, app))));
    engine.submit(Movement.of(MovementKind.RECEIPT, TEE, web, 10, "PO-7", IdempotencyKeys.of(MovementKind.RECEIPT, "PO-7/1")));
    engine.submit(Movement.of(MovementKind.RECEIPT, TEE, web, 10, "PO-7", IdempotencyKeys.of(MovementKind.RECEIPT, "PO-7/1")));
    drain();

    assertThat(storefront.entry(new StockKey(TEE, web)).quantityOnStock()).isEqualTo(25);
    assertThat(storefront.entry(new StockKey(TEE, app)).quantityOnStock()).isEqualTo(25);
  }

  @Test
  void shouldRefuseSubmissions_beforeStart() {
    engine = defaults(storefront).build();
    assertThatThrownBy(() -> engine.submit(order("o1", TEE, 1, InventoryMode.NONE)))
        .isInstanceOf(StockbridgeException.class)
        .hasMessageContaining("start()");
  }

  @Test
  void shouldNotBatchOrders() {
    assertThatThrownBy(() -> StockEngine.builder().batchWindow(Lane.ORDER, Duration.ofSeconds(1)))
        .hasMessageContaining("order decrements are never held back");
    assertThatThrownBy(() -> StockEngine.builder().pausedInPeak(java.util.Set.of(Lane.ORDER)))
        .hasMessageContaining("ORDER");
  }

  @Test
  void shouldRefuseBadSettings_withAnInvalidValueNamingTheArgument() {
    assertThatThrownBy(() -> StockEngine.builder().storefront(null))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("storefront"));
    assertThatThrownBy(() -> StockEngine.builder().retry(null, Duration.ofSeconds(1), 3))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("initialBackoff"));
    assertThatThrownBy(() -> StockEngine.builder().retry(Duration.ofMillis(1), Duration.ofSeconds(1), -5))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("maxRetries"));
    assertThatThrownBy(() -> StockEngine.builder().batchWindow(Lane.BULK, Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("batchWindow"));
    assertThatThrownBy(() -> StockEngine.builder().capacity(10, null))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("offerTimeout"));
    assertThatThrownBy(() -> StockEngine.builder().journal(journal).build())
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("storefront"));
  }
}
