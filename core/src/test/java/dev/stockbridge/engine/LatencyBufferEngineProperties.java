package dev.stockbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.LatencyBuffer;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/**
 * The latency buffer is a holdback like the others: whatever the interleaving of sales, receipts,
 * minimum-stock changes and time passing, the buffer stays between 0 and its cap and, once drained,
 * the entry shows max(0, sellable − minimum stock − buffer).
 */
class LatencyBufferEngineProperties {

  private static final StockKey KEY = new StockKey(Sku.of("TEE"), Location.of("dc"));
  private static final long CAP = 6;

  /** 0–2 = sale (the most frequent), 3 = receipt, 4 = minimum stock change, 5 = seconds pass; with an amount. */
  @Provide
  Arbitrary<List<Tuple2<Integer, Integer>>> steps() {
    return Arbitraries.integers().between(0, 5).flatMap(kind -> Arbitraries.integers().between(0, 25).map(n -> Tuple.of(kind, n)))
        .list().ofMinSize(10).ofMaxSize(40);
  }

  @Property(tries = 30)
  void bufferStaysWithinItsCap_andTheEntryEndsAtSellableLessHoldbacks(@ForAll("steps") List<Tuple2<Integer, Integer>> steps) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T18:00:00Z"));
    InMemoryStorefront storefront = new InMemoryStorefront();
    storefront.create(KEY, 200);
    StockEngine engine = StockEngine.builder().storefront(storefront).journal(new InMemoryJournal()).clock(clock)
        .batchWindow(Lane.ADJUSTMENT, Duration.ZERO).batchWindow(Lane.BULK, Duration.ZERO)
        .retry(Duration.ofMillis(1), Duration.ofMillis(5), -1).consistencyLag(Duration.ofSeconds(10))
        .latencyBuffer(LatencyBuffer.of(Duration.ofSeconds(30), CAP).recomputedEvery(Duration.ofSeconds(2))).build();
    engine.start();
    try {
      long sellable = 200;
      long minimum = 0;
      long highest = 0;
      int i = 0;
      for (Tuple2<Integer, Integer> step : steps) {
        i++;
        int n = step.get2();
        switch (step.get1()) {
          case 0, 1, 2 -> {
            long quantity = Math.min(n, sellable);
            if (quantity > 0) {
              engine.submit(Movement.of(MovementKind.ORDER, KEY.sku(), KEY.location(), -quantity, "sale " + i, IdempotencyKeys.orderLine("o" + i, "1")));
              sellable -= quantity;
            }
          }
          case 3 -> {
            if (n > 0) {
              engine.submit(Movement.of(MovementKind.RECEIPT, KEY.sku(), KEY.location(), n, "po " + i, IdempotencyKeys.of(MovementKind.RECEIPT, "po-" + i)));
              sellable += n;
            }
          }
          case 4 -> {
            engine.changeMinimumStock(KEY, n, "run-" + i);
            minimum = n;
          }
          default -> clock.advance(Duration.ofSeconds(n / 2)); // up to 12 s: the 30 s window empties only now and then
        }
        assertThat(buffer(engine)).isBetween(0L, CAP);
        highest = Math.max(highest, buffer(engine));
      }
      Statistics.label("a buffer was held").collect(highest > 0);
      assertThat(engine.drain(Duration.ofSeconds(10))).isTrue();

      long buffer = buffer(engine);
      assertThat(buffer).isBetween(0L, CAP);
      assertThat(storefront.entry(KEY).quantityOnStock()).as("steps %s, buffer %d", steps, buffer)
          .isEqualTo(Math.max(0, sellable - minimum - buffer));
    } finally {
      engine.stop();
    }
  }

  private static long buffer(StockEngine engine) {
    return engine.health().latencyBuffers().stream().filter(f -> f.key().equals(KEY)).mapToLong(LatencyBuffer.Figure::units).sum();
  }
}
