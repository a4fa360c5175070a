package dev.stockbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.demand.InMemoryDemandStore;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Order intake: never halting on one order, a safe first start, unmapped SKUs named, pages committed one by one. */
class OrderFlowTest {

  private static final Location DC = Location.of("dc");
  private static final Sku MUG = Sku.of("MUG");
  private static final Sku GHOST = Sku.of("GHOST");
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final InMemoryDemandStore demand = new InMemoryDemandStore();
  private final CollectingExceptionStore exceptions = new CollectingExceptionStore();
  private final OrderQuarantine quarantine = OrderQuarantine.inMemory();
  private final Checkpoints checkpoints = Checkpoints.inMemory();
  private final FakeSource source = new FakeSource();
  private StockEngine engine;

  @BeforeEach
  void start() {
    storefront.create(new StockKey(MUG, DC), 100);
    storefront.create(new StockKey(GHOST, DC), 100);
    engine = StockEngine.builder().storefront(storefront).journal(new InMemoryJournal()).exceptionStore(exceptions)
        .batchWindow(Lane.ADJUSTMENT, Duration.ZERO).retry(Duration.ofMillis(1), Duration.ofMillis(5), -1).consistencyLag(Duration.ZERO).build();
    engine.start();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private OrderFlow flow() {
    return OrderFlow.builder().source(source).engine(engine).demand(demand).quarantine(quarantine).checkpoints(checkpoints)
        .mapped(sku -> !sku.equals(GHOST)).exceptions(exceptions).clock(clock).build();
  }

  private long mugs() throws InterruptedException {
    assertThat(engine.drain(Duration.ofSeconds(10))).isTrue();
    return storefront.entry(new StockKey(MUG, DC)).quantityOnStock();
  }

  @Test
  void shouldKeepOrdersPlacedBeforeTheFirstStartAsDemandHistoryOnly() throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      source.order("old-" + i, T0.minusSeconds(3600 + i), MUG, 1);
    }

    OrderCycle first = flow().runOnce();
    source.order("new-1", T0.plusSeconds(5), MUG, 3);
    clock.advance(Duration.ofMinutes(1));
    OrderCycle second = flow().runOnce();

