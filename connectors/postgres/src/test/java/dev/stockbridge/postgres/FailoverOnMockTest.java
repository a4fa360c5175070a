package dev.stockbridge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.channel.ChannelDraft;
import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.channel.ChannelRoleEnum;
import com.commercetools.api.models.inventory.InventoryEntryDraft;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.commercetools.CommercetoolsConfig;
import dev.stockbridge.commercetools.CommercetoolsConnector;
import dev.stockbridge.commercetools.LocationChannels;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.runtime.Stockbridge;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.testkit.CommercetoolsMock;
import dev.stockbridge.testkit.CommercetoolsMockExtension;
import dev.stockbridge.testkit.TestPostgres;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Active/standby against the commercetools mock: two instances, each with its own pool, lease
 * connection and commercetools client, on one database. Several producers submit a flash sale of
 * order lines to whichever instance is active (at least once: a refused or failed submission is
 * retried, possibly on the other instance); mid-sale the active instance is killed (its sessions
 * terminated by the server, its pool closed, its lease abandoned unreleased, its engine stopped
 * without draining). The standby takes over when the lease expires, replays the shared journal and
 * finishes. Every key must end exact: nothing lost, nothing applied twice.
 */
@ExtendWith(CommercetoolsMockExtension.class)
class FailoverOnMockTest {

  private static final Location DC = Location.of("fo-dc");
  private static final long INITIAL = 100_000;
  private static final int PRODUCERS = 4;
  private static final Duration TTL = Duration.ofMillis(1_500);

  private static CommercetoolsMock mock;

  @BeforeAll
  static void channel(CommercetoolsMock running) {
    mock = running;
    try (CommercetoolsConnector admin = connect()) {
      boolean exists = !admin.api().channels().get().withWhere("key = :key").withPredicateVar("key", DC.key())
          .executeBlocking().getBody().getResults().isEmpty();
      if (!exists) {
        admin.api().channels().post(ChannelDraft.builder().key(DC.key())
            .roles(ChannelRoleEnum.INVENTORY_SUPPLY).build()).executeBlocking();
      }
    }
  }

  @AfterAll
  static void done() {
    mock = null;
  }

  /** One instance: its store, lease, runtime and commercetools client. */
  private record Instance(String name, PostgresStore store, PostgresLease lease, Stockbridge runtime,
      CommercetoolsConnector connector) {}

  @ParameterizedTest(name = "seed {0}, killed after {1} of {2} order lines")
  @CsvSource({"20261127, 300, 1500", "7, 900, 1500", "42, 1300, 1500"})
  void shouldEndExactOnEveryKey_whenTheActiveInstanceIsKilledMidSale(long seed, int killAfter, int lines)
      throws Exception {
    PostgresConfig database = TestDatabase.fresh();
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<StockKey> keys = new ArrayList<>();
    Map<StockKey, Long> expected = new HashMap<>();
    try (CommercetoolsConnector admin = connect()) {
      String channelId = admin.channels().id(DC.key());
      for (int i = 0; i < 8; i++) {
        StockKey key = new StockKey(Sku.of("FO-" + run + "-" + i), DC);
        admin.api().inventory().post(InventoryEntryDraft.builder().sku(key.sku().value())
            .supplyChannel(ChannelResourceIdentifier.builder().id(channelId).build())
            .quantityOnStock(INITIAL).build()).executeBlocking();
        keys.add(key);
        expected.put(key, INITIAL);
      }
    }
    Random random = new Random(seed);
    List<Movement> sale = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      StockKey key = keys.get(random.nextInt(keys.size()));
      long quantity = 1 + random.nextInt(3);
      sale.add(Movement.of(MovementKind.ORDER, key.sku(), DC, -quantity, "order " + i,
          "order/" + run + "-" + i + "/1"));
      expected.merge(key, -quantity, Long::sum);
    }

    ConcurrentLinkedQueue<StockException> exceptions = new ConcurrentLinkedQueue<>();
    Instance a = instance("a", database, exceptions);
    awaitActive(a, Duration.ofSeconds(10));
    Instance b = instance("b", database, exceptions);
    assertThat(b.runtime().runOnce().standby()).as("b stands by while a holds the lease").isTrue();

