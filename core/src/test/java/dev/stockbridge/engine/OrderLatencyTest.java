package dev.stockbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.spi.MetricsListener;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each order movement is timed from acceptance to the storefront update that carried it. */
class OrderLatencyTest {

  private static final StockKey MUG = new StockKey(Sku.of("MUG"), Location.of("dc"));
  private static final StockKey CUP = new StockKey(Sku.of("CUP"), Location.of("dc"));

  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final InMemoryJournal journal = new InMemoryJournal();
  private final AtomicLong heard = new AtomicLong();
  private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
  private final MetricsListener listener = new MetricsListener() {
    @Override
    public void orderToStorefront(long took, int movements) {
      heard.addAndGet(movements);
      nanos.add(took);
    }
  };

  private StockEngine engine() {
    return StockEngine.builder().storefront(storefront).journal(journal).metrics(listener)
        .batchWindow(Lane.ADJUSTMENT, Duration.ZERO).consistencyLag(Duration.ZERO).build();
  }

  private static Movement order(StockKey key, String id, long units) {
    return Movement.of(MovementKind.ORDER, key.sku(), key.location(), -units, id, IdempotencyKeys.orderLine(id, "1"));
  }

  @Test
  void shouldTimeEveryOrderMovement_andNothingElse() throws InterruptedException {
    storefront.create(MUG, 50);
    storefront.create(CUP, 50);
    try (StockEngine engine = engine()) {
      engine.start();
      engine.submit(List.of(order(MUG, "o-1", 1), order(MUG, "o-2", 2), order(CUP, "o-3", 1)));
      engine.submit(order(MUG, "o-4", 1));
      engine.submit(Movement.of(MovementKind.RECEIPT, MUG.sku(), MUG.location(), 5, "po", IdempotencyKeys.of(MovementKind.RECEIPT, "po-1")));
      engine.submit(order(MUG, "o-1", 1)); // a duplicate: not accepted, not timed
      assertThat(engine.drain(Duration.ofSeconds(10))).isTrue();

      EngineHealth.OrderLatency latency = engine.health().orderToStorefront();
      assertThat(latency.timed()).as("the four order movements, not the receipt nor the duplicate").isEqualTo(4);
      assertThat(latency.recent()).isEqualTo(4);
      assertThat(latency.p99()).isGreaterThanOrEqualTo(latency.p50()).isGreaterThanOrEqualTo(Duration.ZERO);
      assertThat(heard).hasValue(4);
      assertThat(nanos).allSatisfy(took -> assertThat(took).isNotNegative());
    }
  }

  @Test
  void shouldNotTimeMovementsReplayedAfterARestart() throws InterruptedException {
    storefront.create(MUG, 50);
    journal.append(List.of(order(MUG, "o-9", 2).withSequence(1))); // accepted by an earlier process, never applied
    try (StockEngine engine = engine()) {
      engine.start();
      assertThat(engine.drain(Duration.ofSeconds(10))).isTrue();

      assertThat(storefront.entry(MUG).quantityOnStock()).isEqualTo(48);
      assertThat(engine.health().orderToStorefront().timed()).isZero();
      assertThat(engine.health().orderToStorefront().p99()).isZero();
      assertThat(heard).hasValue(0);
    }
  }

  @Test
  void shouldKeepWriting_whenTheListenerThrows() throws InterruptedException {
    storefront.create(MUG, 50);
    try (StockEngine engine = StockEngine.builder().storefront(storefront).journal(journal).metrics(new MetricsListener() {
      @Override
      public void orderToStorefront(long took, int movements) {
        throw new IllegalStateException("broken meter");
      }
    }).build()) {
      engine.start();
      engine.submit(order(MUG, "o-1", 3));
      assertThat(engine.drain(Duration.ofSeconds(10))).isTrue();

      assertThat(storefront.entry(MUG).quantityOnStock()).isEqualTo(47);
      assertThat(engine.health().failed()).isZero();
      assertThat(engine.health().orderToStorefront().timed()).isEqualTo(1);
    }
  }
}
