package dev.stockbridge.commercetools;

import dev.stockbridge.testkit.CommercetoolsMockExtension;
import dev.stockbridge.testkit.CommercetoolsMock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.engine.EngineHealth;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.spi.StorefrontStock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A small seeded flash sale run by the engine against the commercetools mock: hot SKUs, half the
 * lines decremented by the storefront itself (TrackOnly, applied concurrently through the API as
 * the platform would), duplicate deliveries, cancellations and receipts. Every key must end exact.
 */
@ExtendWith(CommercetoolsMockExtension.class)
class FlashSaleOnMockTest {

  private static final int PRODUCERS = 4;
  private static final long INITIAL = 5_000;
  private static final List<Location> LOCATIONS = List.of(Location.of("sim-a"), Location.of("sim-b"));

  private static CommercetoolsConnector connector;
  private static MockProject project;

  @BeforeAll
  static void connect(CommercetoolsMock mock) {
    connector = CommercetoolsConnector.connect(MockConfig.of(mock).build());
    project = new MockProject(connector);
    project.ensureChannels("sim-a", "sim-b");
  }

  @AfterAll
  static void close() {
    connector.close();
  }

  /** One order, receipt or duplicate, with the platform's own decrements that go with it. */
  private record Step(Object submission, Map<StockKey, Long> platformSells) {}

  @Test
  void shouldEndWithExactStockOnEveryKey_whenTheStorefrontSellsConcurrently() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Sku> skus = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      skus.add(Sku.of("HOT-" + run + "-" + i));
    }
    Map<StockKey, Long> expected = new HashMap<>();
    for (Sku sku : skus) {
      for (Location location : LOCATIONS) {
        StockKey key = new StockKey(sku, location);
        project.createEntry(key, INITIAL);
        expected.put(key, INITIAL);
      }
    }
    List<Step> steps = sale(new Random(20261127L), 600, skus, expected);
    ConcurrentLinkedQueue<StockException> exceptions = new ConcurrentLinkedQueue<>();
    StorefrontStock storefront = connector.storefrontStock(LocationChannels.sameKeys());
    StockEngine engine =
        StockEngine.builder()
            .storefront(storefront)
            .journal(new InMemoryJournal())
            .bundles(BundleCatalogue.empty())
            .exceptionStore(exceptions::add)
            .parallelism(4)
            .retry(Duration.ofMillis(1), Duration.ofMillis(20), -1)
            .build();
    engine.start();
    try {
      ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
          int producer = p;
          done.add(
              producers.submit(
                  () -> {
                    for (int i = producer; i < steps.size(); i += PRODUCERS) {
                      Step step = steps.get(i);
                      step.platformSells().forEach(project::sell);
                      if (step.submission() instanceof OrderEvent event) {
                        engine.submit(event);
                      } else {
                        engine.submit((Movement) step.submission());
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(2, TimeUnit.MINUTES);
        }
      } finally {
        producers.shutdownNow();
      }
      assertThat(engine.drain(Duration.ofMinutes(1))).as("drained").isTrue();

      assertThat(exceptions).isEmpty();
      Map<StockKey, StockEntry> actual = storefront.read(expected.keySet());
      expected.forEach((key, quantity) -> assertThat(actual.get(key).quantityOnStock()).as("stock of %s", key).isEqualTo(quantity));
      EngineHealth health = engine.health();
      assertThat(health.duplicates()).as("duplicate deliveries were seen and ignored").isPositive();
      assertThat(health.applied() + health.failed()).isEqualTo(health.accepted());
      assertThat(actual.values()).as("markers written with the stock").allSatisfy(e -> assertThat(e.appliedSequence()).isPositive());
    } finally {
      engine.stop();
    }
  }

  private static List<Step> sale(Random random, int orders, List<Sku> skus, Map<StockKey, Long> expected) {
    List<Step> steps = new ArrayList<>();
    List<OrderEvent.Placed> placed = new ArrayList<>();
    for (int o = 0; o < orders; o++) {
      List<OrderLine> lines = new ArrayList<>();
      Map<StockKey, Long> sells = new HashMap<>();
      int count = 1 + random.nextInt(2);
      for (int l = 0; l < count; l++) {
        StockKey key = new StockKey(skus.get(random.nextInt(skus.size())), LOCATIONS.get(random.nextInt(LOCATIONS.size())));
        long quantity = 1 + random.nextInt(3);
        InventoryMode mode = random.nextBoolean() ? InventoryMode.TRACK_ONLY : InventoryMode.NONE;
        lines.add(new OrderLine("l" + l, key.sku(), quantity, key.location(), Optional.empty(), mode));
        if (mode == InventoryMode.TRACK_ONLY) {
          sells.merge(key, quantity, Long::sum);
        }
        expected.merge(key, -quantity, Long::sum);
      }
      OrderEvent.Placed event = new OrderEvent.Placed("o" + o, lines);
      placed.add(event);
      steps.add(new Step(event, sells));
      if (random.nextInt(10) == 0) {
        steps.add(new Step(event, Map.of())); // delivered twice
      }
      if (random.nextInt(20) == 0 && placed.size() > 1) {
        OrderEvent.Placed earlier = placed.remove(random.nextInt(placed.size() - 1));
        OrderLine line = earlier.lines().get(0);
        steps.add(new Step(new OrderEvent.Cancelled(earlier.orderId(), List.of(line)), Map.of()));
        expected.merge(new StockKey(line.sku(), line.location()), line.quantity(), Long::sum);
      }
      if (random.nextInt(25) == 0) {
        StockKey key = new StockKey(skus.get(random.nextInt(skus.size())), LOCATIONS.get(random.nextInt(LOCATIONS.size())));
        long quantity = 10 + random.nextInt(40);
        steps.add(new Step(Movement.of(MovementKind.RECEIPT, key.sku(), key.location(), quantity, "PO-" + o, IdempotencyKeys.of(MovementKind.RECEIPT, "PO-" + o)), Map.of()));
        expected.merge(key, quantity, Long::sum);
      }
    }
    return steps;
  }
}
