package dev.stockbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.HeldBack;
import dev.stockbridge.ats.LatencyBuffer;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A flash sale on one SKU: its latency buffer rises with the order velocity while the sale runs,
 * the quiet SKU beside it holds nothing, and after the sale the buffer falls back to nothing and
 * every entry shows exactly its sellable stock less its other holdbacks.
 */
class LatencyBufferFlashSaleTest {

  private static final StockKey HOT = new StockKey(Sku.of("SNEAKER"), Location.of("dc"));
  private static final StockKey QUIET = new StockKey(Sku.of("SOCKS"), Location.of("dc"));
  private static final Instant T0 = Instant.parse("2026-11-27T18:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final InMemoryJournal journal = new InMemoryJournal();
  private int orders;

  private StockEngine engine(LatencyBuffer buffer) {
    return StockEngine.builder().storefront(storefront).journal(journal).clock(clock)
        .batchWindow(Lane.ADJUSTMENT, Duration.ZERO).retry(Duration.ofMillis(1), Duration.ofMillis(5), -1)
        .consistencyLag(Duration.ofSeconds(10)).latencyBuffer(buffer).build();
  }

  private Movement order(StockKey key, long units) {
    String id = "o-" + ++orders;
    return Movement.of(MovementKind.ORDER, key.sku(), key.location(), -units, id, IdempotencyKeys.orderLine(id, "1"));
  }

  private static Optional<LatencyBuffer.Figure> figure(StockEngine engine, StockKey key) {
    return engine.health().latencyBuffers().stream().filter(f -> f.key().equals(key)).findFirst();
  }

  private void drain(StockEngine engine) throws InterruptedException {
    assertThat(engine.drain(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void shouldRiseOnTheHotSku_duringTheSale_andFallBackAfter_endingExact() throws InterruptedException {
    storefront.create(HOT, 100);
    storefront.create(QUIET, 100);
    long hotSold = 0;
    long quietSold = 0;
    try (StockEngine engine = engine(LatencyBuffer.of(Duration.ofMinutes(1), 8).recomputedEvery(Duration.ofSeconds(5)))) {
      engine.start();
      engine.changeMinimumStock(HOT, 4, "planner-run-1"); // another holdback beside it, which stays
      List<Long> buffers = new ArrayList<>();
      // the sale: 2 sneakers a second for 40 s, a pair of socks every 20 s
      for (int second = 1; second <= 40; second++) {
        clock.advance(Duration.ofSeconds(1));
        engine.submit(order(HOT, 2));
        hotSold += 2;
        if (second % 20 == 0) {
          engine.submit(order(QUIET, 1));
          quietSold++;
        }
        buffers.add(figure(engine, HOT).map(LatencyBuffer.Figure::units).orElse(0L));
      }
      drain(engine);

      // 2 a second × (10 s lag + p99) ≥ 20 units: capped at 8
      LatencyBuffer.Figure hot = figure(engine, HOT).orElseThrow();
      assertThat(hot.units()).isEqualTo(8);
      assertThat(hot.orderUnits()).as("the last minute's sneakers").isBetween(70L, 80L);
      assertThat(hot.exposure()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
      assertThat(buffers).as("the buffer rose during the sale and never went above the cap").contains(8L).allSatisfy(b -> assertThat(b).isBetween(0L, 8L));
      assertThat(buffers.get(0)).as("nothing held before a recompute had seen the sale").isZero();
      assertThat(figure(engine, QUIET)).as("a pair a minute × 10 s is a third of a unit: nothing held").isEmpty();
      assertThat(storefront.entry(HOT).quantityOnStock()).as("sellable less minimum stock and latency buffer").isEqualTo(100 - hotSold - 4 - 8);
      assertThat(engine.heldBack(HOT).map(HeldBack::reasons).orElseThrow()).containsEntry("latency", 8L).containsEntry("safety", 4L);
      assertThat(storefront.entry(HOT).heldWhy()).as("the entry says why, with the buffer's inputs, for people and the report")
          .matches("latency 8 \\(\\d+ order units in 60 s × \\d+ ms of lag and p99\\), safety 4");
      assertThat(storefront.entry(QUIET).quantityOnStock()).isEqualTo(100 - quietSold);
      assertThat(storefront.entry(QUIET).heldWhy()).isEmpty();

      // after the sale: the window empties, the next recompute releases the buffer
      clock.advance(Duration.ofMinutes(2));
      engine.submit(Movement.of(MovementKind.RECEIPT, QUIET.sku(), QUIET.location(), 5, "po-1", IdempotencyKeys.of(MovementKind.RECEIPT, "po-1")));
      drain(engine);

      assertThat(engine.health().latencyBuffers()).isEmpty();
      assertThat(storefront.entry(HOT).quantityOnStock()).as("exact: only the minimum stock held back").isEqualTo(100 - hotSold - 4);
      assertThat(storefront.entry(QUIET).quantityOnStock()).isEqualTo(100 - quietSold + 5);
      assertThat(engine.heldBack(HOT).map(HeldBack::reasons).orElseThrow()).containsOnlyKeys("safety");
      assertThat(storefront.entry(HOT).heldWhy()).isEqualTo("safety 4");
    }
    assertThat(holdbackSum(HOT)).as("the journal's holdback movements: minimum stock 4, the buffer up and back down").isEqualTo(4);
  }

  @Test
  void shouldHoldNothing_whenOff() throws InterruptedException {
    storefront.create(HOT, 100);
    try (StockEngine engine = engine(LatencyBuffer.off())) {
      engine.start();
      for (int second = 1; second <= 30; second++) {
        clock.advance(Duration.ofSeconds(1));
        engine.submit(order(HOT, 3));
      }
      drain(engine);

      assertThat(engine.health().latencyBuffers()).isEmpty();
      assertThat(storefront.entry(HOT).quantityOnStock()).isEqualTo(10);
      assertThat(holdbackSum(HOT)).isZero();
    }
  }

  @Test
  void shouldReleaseTheBuffer_onTheEnginesOwnCadence_withoutFurtherSubmissions() throws InterruptedException {
    storefront.create(HOT, 100);
    try (StockEngine engine = engine(LatencyBuffer.of(Duration.ofMinutes(1), 5).recomputedEvery(Duration.ofMillis(100)))) {
      engine.start();
      for (int second = 1; second <= 20; second++) {
        clock.advance(Duration.ofSeconds(1));
        engine.submit(order(HOT, 2));
      }
      drain(engine);
      assertThat(figure(engine, HOT).map(LatencyBuffer.Figure::units)).contains(5L);

      clock.advance(Duration.ofMinutes(2));
      // the engine's tick (every 100 ms here) sees the empty window on the engine's clock
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!engine.health().latencyBuffers().isEmpty() && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // polls for the engine's tick, not for time
      }
      drain(engine);

      assertThat(engine.health().latencyBuffers()).isEmpty();
      assertThat(storefront.entry(HOT).quantityOnStock()).isEqualTo(60);
    }
  }

  private long holdbackSum(StockKey key) {
    long[] sum = {0};
    journal.replay(new MovementJournal.Visitor() {
      @Override
      public void accepted(Movement movement) {
        if (movement.holdback() && movement.key().equals(key)) {
          sum[0] += movement.quantity();
        }
      }

      @Override
      public void applied(StockKey k, long sequence) {}
    });
    return sum[0];
  }
}
