package dev.stockbridge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.channel.ChannelDraft;
import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.channel.ChannelRoleEnum;
import com.commercetools.api.models.inventory.InventoryEntryDraft;
import dev.stockbridge.Location;
import dev.stockbridge.SharedPools;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.commercetools.CommercetoolsConfig;
import dev.stockbridge.commercetools.CommercetoolsConnector;
import dev.stockbridge.commercetools.LocationChannels;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.order.ReturnDisposition;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.testkit.CommercetoolsMock;
import dev.stockbridge.testkit.CommercetoolsMockExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A flash sale on Kafka against the commercetools mock: three instances in one group, order
 * messages as a subscription delivers them (one fixed key, some twice, cancellations and returns
 * sometimes before their order), bundles whose components are shared, two locations sharing one
 * stock pool. A third of the way in, the instance re-keying the intake is killed (nothing
 * committed, the group not told, its open transaction left to time out); at two thirds a fourth
 * instance joins. Every entry must end exact, bundles at their derived value, no offset applied
 * twice, no movement applied twice.
 */
@ExtendWith(CommercetoolsMockExtension.class)
@Timeout(150)
class FlashSaleOnKafkaTest {

  private static final Location DC1 = Location.of("fk-dc1");
  private static final Location DC2 = Location.of("fk-dc2");
  private static final Location DC3 = Location.of("fk-dc3");
  private static final List<Location> LOCATIONS = List.of(DC1, DC2, DC3);
  private static final long INITIAL = 20_000;
  private static final int ORDERS = 600;

  private static CommercetoolsMock mock;
  private static TestKafka kafka;

