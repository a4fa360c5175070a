package dev.stockbridge.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.demand.InMemoryDemandStore;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.flow.OrderFlow;
import dev.stockbridge.flow.OrderPage;
import dev.stockbridge.flow.OrderSource;
import dev.stockbridge.flow.SourcedOrder;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.reconcile.ExceptionStatus;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.runtime.Stockbridge;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.storefront.InMemoryStorefront;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** A scenario, then a scrape: every meter is there with the scenario's values. */
class StockbridgeMetricsTest {

  private static final StockKey MUG = new StockKey(Sku.of("MUG"), Location.of("dc"));
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void shouldExposeEveryMeter_withTheScenariosValues() throws InterruptedException {
    MutableClock clock = new MutableClock(T0);
    InMemoryStorefront storefront = new InMemoryStorefront();
    storefront.create(MUG, 10);
    ExceptionTracker tracker = ExceptionTracker.inMemory(clock);
    Queue<OrderPage> pages = new ArrayDeque<>(List.of(new OrderPage(List.of(order("o-1", 2), order("o-2", 3)), List.of(), Optional.of(T0), false)));
    OrderSource source = new OrderSource() {
      @Override
      public OrderPage poll() {
        return pages.isEmpty() ? new OrderPage(List.of(), List.of(), Optional.of(T0), false) : pages.poll();
      }

      @Override
      public void commit(OrderPage page) {}

      @Override
      public OrderPage reread(String orderId) {
        return OrderPage.of(List.of(), List.of());
      }
    };
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Stockbridge stockbridge = Stockbridge.builder()
        .engine(StockEngine.builder().storefront(storefront).journal(new InMemoryJournal()).exceptionStore(tracker)
            .metrics(StockbridgeMetrics.listener(registry)).build())
        .orders(OrderFlow.builder().source(source).demand(new InMemoryDemandStore()).startAt(T0.minusSeconds(60)).clock(clock))
        .clock(clock)
        .build()) {
      StockbridgeMetrics metrics = StockbridgeMetrics.bind(registry, stockbridge, () -> tracker.list(EnumSet.of(ExceptionStatus.OPEN)), clock);

      stockbridge.runOnce();
      assertThat(stockbridge.drain(Duration.ofSeconds(10))).isTrue();
      tracker.raise(new StockException("ENTRY_NOT_FOUND", new StockKey(Sku.of("GHOST"), Location.of("dc")), List.of(), "no entry", T0));
      metrics.refreshExceptions();
      clock.advance(Duration.ofSeconds(90));

      String scrape = registry.scrape();

      assertThat(storefront.entry(MUG).quantityOnStock()).isEqualTo(5);
      assertThat(scrape)
          .contains("stockbridge_movements_total{outcome=\"accepted\"} 2.0")
          .contains("stockbridge_movements_total{outcome=\"applied\"} 2.0")
          .contains("stockbridge_movements_total{outcome=\"failed\"} 0.0")
          .contains("stockbridge_lane_waiting{lane=\"order\"} 0.0")
          .contains("stockbridge_lane_oldest_wait_seconds{lane=\"order\"}")
          .contains("stockbridge_storefront_conflicts_total 0.0")
          .contains("stockbridge_storefront_retries_total 0.0")
          .contains("stockbridge_flow_since_success_seconds{flow=\"orders\"} 90.0")
          .contains("stockbridge_flow_failures_total{flow=\"orders\"} 0.0")
          .contains("stockbridge_latency_buffer_units 0.0")
          .containsPattern("stockbridge_exceptions_open\\{kind=\"ENTRY_NOT_FOUND\",owner=\"[a-z]+\"} 1.0");
      assertThat(scrape).containsPattern("stockbridge_storefront_calls_total [1-9][0-9]*\\.0");
      assertThat(scrape).as("one observation per order movement applied")
          .contains("stockbridge_order_to_storefront_seconds_count 2")
          .containsPattern("stockbridge_order_to_storefront_seconds_bucket\\{le=\"\\+Inf\"} 2")
          .containsPattern("stockbridge_order_to_storefront_seconds_bucket\\{le=\"0\\.001\"} [0-2]")
          .containsPattern("stockbridge_order_to_storefront_seconds_sum [0-9.E-]+");
      assertThat(stockbridge.engine().health().orderToStorefront().timed()).isEqualTo(2);
    }
  }

  private static SourcedOrder order(String id, long quantity) {
    return new SourcedOrder(id, T0, List.of(new OrderEvent.Placed(id, List.of(OrderLine.of("l1", MUG.sku(), quantity, MUG.location())))), List.of());
  }
}
