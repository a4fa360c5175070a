package dev.stockbridge.commercetools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Channel;
import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.SharedPools;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.AtsControls;
import dev.stockbridge.ats.AtsPolicy;
import dev.stockbridge.ats.Buffer;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.engine.StockEngineBuilder;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.spi.Supply;
import dev.stockbridge.testkit.CommercetoolsMock;
import dev.stockbridge.testkit.CommercetoolsMockExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Holdbacks on the commercetools mock: the entries show sellable stock less what the policy and
 * the planner's minimum stock hold back, changed by relative updates while the storefront sells.
 */
@ExtendWith(CommercetoolsMockExtension.class)
class HoldbacksOnMockTest {

  private static final Location A = Location.of("hb-a");
  private static final Location B = Location.of("hb-b");

  private static CommercetoolsConnector connector;
  private static MockProject project;
  private final ConcurrentLinkedQueue<StockException> exceptions = new ConcurrentLinkedQueue<>();
  private StorefrontStock storefront;
  private StockEngine engine;

  @BeforeAll
  static void connect(CommercetoolsMock mock) {
    connector = CommercetoolsConnector.connect(MockConfig.of(mock).build());
    project = new MockProject(connector);
    project.ensureChannels("hb-a", "hb-b");
  }

  @AfterAll
  static void close() {
    connector.close();
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.stop();
    }
  }

  private StockEngineBuilder defaults() {
    storefront = connector.storefrontStock(LocationChannels.sameKeys());
    return StockEngine.builder()
        .storefront(storefront)
        .journal(new InMemoryJournal())
        .bundles(BundleCatalogue.empty())
        .exceptionStore(exceptions::add)
        .parallelism(4)
        .consistencyLag(Duration.ZERO)
        .retry(Duration.ofMillis(1), Duration.ofMillis(20), -1);
  }

  private StockEngine start(StockEngineBuilder builder) {
    engine = builder.build();
    engine.start();
    return engine;
  }

  private void drain() throws InterruptedException {
    assertThat(engine.drainAll(Duration.ofMinutes(1))).as("drained").isTrue();
  }

  private StockEntry entry(StockKey key) {
    return storefront.read(List.of(key)).get(key);
  }

  private static Sku sku(String prefix) {
    return Sku.of(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  private static Movement receipt(StockKey key, long quantity, String id) {
    return Movement.of(MovementKind.RECEIPT, key.sku(), key.location(), quantity, id, IdempotencyKeys.of(MovementKind.RECEIPT, id));
  }

  @Test
  void minimumStock_isStillHeldBack_whenTheEngineRestartsBeforeThePlannersNextRead() throws Exception {
    StockKey key = new StockKey(sku("HB-RESTART"), A);
    project.createEntry(key, 10);
    start(defaults()).changeMinimumStock(key, 3, "planner-run-1");
    drain();
    assertThat(entry(key).quantityOnStock()).isEqualTo(7);
    assertThat(entry(key).minimumStock()).isEqualTo(3);
    engine.stop();

    start(defaults()); // a new process: told no minimum stock yet
    engine.submit(receipt(key, 5, "PO-restart-" + key.sku()));
    engine.submit(new OrderEvent.Placed("hb-restart-" + key.sku(), List.of(OrderLine.of("l1", key.sku(), 2, A))));
    drain();

    assertThat(entry(key).quantityOnStock()).as("10 + 5 - 2 sellable, 3 still held back").isEqualTo(10);
    assertThat(entry(key).heldBack()).isEqualTo(3);
    assertThat(exceptions).isEmpty();
  }

  @Test
  void policyAndMinimumStockChanges_landAsDeltas_whileTrackOnlyOrdersLand() throws Exception {
    List<StockKey> keys = new ArrayList<>();
    Map<StockKey, Long> sellable = new ConcurrentHashMap<>();
    for (int i = 0; i < 4; i++) {
      Sku sku = sku("HB");
      for (Location location : List.of(A, B)) {
        StockKey key = new StockKey(sku, location);
        project.createEntry(key, 1_000);
        keys.add(key);
        sellable.put(key, 1_000L);
      }
    }
    start(defaults());
    Random random = new Random(20261201L);
    List<OrderEvent.Placed> orders = new ArrayList<>();
    for (int o = 0; o < 200; o++) {
      StockKey key = keys.get(random.nextInt(keys.size()));
      long quantity = 1 + random.nextInt(3);
      orders.add(new OrderEvent.Placed("hb-o" + o + "-" + key.sku(), List.of(new OrderLine("l1", key.sku(), quantity, key.location(), Optional.empty(), InventoryMode.TRACK_ONLY))));
    }
    Map<StockKey, Long> minimum = new ConcurrentHashMap<>();
    StorefrontPolicy buffered =
        StorefrontPolicy.builder().ats(AtsPolicy.builder().channel(Channel.of(B.key()), AtsControls.none().withBuffer(Buffer.percent(10))).build()).build();

    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        int producer = p;
        done.add(threads.submit(() -> {
          for (int i = producer; i < orders.size(); i += 2) {
            OrderLine line = orders.get(i).lines().get(0);
            StockKey key = new StockKey(line.sku(), line.location());
            project.sell(key, line.quantity()); // the platform takes it itself
            sellable.merge(key, -line.quantity(), Long::sum);
            engine.submit(orders.get(i));
          }
          return null;
        }));
      }
      done.add(threads.submit(() -> {
        Random changes = new Random(7);
        for (int run = 0; run < 40; run++) {
          StockKey key = keys.get(changes.nextInt(keys.size()));
          long units = changes.nextInt(60);
          engine.changeMinimumStock(key, units, "planner-run-" + run);
          minimum.put(key, units);
          if (run == 20) {
            engine.changePolicy(buffered, keys, "marketplace-buffer");
          }
        }
        return null;
      }));
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }
    drain();

    assertThat(exceptions).isEmpty();
    Map<StockKey, StockEntry> actual = storefront.read(keys);
    for (StockKey key : keys) {
      long expectedShown = buffered.explain(key, sellable.get(key), minimum.getOrDefault(key, 0L)).shown();
      assertThat(actual.get(key).sellable()).as("sellable of %s", key).isEqualTo(sellable.get(key));
      assertThat(actual.get(key).quantityOnStock()).as("shown of %s", key).isEqualTo(expectedShown);
    }
  }

  @Test
  void belowTheHoldback_showsZero_andComesBackAsStockArrives() throws Exception {
    StockKey key = new StockKey(sku("LOW"), A);
    project.createEntry(key, 6);
    start(defaults());

    engine.changeMinimumStock(key, 10, "run-1");
    drain();
    assertThat(entry(key).quantityOnStock()).isZero();
    assertThat(entry(key).heldBack()).isEqualTo(6);

    engine.submit(receipt(key, 7, "PO-low-1-" + key.sku()));
    drain();
    assertThat(entry(key).quantityOnStock()).isEqualTo(3);

    project.sell(key, 5);
    engine.submit(new OrderEvent.Placed("low-o1-" + key.sku(), List.of(new OrderLine("l1", key.sku(), 5, A, Optional.empty(), InventoryMode.TRACK_ONLY))));
    drain();
    assertThat(entry(key).quantityOnStock()).as("sellable 8 below 10 again").isZero();
    assertThat(entry(key).sellable()).isEqualTo(8);
  }

  @Test
  void restockableInDays_isNotWritten_withoutTheBackorderPolicy() throws Exception {
    StockKey key = new StockKey(sku("NOBO"), A);
    StockKey allowed = new StockKey(sku("BO"), A);
    project.createEntry(key, 5);
    project.createEntry(allowed, 5);
    start(defaults().policy(StorefrontPolicy.builder().backorders(allowed).build()));
    Instant delivery = Instant.parse("2026-09-01T00:00:00Z");
    Supply supply = new Supply(Optional.of(delivery), OptionalInt.of(4), OptionalLong.of(3));

    engine.setSupply(key, supply);
    engine.setSupply(allowed, supply);
    drain();

    assertThat(entry(key).supply().restockableInDays()).isEmpty();
    assertThat(entry(key).supply().expectedDelivery()).contains(delivery);
    assertThat(entry(allowed).supply().restockableInDays()).hasValue(4);
  }

  @Test
  void sharedPool_eachChannelShowsThePoolLessItsOwnBuffer() throws Exception {
    Sku sku = sku("POOL");
    StockKey web = new StockKey(sku, A);
    StockKey market = new StockKey(sku, B);
    project.createEntry(web, 0);
    project.createEntry(market, 0);
    AtsPolicy ats = AtsPolicy.builder().channel(Channel.of(B.key()), AtsControls.none().withBuffer(Buffer.percent(10))).build();
    start(defaults().sharedPools(SharedPools.of(List.of(List.of(A, B)))).policy(StorefrontPolicy.builder().ats(ats).build()));

    engine.submit(receipt(web, 80, "PO-pool-" + sku));
    drain();

    assertThat(entry(web).quantityOnStock()).isEqualTo(80);
    assertThat(entry(market).quantityOnStock()).isEqualTo(72);
  }

  @Test
  void bundle_isShownFromItsComponentsShownStock() throws Exception {
    Sku tee = sku("TEE");
    Sku cap = sku("CAP");
    Sku kit = sku("KIT");
    project.createEntry(new StockKey(tee, A), 20);
    project.createEntry(new StockKey(cap, A), 30);
    project.createEntry(new StockKey(kit, A), 0);
    BundleCatalogue bundles = BundleCatalogue.builder().component(kit, tee, 1).component(kit, cap, 2).build();
    start(defaults().bundles(bundles));

    engine.changeMinimumStock(new StockKey(tee, A), 8, "run-kit");
    drain();

    assertThat(entry(new StockKey(tee, A)).quantityOnStock()).isEqualTo(12);
    assertThat(entry(new StockKey(kit, A)).quantityOnStock()).as("min(12 / 1, 30 / 2)").isEqualTo(12);
  }
}