    AtomicInteger submitted = new AtomicInteger();
    List<Instance> instances = List.of(a, b);
    long[] killedAt = new long[1];
    long[] firstAcceptedByB = new long[1];
    ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        int producer = p;
        done.add(producers.submit(() -> {
          for (int i = producer; i < sale.size(); i += PRODUCERS) {
            if (deliver(sale.get(i), instances) == b) {
              synchronized (firstAcceptedByB) {
                if (firstAcceptedByB[0] == 0) {
                  firstAcceptedByB[0] = System.nanoTime();
                }
              }
            }
            if (submitted.incrementAndGet() == killAfter) {
              kill(a, database);
              killedAt[0] = System.nanoTime();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(3, TimeUnit.MINUTES);
      }
    } finally {
      producers.shutdownNow();
    }

    try {
      assertThat(b.runtime().active()).as("b took over").isTrue();
      assertThat(b.lease().token()).as("a new fencing token").isGreaterThan(1);
      assertThat(b.runtime().drain(Duration.ofMinutes(2))).as("drained").isTrue();
      assertThat(exceptions).isEmpty();
      Map<StockKey, StockEntry> actual = storefront(b).read(expected.keySet());
      expected.forEach((key, quantity) ->
          assertThat(actual.get(key).quantityOnStock()).as("stock of %s", key).isEqualTo(quantity));
      long takeOver = TimeUnit.NANOSECONDS.toMillis(firstAcceptedByB[0] - killedAt[0]);
      System.out.printf("failover seed %d kill after %d: take-over %d ms (ttl %d ms)%n", seed, killAfter,
          takeOver, TTL.toMillis());
      assertThat(takeOver).as("take-over time, ms").isBetween(0L, TTL.toMillis() + 3_000);
    } finally {
      close(b);
    }
  }

  /** Submits to the active instance, retrying (on either) until one accepts it: at least once. */
  private static Instance deliver(Movement movement, List<Instance> instances) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (Instance instance : instances) {
        try {
          if (!instance.runtime().active()) {
            instance.runtime().runOnce(); // a standby's cycle tries the lease
            continue;
          }
          instance.runtime().engine().submit(movement);
          return instance;
        } catch (RuntimeException refused) {
          // Standby, deposed, fenced or cut off: nothing was accepted; try again.
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no instance accepted " + movement.idempotencyKey());
  }

  private static Instance instance(String name, PostgresConfig database,
      ConcurrentLinkedQueue<StockException> exceptions) {
    PostgresStore store = PostgresStore.open(
        database.withProperties(Map.of("ApplicationName", "stockbridge-" + name)));
    PostgresLease lease = store.lease("sync", name, TTL);
    CommercetoolsConnector connector = connect();
    StorefrontStock storefront = connector.storefrontStock(LocationChannels.sameKeys());
    Stockbridge runtime = Stockbridge.builder()
        .lease(lease, () -> StockEngine.builder()
            .storefront(storefront)
            .journal(store.journal(lease))
            .bundles(BundleCatalogue.empty())
            .exceptionStore(exceptions::add)
            .parallelism(4)
            .retry(Duration.ofMillis(1), Duration.ofMillis(20), -1)
            .build())
        .drainOnClose(Duration.ZERO)
        .build();
    return new Instance(name, store, lease, runtime, connector);
  }

  private static StorefrontStock storefront(Instance instance) {
    return instance.connector().storefrontStock(LocationChannels.sameKeys());
  }

  /** As a kill -9 would: sessions cut by the server, nothing released, nothing drained. */
  private static void kill(Instance victim, PostgresConfig database) {
    victim.lease().abandon();
    victim.store().dataSource().close();
    String db = database.url().substring(database.url().lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    TestPostgres.terminateSessions(db, Optional.of("stockbridge-" + victim.name()));
    close(victim);
  }

  private static void close(Instance instance) {
    try {
      instance.runtime().close();
    } catch (RuntimeException e) {
      // A killed instance fails to stop cleanly, as a dead process would.
    }
    instance.store().close();
    instance.connector().close();
  }

  private static void awaitActive(Instance instance, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (instance.runtime().runOnce().standby() || !instance.runtime().active()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(instance.name() + " never acquired the lease");
      }
      Thread.sleep(20);
    }
  }

  private static CommercetoolsConnector connect() {
    return CommercetoolsConnector.connect(CommercetoolsConfig.builder()
        .projectKey(CommercetoolsMock.PROJECT_KEY)
        .credentials(CommercetoolsMock.CLIENT_ID, CommercetoolsMock.CLIENT_SECRET)
        .scopes("manage_project:" + CommercetoolsMock.PROJECT_KEY)
        .urls(mock.apiUrl(), mock.tokenUrl())
        .requestTimeout(Duration.ofSeconds(20))
        .build());
  }
}