    assertThat(first.firstStart()).isTrue();
    assertThat(first.start()).isEqualTo(T0);
    assertThat(first.history()).isEqualTo(200);
    assertThat(first.movements()).isZero();
    assertThat(second.firstStart()).isFalse();
    assertThat(second.start()).as("the start never moves").isEqualTo(T0);
    assertThat(mugs()).as("only the order after the start is decremented").isEqualTo(97);
    List<DemandLine> rows = new ArrayList<>();
    demand.forEach(rows::add);
    assertThat(rows).as("every order is demand history").hasSize(201);
  }

  @Test
  void shouldHonourAConfiguredStart_andKeepItAfterwards() throws InterruptedException {
    source.order("a", T0.minusSeconds(60), MUG, 2);
    source.order("b", T0.minusSeconds(7200), MUG, 5);

    flow().runOnce();
    OrderCycle later = OrderFlow.builder().source(source).engine(engine).demand(demand).quarantine(quarantine).checkpoints(checkpoints)
        .clock(clock).startAt(T0.plusSeconds(99_999)).build().runOnce();

    assertThat(later.start()).isEqualTo(T0);
    // A builder with an earlier start: the first run keeps it.
    Checkpoints fresh = Checkpoints.inMemory();
    source.order("c", T0.minusSeconds(600), MUG, 7);
    OrderCycle configured = OrderFlow.builder().source(source).engine(engine).demand(demand).checkpoints(fresh).clock(clock)
        .startAt(T0.minusSeconds(3600)).build().runOnce();
    assertThat(configured.start()).isEqualTo(T0.minusSeconds(3600));
    assertThat(mugs()).as("only c, placed after its flow's configured start, is decremented").isEqualTo(93);
  }

  @Test
  void shouldQuarantineABadOrder_processTheRest_andApplyItOnceWhenFixed() throws InterruptedException {
    checkpoints.setOnce(OrderFlow.START, T0.minusSeconds(86_400));
    source.order("good-1", T0, MUG, 1);
    source.reject("bad", "line item l1 (SKU MUG) in order bad has no supply channel");
    source.order("good-2", T0, MUG, 2);

    OrderCycle first = flow().runOnce();

    assertThat(first.quarantined()).isEqualTo(1);
    assertThat(quarantine.held()).singleElement().satisfies(held -> {
      assertThat(held.orderId()).isEqualTo("bad");
      assertThat(held.problem()).contains("no supply channel");
    });
    assertThat(mugs()).as("the orders around the bad one are applied").isEqualTo(97);

    OrderCycle stillBad = flow().runOnce();
    assertThat(stillBad.quarantined()).isEqualTo(1);
    assertThat(quarantine.held().get(0).attempts()).isEqualTo(2);

    source.fix("bad", T0, MUG, 4);
    OrderCycle fixed = flow().runOnce();
    OrderCycle after = flow().runOnce();

    assertThat(fixed.released()).isEqualTo(1);
    assertThat(fixed.quarantined()).isZero();
    assertThat(after.released()).isZero();
    assertThat(mugs()).as("the fixed order is applied once, however often it is read").isEqualTo(93);
  }

  @Test
  void shouldReleaseAQuarantinedOrder_thatNoLongerExists() {
    source.reject("gone", "no SKU");
    flow().runOnce();
    source.delete("gone");

    OrderCycle cycle = flow().runOnce();

    assertThat(cycle.quarantined()).isZero();
    assertThat(quarantine.held()).isEmpty();
  }

  @Test
  void shouldDecrementAnUnmappedSku_andNameIt() throws InterruptedException {
    checkpoints.setOnce(OrderFlow.START, T0.minusSeconds(60));
    source.order("o-ghost", T0, GHOST, 2);

    OrderCycle cycle = flow().runOnce();

    assertThat(engine.drain(Duration.ofSeconds(10))).isTrue();
    assertThat(storefront.entry(new StockKey(GHOST, DC)).quantityOnStock()).as("the storefront sold it: the decrement still happens").isEqualTo(98);
    assertThat(cycle.unmappedSkus()).containsExactly(GHOST);
    assertThat(exceptions.raised()).singleElement().satisfies(raised -> {
      assertThat(raised.code()).isEqualTo("UNMAPPED_SKU");
      assertThat(raised.key()).isEqualTo(new StockKey(GHOST, DC));
      assertThat(raised.message()).contains("GHOST", "o-ghost", "2 units", "add it to mapping.skus");
    });
  }

  @Test
  void shouldCommitEveryPage_andReadOnWhileTheSourceHasMore() {
    checkpoints.setOnce(OrderFlow.START, T0.minusSeconds(60));
    for (int i = 0; i < 5; i++) {
      source.order("p-" + i, T0, MUG, 1);
    }
    source.pageSize = 2;

    OrderCycle cycle = flow().runOnce();

    assertThat(cycle.orders()).isEqualTo(5);
    assertThat(source.commits).as("three pages, each committed after it was handed on").isEqualTo(3);
  }

  @Test
  void shouldHandAPageToTheJournalInOneForce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws InterruptedException {
    try (dev.stockbridge.journal.FileJournal journal = dev.stockbridge.journal.FileJournal.open(dir);
        StockEngine durable = StockEngine.builder().storefront(storefront).journal(journal).exceptionStore(exceptions)
            .retry(Duration.ofMillis(1), Duration.ofMillis(5), -1).consistencyLag(Duration.ZERO).build()) {
      durable.start();
      OrderFlow flow = OrderFlow.builder().source(source).engine(durable).demand(demand).quarantine(quarantine).checkpoints(checkpoints)
          .clock(clock).startAt(T0.minusSeconds(60)).build();
      for (int i = 0; i < 25; i++) {
        source.order("page-" + i, T0, MUG, 1);
      }
      long before = journal.forceCount();

      OrderCycle cycle = flow.runOnce();
      long forces = journal.forceCount() - before;

      assertThat(cycle.movements()).isEqualTo(25);
      assertThat(forces).as("one force for the page's 25 orders (applied marks may add one), not one per order").isLessThanOrEqualTo(2);
      assertThat(durable.drain(Duration.ofSeconds(10))).isTrue();
      assertThat(storefront.entry(new StockKey(MUG, DC)).quantityOnStock()).isEqualTo(75);
    }
  }

  /** A source of orders held in memory, paged, with orders that can be rejected, fixed or deleted. */
  private static final class FakeSource implements OrderSource {
    private final Queue<Object> unread = new ArrayDeque<>();
    private final Map<String, Object> byId = new HashMap<>();
    int pageSize = 500;
    int commits;

    void order(String id, Instant createdAt, Sku sku, long quantity) {
      SourcedOrder order = sourced(id, createdAt, sku, quantity);
      unread.add(order);
      byId.put(id, order);
    }

    void reject(String id, String problem) {
      RejectedOrder rejected = new RejectedOrder(id, problem);
      unread.add(rejected);
      byId.put(id, rejected);
    }

    void fix(String id, Instant createdAt, Sku sku, long quantity) {
      byId.put(id, sourced(id, createdAt, sku, quantity));
    }

    void delete(String id) {
      byId.remove(id);
    }

    private static SourcedOrder sourced(String id, Instant createdAt, Sku sku, long quantity) {
      OrderLine line = OrderLine.of("l1", sku, quantity, DC);
      DemandLine sale = new DemandLine("order/" + id + "/l1", DemandKind.SALE, id, Optional.empty(), "l1", sku, quantity, BigDecimal.TEN, BigDecimal.ZERO, "GBP",
          List.of(), DC, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), createdAt, createdAt, Map.of());
      return new SourcedOrder(id, createdAt, List.of(new OrderEvent.Placed(id, List.of(line))), List.of(sale));
    }

    @Override
    public OrderPage poll() {
      List<SourcedOrder> orders = new ArrayList<>();
      List<RejectedOrder> rejected = new ArrayList<>();
      while (!unread.isEmpty() && orders.size() + rejected.size() < pageSize) {
        Object next = unread.poll();
        if (next instanceof SourcedOrder order) {
          orders.add(order);
        } else {
          rejected.add((RejectedOrder) next);
        }
      }
      return new OrderPage(orders, rejected, Optional.of(T0), !unread.isEmpty());
    }

    @Override
    public void commit(OrderPage page) {
      commits++;
    }

    @Override
    public OrderPage reread(String orderId) {
      Object found = byId.get(orderId);
      if (found instanceof SourcedOrder order) {
        return OrderPage.of(List.of(order), List.of());
      }
      return found == null ? OrderPage.of(List.of(), List.of()) : OrderPage.of(List.of(), List.of((RejectedOrder) found));
    }
  }
}
