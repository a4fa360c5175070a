package dev.stockbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.engine.EngineHealth;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.storefront.InMemoryStorefront;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.testing.FaultyStorefront;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The storefront decrements TrackOnly orders itself while the engine writes everything else,
 * through injected transient failures and version conflicts. Every key must end exactly where the
 * model says.
 */
class FlashSaleSimulationTest {

  private static final int PRODUCERS = 4;

  @Test
  void finalStockIsExact_forEveryKey_underConcurrentStorefrontDecrementsAndFaults() throws Exception {
    FlashSale sale = new FlashSale(20261127L, 3_000);
    InMemoryStorefront storefront = new InMemoryStorefront();
    sale.stock(storefront);
    CollectingExceptionStore exceptions = new CollectingExceptionStore();
    StockEngine engine =
        StockEngine.builder()
            .storefront(new FaultyStorefront(storefront, 42, 0.05, 0.05, 0, false))
            .journal(new InMemoryJournal())
            .bundles(FlashSale.BUNDLES)
            .exceptionStore(exceptions)
            .parallelism(4)
            .batchWindow(Lane.ADJUSTMENT, Duration.ofMillis(5))
            .retry(Duration.ofMillis(1), Duration.ofMillis(10), -1)
            .build();
    engine.start();
    try {
      ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        int producer = p;
        done.add(
            producers.submit(
                () -> {
                  for (int i = producer; i < sale.steps.size(); i += PRODUCERS) {
                    FlashSale.Step step = sale.steps.get(i);
                    FlashSale.platform(step, storefront);
                    FlashSale.submit(step, engine);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
      producers.shutdown();
      assertThat(engine.drain(Duration.ofMinutes(2))).as("drained").isTrue();

      assertThat(exceptions.raised()).isEmpty();
      sale.expected.forEach(
          (key, quantity) -> assertThat(storefront.entry(key).quantityOnStock()).as("stock of %s", key).isEqualTo(quantity));
      sale.expectedBundles().forEach(
          (key, quantity) -> assertThat(storefront.entry(key).quantityOnStock()).as("bundle %s", key).isEqualTo(quantity));

      EngineHealth health = engine.health();
      assertThat(health.duplicates()).as("duplicate deliveries were seen and ignored").isPositive();
      assertThat(health.applied() + health.failed()).isEqualTo(health.accepted());
      assertThat(health.conflicts()).as("conflicts were injected and survived").isPositive();
      assertThat(storefront.writes())
          .as("coalescing: far fewer writes than accepted movements")
          .isLessThan(health.accepted());
    } finally {
      engine.stop();
    }
  }

  @Test
  void ordersKeepABoundedWait_whileAdjustmentsSaturateTheRateLimit() throws Exception {
    InMemoryStorefront storefront = new InMemoryStorefront();
    Location dc = Location.of("dc");
    int adjustments = 600;
    int orderKeys = 10;
    for (int i = 0; i < adjustments; i++) {
      storefront.create(StockKey.of("ADJ-" + i, "dc"), 0);
    }
    for (int i = 0; i < orderKeys; i++) {
      storefront.create(StockKey.of("HOT-" + i, "dc"), 100);
    }
    StockEngine engine =
        StockEngine.builder()
            .storefront(storefront)
            .journal(new InMemoryJournal())
            .batchWindow(Lane.ADJUSTMENT, Duration.ZERO)
            .rateLimit(500)
            .build();
    engine.start();
    try {
      List<Movement> receipts = new ArrayList<>();
      for (int i = 0; i < adjustments; i++) {
        receipts.add(Movement.of(MovementKind.RECEIPT, Sku.of("ADJ-" + i), dc, 5, "PO-" + i, IdempotencyKeys.of(MovementKind.RECEIPT, "PO-" + i)));
      }
      engine.submit(receipts);
      for (int i = 0; i < orderKeys; i++) {
        engine.submit(new OrderEvent.Placed("o" + i, List.of(OrderLine.of("l1", Sku.of("HOT-" + i), 1, dc))));
      }
      assertThat(engine.drain(Duration.ofMinutes(1))).isTrue();

      Map<Lane, EngineHealth.LaneHealth> lanes = engine.health().lanes();
      assertThat(lanes.get(Lane.ORDER).maxWaitDispatches())
          .as("an order waits only behind other orders, never behind the adjustment backlog")
          .isLessThan(orderKeys);
      assertThat(lanes.get(Lane.ADJUSTMENT).maxWaitDispatches())
          .as("adjustments were overtaken by every order")
          .isGreaterThanOrEqualTo(orderKeys);
      for (int i = 0; i < orderKeys; i++) {
        assertThat(storefront.entry(StockKey.of("HOT-" + i, "dc")).quantityOnStock()).isEqualTo(99);
      }
    } finally {
      engine.stop();
    }
  }
}
