package dev.stockbridge.examples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.LatencyBuffer;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.flow.OrderQuarantine;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.runtime.Stockbridge;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.storefront.InMemoryStorefront;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /status and the page show the order-to-storefront times and the latency buffers with their inputs. */
class StatusServerTest {

  private static final StockKey HOT = new StockKey(Sku.of("SNEAKER<1>"), Location.of("dc"));

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void shouldShowTheLatenciesAndTheBuffers_onStatusAndThePage() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    InMemoryStorefront storefront = new InMemoryStorefront();
    storefront.create(HOT, 100);
    ExceptionTracker exceptions = ExceptionTracker.inMemory(clock);
    try (Stockbridge stockbridge = Stockbridge.builder()
            .engine(StockEngine.builder().storefront(storefront).journal(new InMemoryJournal()).clock(clock).consistencyLag(Duration.ofSeconds(10))
                .latencyBuffer(LatencyBuffer.of(Duration.ofMinutes(1), 4).recomputedEvery(Duration.ofSeconds(5))).build())
            .clock(clock)
            .build();
        StatusServer server = StatusServer.start("127.0.0.1", 0, "token-not-real", stockbridge, exceptions, OrderQuarantine.inMemory(),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), dir.resolve("inspections"))) {
      stockbridge.runOnce();
      for (int second = 1; second <= 12; second++) {
        clock.advance(Duration.ofSeconds(1));
        stockbridge.engine().submit(Movement.of(MovementKind.ORDER, HOT.sku(), HOT.location(), -3, "o" + second, IdempotencyKeys.orderLine("o" + second, "1")));
      }
      assertThat(stockbridge.drain(Duration.ofSeconds(10))).isTrue();

      Map<String, Object> status = server.status();
      Map<String, Object> engine = (Map<String, Object>) status.get("engine");
      Map<String, Object> timing = (Map<String, Object>) engine.get("orderToStorefront");
      assertThat(timing).containsEntry("timed", 12L).containsKeys("p50Seconds", "p99Seconds");
      assertThat((double) timing.get("p99Seconds")).isGreaterThanOrEqualTo((double) timing.get("p50Seconds"));
      List<Map<String, Object>> buffers = (List<Map<String, Object>>) engine.get("latencyBuffers");
      assertThat(buffers).singleElement().satisfies(one -> {
        assertThat(one).containsEntry("sku", "SNEAKER<1>").containsEntry("location", "dc").containsEntry("units", 4L).containsEntry("windowSeconds", 60L);
        assertThat((long) one.get("orderUnitsInWindow")).as("what the last recompute counted").isPositive();
        assertThat((double) one.get("exposureSeconds")).isGreaterThanOrEqualTo(10.0);
      });

      String page = StatusPage.html(status);
      assertThat(page).contains("<h2>Order to storefront</h2>", "12 order movements timed", "<h2>Latency buffer</h2>", "SNEAKER&lt;1&gt;")
          .doesNotContain("SNEAKER<1>");
    }
  }
}
