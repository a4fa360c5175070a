package dev.stockbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.order.InMemoryOrderLedger;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.order.ReturnDisposition;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.spi.OrderRecord;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancellations and returns checked against what each order line sold, with the exact stock. */
class OrderLedgerTest {

  private static final Location DC = Location.of("dc");
  private static final Sku TEE = Sku.of("TEE");
  private static final Sku MUG = Sku.of("MUG");
  private static final Sku GIFT = Sku.of("GIFT");

  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final CollectingExceptionStore exceptions = new CollectingExceptionStore();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T18:00:00Z"));
  private final InMemoryOrderLedger ledger = new InMemoryOrderLedger();
  private StockEngine engine;

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.stop();
    }
  }

  private void start() {
    storefront.create(new StockKey(TEE, DC), 100);
    storefront.create(new StockKey(MUG, DC), 100);
    storefront.create(new StockKey(GIFT, DC), 50);
    engine = StockEngine.builder()
        .storefront(storefront)
        .journal(new InMemoryJournal())
        .bundles(BundleCatalogue.builder().component(GIFT, MUG, 2).build())
        .exceptionStore(exceptions)
        .clock(clock)
        .orderLedger(ledger)
        .parkUnknownOrdersFor(Duration.ofMinutes(30))
        .orderRetention(Duration.ofDays(90))
        .batchWindow(Lane.ADJUSTMENT, Duration.ZERO)
        .batchWindow(Lane.BULK, Duration.ZERO)
        .retry(Duration.ofMillis(1), Duration.ofMillis(5), -1)
        .consistencyLag(Duration.ZERO)
        .build();
    engine.start();
  }

  private long stock(Sku sku) throws InterruptedException {
    assertThat(engine.drain(Duration.ofSeconds(30))).isTrue();
    return storefront.entry(new StockKey(sku, DC)).quantityOnStock();
  }

  private static OrderLine tee(long quantity) {
    return OrderLine.of("l1", TEE, quantity, DC);
  }

  private List<String> codes() {
    return exceptions.raised().stream().map(StockException::code).toList();
  }

  @Test
  void overReturn_restocksOnlyWhatWasSold_andNamesOrderLineAndBothQuantities() throws Exception {
    start();
    engine.submit(new OrderEvent.Placed("o1", List.of(tee(2))));
    assertThat(stock(TEE)).isEqualTo(98);

    engine.submit(new OrderEvent.Returned("o1", "r1", tee(10), ReturnDisposition.RESELLABLE));

    assertThat(stock(TEE)).as("2 sold, 2 back: not 10").isEqualTo(100);
    assertThat(exceptions.raised()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo("OVER_RESTOCK");
      assertThat(e.message()).contains("order o1", "line l1", "asks to restock 10", "sold 2", "restocking 2");
    });

    engine.submit(new OrderEvent.Returned("o1", "r2", tee(1), ReturnDisposition.RESELLABLE));
    assertThat(stock(TEE)).as("nothing left to give back").isEqualTo(100);
    assertThat(codes()).containsExactly("OVER_RESTOCK", "OVER_RESTOCK");
  }

  @Test
  void cancellingNineOfThree_restocksThree() throws Exception {
    start();
    engine.submit(new OrderEvent.Placed("o1", List.of(tee(3))));
    assertThat(stock(TEE)).isEqualTo(97);

    engine.submit(new OrderEvent.Cancelled("o1", List.of(tee(9))));

    assertThat(stock(TEE)).isEqualTo(100);
    assertThat(codes()).containsExactly("OVER_RESTOCK");
  }

  @Test
  void twoPartialCancellationsOfOneLine_bothApply_andARedeliveredOneAppliesOnce() throws Exception {
    start();
    engine.submit(new OrderEvent.Placed("o1", List.of(tee(5))));
    assertThat(stock(TEE)).isEqualTo(95);

    engine.submit(new OrderEvent.Cancelled("o1", List.of(tee(2)), "c1"));
    engine.submit(new OrderEvent.Cancelled("o1", List.of(tee(1)), "c2"));
    assertThat(stock(TEE)).as("both partials count").isEqualTo(98);

    SubmitResult again = engine.submit(new OrderEvent.Cancelled("o1", List.of(tee(2)), "c1"));
    assertThat(again.accepted()).isZero();
    assertThat(stock(TEE)).as("c1 redelivered counts once").isEqualTo(98);
    assertThat(exceptions.raised()).isEmpty();
    assertThat(ledger.find("o1").orElseThrow().line("l1").orElseThrow().restocks())
        .containsExactly(java.util.Map.entry("cancellation:c1", 2L), java.util.Map.entry("cancellation:c2", 1L));
  }

  @Test
  void cancellationOfAnUnknownOrder_isParked_andAppliedWhenTheOrderArrives() throws Exception {
    start();
    engine.submit(new OrderEvent.Cancelled("o7", List.of(tee(2)), "c1"));
    engine.submit(new OrderEvent.Cancelled("o7", List.of(tee(2)), "c1")); // redelivered while parked
    assertThat(stock(TEE)).as("parked: nothing restocked").isEqualTo(100);
    assertThat(ledger.find("o7").orElseThrow().parked()).hasSize(1);

    clock.advance(Duration.ofMinutes(20));
    engine.sweepOrders();
    assertThat(exceptions.raised()).as("still within the wait").isEmpty();

    engine.submit(new OrderEvent.Placed("o7", List.of(tee(3))));

    assertThat(stock(TEE)).as("3 sold, 2 of them cancelled").isEqualTo(99);
    OrderRecord record = ledger.find("o7").orElseThrow();
    assertThat(record.parked()).isEmpty();
    assertThat(record.line("l1").orElseThrow().outstanding()).isEqualTo(1);
    assertThat(exceptions.raised()).isEmpty();
  }

  @Test
  void theRunningEngine_sweepsByItself_withoutTheHostAsking() throws Exception {
    storefront.create(new StockKey(TEE, DC), 100);
    engine = StockEngine.builder().storefront(storefront).journal(new InMemoryJournal()).exceptionStore(exceptions).clock(clock)
        .orderLedger(ledger).parkUnknownOrdersFor(Duration.ofMinutes(30)).orderRetention(Duration.ofDays(90))
        .sweepOrdersEvery(Duration.ofMillis(20)).build();
    engine.start();
    engine.submit(new OrderEvent.Placed("o-old", List.of(tee(1))));
    engine.submit(new OrderEvent.Cancelled("o-never", List.of(tee(4))));
    clock.advance(Duration.ofMinutes(31));

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while ((exceptions.raised().isEmpty() || ledger.find("o-never").isPresent()) && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // polls for the housekeeping thread, not for time
    }
    assertThat(exceptions.raised()).extracting(e -> e.code()).containsExactly("UNKNOWN_ORDER");
    assertThat(ledger.find("o-never")).isEmpty();
    assertThat(ledger.find("o-old")).as("within the retention").isPresent();

    clock.advance(Duration.ofDays(91));
    while (ledger.find("o-old").isPresent() && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
    assertThat(ledger.find("o-old")).as("forgotten once idle past the retention").isEmpty();
  }

  @Test
  void cancellationOfAnUnknownOrder_isRaisedAfterTheWait_andNeverRestocks() throws Exception {
    start();
    engine.submit(new OrderEvent.Cancelled("o8", List.of(tee(4))));
    clock.advance(Duration.ofMinutes(31));

    engine.sweepOrders();

    assertThat(stock(TEE)).isEqualTo(100);
    assertThat(exceptions.raised()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo("UNKNOWN_ORDER");
      assertThat(e.key()).isEqualTo(new StockKey(TEE, DC));
      assertThat(e.message()).contains("order o8", "line l1", "4 units");
    });
    assertThat(ledger.find("o8")).isEmpty();
  }

  @Test
  void returnOfABundleLine_restocksItsComponents_atMostWhatWasSold() throws Exception {
    start();
    engine.submit(new OrderEvent.Placed("o1", List.of(OrderLine.of("l1", GIFT, 3, DC))));
    assertThat(stock(MUG)).isEqualTo(94);

    engine.submit(new OrderEvent.Returned("o1", "r1", OrderLine.of("l1", GIFT, 5, DC), ReturnDisposition.RESELLABLE));

    assertThat(stock(MUG)).isEqualTo(100);
    OrderRecord.Line line = ledger.find("o1").orElseThrow().line("l1").orElseThrow();
    assertThat(line.decremented()).containsExactly(new OrderRecord.Part(MUG, DC, 6));
    assertThat(line.restocked()).isEqualTo(3);
  }

  @Test
  void aPlacedOrderReadAgain_decrementsOnce_evenWhenTheJournalForgotIt() throws Exception {
    start();
    OrderEvent.Placed placed = new OrderEvent.Placed("o1", List.of(new OrderLine("l1", TEE, 2, DC, Optional.empty(), InventoryMode.NONE)));
    engine.submit(placed);
    SubmitResult again = engine.submit(placed);

    assertThat(again).isEqualTo(new SubmitResult(0, 1, 0));
    assertThat(stock(TEE)).isEqualTo(98);
  }

  @Test
  void ordersIdleLongerThanTheRetention_arePruned() throws Exception {
    start();
    engine.submit(new OrderEvent.Placed("old", List.of(tee(1))));
    clock.advance(Duration.ofDays(60));
    engine.submit(new OrderEvent.Placed("new", List.of(tee(1))));
    clock.advance(Duration.ofDays(31));

    engine.sweepOrders();

    assertThat(ledger.find("old")).isEmpty();
    assertThat(ledger.find("new")).isPresent();
    assertThat(stock(TEE)).isEqualTo(98);
  }

  @Test
  void anOrderStillReadAgain_isKeptPastTheRetention_soItNeverCountsAsNew() throws Exception {
    start();
    OrderEvent.Placed placed = new OrderEvent.Placed("o1", List.of(tee(2)));
    engine.submit(placed);
    for (int day = 0; day < 100; day += 10) {
      clock.advance(Duration.ofDays(10));
      engine.submit(placed); // the source still reads it (a modified order, a long overlap)
      engine.sweepOrders();
    }

    assertThat(ledger.find("o1")).isPresent();
    assertThat(stock(TEE)).isEqualTo(98);
  }

  @Test
  void aReturnStillInInspection_ofAnUnknownOrder_leavesNoRecord() throws Exception {
    start();
    engine.submit(new OrderEvent.Returned("o9", "r1", tee(1), ReturnDisposition.IN_INSPECTION));

    assertThat(ledger.find("o9")).isEmpty();
    assertThat(stock(TEE)).isEqualTo(100);
  }
}