  @BeforeAll
  static void start(CommercetoolsMock running) throws Exception {
    mock = running;
    kafka = TestKafka.start();
    try (CommercetoolsConnector admin = connect()) {
      for (Location location : LOCATIONS) {
        boolean exists = !admin.api().channels().get().withWhere("key = :key").withPredicateVar("key", location.key())
            .executeBlocking().getBody().getResults().isEmpty();
        if (!exists) {
          admin.api().channels().post(ChannelDraft.builder().key(location.key())
              .roles(ChannelRoleEnum.INVENTORY_SUPPLY).build()).executeBlocking();
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
    mock = null;
  }

  @Test
  void shouldEndExactOnEveryKey_whenAnInstanceIsKilledMidSaleAndAnotherJoins() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6);
    List<Sku> simple = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      simple.add(Sku.of("FK-" + run + "-S" + i));
    }
    Sku kitA = Sku.of("FK-" + run + "-KIT-A");
    Sku kitB = Sku.of("FK-" + run + "-KIT-B");
    BundleCatalogue bundles = BundleCatalogue.builder()
        .component(kitA, simple.get(0), 1).component(kitA, simple.get(1), 2)
        .component(kitB, simple.get(2), 1).component(kitB, simple.get(3), 1).component(kitB, simple.get(0), 1)
        .build();
    SharedPools pools = SharedPools.of(List.of(List.of(DC1, DC2)));
    List<Sku> sellable = new ArrayList<>(simple);
    sellable.add(kitA);
    sellable.add(kitB);

    Map<StockKey, Long> expected = new HashMap<>();
    try (CommercetoolsConnector admin = connect()) {
      for (Location location : LOCATIONS) {
        String channel = admin.channels().id(location.key());
        for (Sku sku : sellable) {
          long initial = bundles.isBundle(sku) ? 0 : INITIAL;
          admin.api().inventory().post(InventoryEntryDraft.builder().sku(sku.value())
              .supplyChannel(ChannelResourceIdentifier.builder().id(channel).build())
              .quantityOnStock(initial).build()).executeBlocking();
          expected.put(new StockKey(sku, location), initial);
        }
      }
    }

    Sale sale = Sale.generate(new Random(20261201L), sellable, bundles, pools, expected);
    KafkaTopics topics = KafkaTopics.prefixed("fk-" + run);
    try (Admin admin = kafka.admin()) {
      topics.create(admin, 2, 6, (short) 1);
    }

    String group = "fk-" + run;
    ConcurrentLinkedQueue<StockException> exceptions = new ConcurrentLinkedQueue<>();
    Map<String, AtomicInteger> appliedTimes = new ConcurrentHashMap<>();
    List<CommercetoolsConnector> connectors = Collections.synchronizedList(new ArrayList<>());
    List<RecordingStorefront> storefronts = Collections.synchronizedList(new ArrayList<>());
    Map<String, KafkaStockbridge> instances = new HashMap<>();
    try (KafkaProducer<String, byte[]> subscription = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
      for (String name : List.of("a", "b", "c")) {
        instances.put(name, instance(name, group, topics, bundles, pools, exceptions, appliedTimes, connectors, storefronts));
      }
      Await.until(Duration.ofSeconds(30), () -> instances.values().stream().allMatch(i -> i.ownedPartitions() > 0)
              && instances.values().stream().mapToInt(KafkaStockbridge::ownedIntakePartitions).sum() == 2,
          () -> "three instances sharing the partitions");

      List<byte[]> messages = sale.messages();
      int third = messages.size() / 3;
      send(subscription, topics, messages.subList(0, third));
      // Kill the instance that re-keys the subscription's partition, once it has re-keyed and written.
      int fixedKeyPartition = partitionOf(subscription, topics);
      String victim = instances.entrySet().stream()
          .filter(e -> e.getValue().ownedIntakePartitions() > 0 && ownsIntake(e.getValue(), fixedKeyPartition))
          .map(Map.Entry::getKey).findFirst().orElseThrow();
      Await.until(Duration.ofSeconds(60), () -> appliedTimes.size() > third / 4, () -> "the sale under way");
      instances.remove(victim).abandon();

      send(subscription, topics, messages.subList(third, 2 * third));
      instances.put("d", instance("d", group, topics, bundles, pools, exceptions, appliedTimes, connectors, storefronts));
      send(subscription, topics, messages.subList(2 * third, messages.size()));

      RecordingStorefront check = storefronts.get(0);
      Await.until(Duration.ofSeconds(90), () -> exact(check, expected),
          () -> "exact on every key; off: " + off(check, expected));
      assertThat(exceptions).extracting(StockException::code).as("only the restocks of more than was sold").containsOnly("OVER_RESTOCK");
      java.util.Set<String> raisedFor = new java.util.TreeSet<>();
      exceptions.forEach(e -> raisedFor.add(e.message().replaceAll(".* of order (\\S+) line .*", "$1")));
      assertThat(raisedFor).as("raised for each order whose restocks ask too much").isEqualTo(sale.overRestocked());
      assertThat(storefronts.stream().flatMap(s -> s.violations().stream()).toList()).as("marks only rise").isEmpty();
      assertThat(appliedTimes.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey).toList())
          .as("movements applied more than once").isEmpty();
      assertThat(appliedTimes.keySet()).as("every movement of the sale applied (but those of the update cut by the kill)")
          .hasSizeGreaterThan(sale.movementCount() - 50);
      System.out.printf("flash sale on kafka: %d messages, %d storefront updates, victim %s%n", messages.size(),
          storefronts.stream().mapToLong(RecordingStorefront::updates).sum(), victim);
    } finally {
      for (KafkaStockbridge instance : instances.values()) {
        instance.close();
      }
      connectors.forEach(CommercetoolsConnector::close);
    }
  }

  private static boolean ownsIntake(KafkaStockbridge instance, int partition) {
    return instance.intakePartitions().contains(partition);
  }

  private static int partitionOf(KafkaProducer<String, byte[]> producer, KafkaTopics topics) throws Exception {
    return producer.send(new ProducerRecord<>(topics.intake(), Sale.SUBSCRIPTION_KEY, OrderMessages.encode(
        new OrderEvent.Cancelled("none", List.of(OrderLine.of("none", Sku.of("NONE"), 1, DC3)), "probe")))).get().partition();
  }

  private static void send(KafkaProducer<String, byte[]> producer, KafkaTopics topics, List<byte[]> messages) {
    messages.forEach(m -> producer.send(new ProducerRecord<>(topics.intake(), Sale.SUBSCRIPTION_KEY, m)));
    producer.flush();
  }

  private static boolean exact(RecordingStorefront storefront, Map<StockKey, Long> expected) {
    return off(storefront, expected).isEmpty();
  }

  private static Map<StockKey, String> off(RecordingStorefront storefront, Map<StockKey, Long> expected) {
    Map<StockKey, StockEntry> actual = storefront.read(expected.keySet());
    Map<StockKey, String> off = new HashMap<>();
    expected.forEach((key, quantity) -> {
      long shown = actual.get(key).quantityOnStock();
      if (shown != quantity) {
        off.put(key, shown + " not " + quantity);
      }
    });
    return off;
  }

  private static KafkaStockbridge instance(String name, String group, KafkaTopics topics, BundleCatalogue bundles,
      SharedPools pools, ConcurrentLinkedQueue<StockException> exceptions, Map<String, AtomicInteger> appliedTimes,
      List<CommercetoolsConnector> connectors, List<RecordingStorefront> storefronts) {
    CommercetoolsConnector connector = connect();
    connectors.add(connector);
    RecordingStorefront storefront = new RecordingStorefront(connector.storefrontStock(LocationChannels.sameKeys()));
    storefronts.add(storefront);
    KafkaStockbridge instance = KafkaStockbridge.builder()
        .bootstrapServers(kafka.bootstrap()).group(group).instance(name).topics(topics)
        .storefront(storefront).bundles(bundles).sharedPools(pools)
        .exceptionStore(exceptions::add)
        .listener(applied -> applied.movements().forEach(m ->
            appliedTimes.computeIfAbsent(m.idempotencyKey() + "@" + m.key(), k -> new AtomicInteger()).incrementAndGet()))
        .parallelism(4)
        .retry(Duration.ofMillis(5), Duration.ofMillis(200))
        .revokeGrace(Duration.ofSeconds(5))
        .clientProperty("session.timeout.ms", 2_000)
        .clientProperty("heartbeat.interval.ms", 300)
        .clientProperty("transaction.timeout.ms", 3_000)
        .build();
    instance.start();
    return instance;
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

  /** The sale's messages and, independently of the code under test, what every entry ends at. */
  static final class Sale {

    static final String SUBSCRIPTION_KEY = "commercetools-subscription";

    private final List<byte[]> messages;
    private final int movementCount;
    private final java.util.Set<String> overRestocked;

    private Sale(List<byte[]> messages, int movementCount, java.util.Set<String> overRestocked) {
      this.messages = messages;
      this.movementCount = movementCount;
      this.overRestocked = overRestocked;
    }

    /** The orders whose restocks ask more than a line has left, in whatever order they arrive. */
    java.util.Set<String> overRestocked() {
      return overRestocked;
    }

    List<byte[]> messages() {
      return messages;
    }

    int movementCount() {
      return movementCount;
    }

    /**
     * Orders of one to three lines over simple SKUs and bundles at three locations; a fifth
     * cancelled, a tenth with a return (sometimes of more than sold), a quarter of all messages
     * delivered twice, and neighbours swapped so some cancellations and returns come first.
     * Adds each key's change to {@code expected}.
     */
    static Sale generate(Random random, List<Sku> skus, BundleCatalogue bundles, SharedPools pools,
        Map<StockKey, Long> expected) {
      List<byte[]> messages = new ArrayList<>();
      java.util.Set<String> overRestocked = new java.util.TreeSet<>();
      Map<StockKey, Long> change = new HashMap<>();
      int movements = 0;
      for (int o = 0; o < ORDERS; o++) {
        String orderId = "order-" + o;
        List<OrderLine> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int l = 0; l < count; l++) {
          lines.add(OrderLine.of("line-" + l, skus.get(random.nextInt(skus.size())), 1 + random.nextInt(3),
              LOCATIONS.get(random.nextInt(LOCATIONS.size()))));
        }
        List<byte[]> events = new ArrayList<>();
        events.add(OrderMessages.encode(new OrderEvent.Placed(orderId, lines)));
        boolean cancelled = random.nextInt(5) == 0;
        OrderLine returnedLine = null;
        long returnedUnits = 0;
        if (cancelled) {
          events.add(OrderMessages.encode(new OrderEvent.Cancelled(orderId, lines, "cancel-" + o)));
        }
        if (random.nextInt(10) == 0) {
          OrderLine sold = lines.get(random.nextInt(lines.size()));
          returnedUnits = 1 + random.nextInt((int) sold.quantity() + 1); // at times one more than sold
          returnedLine = OrderLine.of(sold.lineId(), sold.sku(), returnedUnits, sold.location());
          events.add(OrderMessages.encode(new OrderEvent.Returned(orderId, "return-" + o, returnedLine,
              ReturnDisposition.RESELLABLE)));
          if (cancelled || returnedUnits > sold.quantity()) {
            overRestocked.add(orderId); // the second of cancellation and return, or the return alone, asks too much
          }
        }
        for (OrderLine line : lines) {
          long givenBack = Math.min(line.quantity(),
              (cancelled ? line.quantity() : 0) + (returnedLine != null && returnedLine.lineId().equals(line.lineId()) ? returnedUnits : 0));
          movements += add(change, line, -line.quantity(), bundles, pools) * (givenBack > 0 ? 2 : 1);
          if (givenBack > 0) {
            add(change, line, givenBack, bundles, pools);
          }
        }
        for (byte[] event : events) {
          messages.add(event);
          if (random.nextInt(4) == 0) {
            messages.add(event); // at least once: delivered twice
          }
        }
      }
      for (int i = 1; i < messages.size(); i++) {
        if (random.nextInt(3) == 0) {
          Collections.swap(messages, i - 1, i); // unordered
        }
      }
      change.forEach((key, delta) -> expected.merge(key, delta, Long::sum));
      // Bundle entries are derived from their components, location by location.
      for (StockKey key : List.copyOf(expected.keySet())) {
        if (bundles.isBundle(key.sku())) {
          expected.put(key, bundles.availableToSell(key.sku(), c -> expected.get(new StockKey(c, key.location()))));
        }
      }
      return new Sale(messages, movements, overRestocked);
    }

    /** One line's effect: on its components if a bundle, at every location of its pool. Returns the movements. */
    private static int add(Map<StockKey, Long> change, OrderLine line, long units, BundleCatalogue bundles, SharedPools pools) {
      Map<Sku, Long> parts = bundles.isBundle(line.sku()) ? bundles.components(line.sku()) : Map.of(line.sku(), 1L);
      List<Location> at = new ArrayList<>();
      at.add(line.location());
      at.addAll(pools.siblings(line.location()));
      int movements = 0;
      for (Map.Entry<Sku, Long> part : parts.entrySet()) {
        for (Location location : at) {
          change.merge(new StockKey(part.getKey(), location), units * part.getValue(), Long::sum);
          movements++;
        }
      }
      return movements;
    }
  }
}
