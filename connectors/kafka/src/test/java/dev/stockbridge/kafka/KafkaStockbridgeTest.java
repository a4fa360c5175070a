package dev.stockbridge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.order.ReturnDisposition;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/** One instance against a real broker: re-keying, the order ledger, marks across a restart. */
@Timeout(90)
class KafkaStockbridgeTest {

  private static final Location DC = Location.of("dc");
  private static TestKafka kafka;

  @BeforeAll
  static void broker() throws Exception {
    kafka = TestKafka.start();
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private static KafkaTopics topics() {
    KafkaTopics topics = KafkaTopics.prefixed("t" + UUID.randomUUID().toString().substring(0, 8));
    try (Admin admin = kafka.admin()) {
      topics.create(admin, 1, 4, (short) 1);
    }
    return topics;
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()),
        new StringSerializer(), new ByteArraySerializer());
  }

  private static KafkaStockbridge instance(KafkaTopics topics, String group, String name, StorefrontStock storefront) {
    return KafkaStockbridge.builder().bootstrapServers(kafka.bootstrap()).group(group).instance(name).topics(topics)
        .storefront(storefront).parallelism(4)
        .clientProperty("session.timeout.ms", 2_000).clientProperty("heartbeat.interval.ms", 300)
        .build();
  }

  private static long stock(InMemoryStorefront storefront, StockKey key) {
    StockEntry entry = storefront.read(List.of(key)).get(key);
    return entry.quantityOnStock();
  }

  @Test
  void shouldCountEachEventOnce_whenDeliveredTwiceAndACancellationBeforeItsOrder() throws Exception {
    KafkaTopics topics = topics();
    InMemoryStorefront storefront = new InMemoryStorefront();
    StockKey mug = new StockKey(Sku.of("MUG"), DC);
    StockKey cup = new StockKey(Sku.of("CUP"), DC);
    storefront.create(mug, 100);
    storefront.create(cup, 100);
    OrderEvent placed = new OrderEvent.Placed("o-1", List.of(OrderLine.of("l-1", mug.sku(), 3, DC),
        OrderLine.of("l-2", cup.sku(), 5, DC)));
    KafkaStockbridge instance = instance(topics, "g-" + UUID.randomUUID(), "a", storefront);
    try (instance; KafkaProducer<String, byte[]> producer = producer()) {
      instance.start();
      // Unordered and at least once: the cancellation of one line (more than it sold) comes first.
      producer.send(new ProducerRecord<>(topics.intake(), "subscription", OrderMessages.encode(
          new OrderEvent.Cancelled("o-1", List.of(OrderLine.of("l-2", cup.sku(), 9, DC)), "c-1"))));
      producer.send(new ProducerRecord<>(topics.intake(), "subscription", OrderMessages.encode(placed)));
      producer.send(new ProducerRecord<>(topics.intake(), "subscription", OrderMessages.encode(placed)));
      producer.send(new ProducerRecord<>(topics.intake(), "subscription", OrderMessages.encode(
          new OrderEvent.Returned("o-1", "r-1", OrderLine.of("l-1", mug.sku(), 1, DC), ReturnDisposition.RESELLABLE))));
      producer.send(new ProducerRecord<>(topics.intake(), "subscription", OrderMessages.encode(
          new OrderEvent.Returned("o-1", "r-1", OrderLine.of("l-1", mug.sku(), 1, DC), ReturnDisposition.RESELLABLE))));
      byte[] receipt = OrderMessages.encode(dev.stockbridge.Movement.of(dev.stockbridge.MovementKind.RECEIPT, mug.sku(), DC,
          10, "PO 17", "receipt/po-17/1"));
      producer.send(new ProducerRecord<>(topics.intake(), "host", receipt));
      producer.send(new ProducerRecord<>(topics.intake(), "host", receipt));
      producer.flush();
      Await.until(Duration.ofSeconds(60), () -> stock(storefront, mug) == 108 && stock(storefront, cup) == 100,
          () -> "mug " + stock(storefront, mug) + " cup " + stock(storefront, cup));
      assertThat(instance.running()).isTrue();
    }
    assertThat(instance.running()).as("stopped by close").isFalse();
    assertThat(stock(storefront, mug)).as("3 sold, 1 returned once, 10 received once").isEqualTo(108);
    assertThat(stock(storefront, cup)).as("5 sold, cancelled: restocked 5, not 9").isEqualTo(100);
  }

  @Test
  void shouldMoveAnUnreadableMessageToTheDeadLetters_andApplyTheOrdersAroundIt() throws Exception {
    KafkaTopics topics = topics();
    InMemoryStorefront storefront = new InMemoryStorefront();
    StockKey mug = new StockKey(Sku.of("MUG"), DC);
    storefront.create(mug, 100);
    byte[] garbage = "{\"type\":\"no-such-event\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    KafkaStockbridge instance = instance(topics, "g-" + UUID.randomUUID(), "a", storefront);
    try (instance; KafkaProducer<String, byte[]> producer = producer()) {
      instance.start();
      producer.send(new ProducerRecord<>(topics.intake(), "subscription", OrderMessages.encode(
          new OrderEvent.Placed("o-1", List.of(OrderLine.of("l-1", mug.sku(), 2, DC))))));
      producer.send(new ProducerRecord<>(topics.intake(), "subscription", garbage));
      producer.send(new ProducerRecord<>(topics.intake(), "subscription", OrderMessages.encode(
          new OrderEvent.Placed("o-2", List.of(OrderLine.of("l-1", mug.sku(), 3, DC))))));
      producer.flush();
      Await.until(Duration.ofSeconds(60), () -> stock(storefront, mug) == 95, () -> "mug " + stock(storefront, mug));
    }
    Map<String, Object> props = new java.util.HashMap<>(Map.of(
        org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
        org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
        org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> letters = new java.util.ArrayList<>();
    try (var reader = new org.apache.kafka.clients.consumer.KafkaConsumer<>(props,
        new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      reader.subscribe(List.of(topics.deadLetter()));
      Await.until(Duration.ofSeconds(30), () -> {
        reader.poll(Duration.ofMillis(200)).forEach(letters::add);
        return !letters.isEmpty();
      }, () -> "a dead letter");
    }
    assertThat(letters).singleElement().satisfies(letter -> {
      assertThat(letter.value()).isEqualTo(garbage);
      assertThat(letter.key()).isEqualTo("subscription");
      assertThat(new String(letter.headers().lastHeader("stockbridge-source").value(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(topics.intake() + "-0@1");
      assertThat(letter.headers().lastHeader("stockbridge-error")).isNotNull();
    });
  }

  @Test
  void shouldRefuseToStart_namingTheTopicThatIsMissing() {
    KafkaTopics created = topics();
    KafkaTopics withoutDeadLetters = new KafkaTopics(created.intake(), created.movements(), created.orderLedger(),
        created.intake() + ".never-created");
    try (KafkaStockbridge instance = instance(withoutDeadLetters, "g-" + UUID.randomUUID(), "a", new InMemoryStorefront())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(instance::start)
          .isInstanceOf(dev.stockbridge.StockbridgeException.class)
          .hasMessageContaining(created.intake() + ".never-created").hasMessageContaining("KafkaTopics.create");
    }
  }

  @Test
  void shouldApplyNothingAgain_whenANewGroupRereadsEveryTopicFromTheStart() throws Exception {
    KafkaTopics topics = topics();
    InMemoryStorefront storefront = new InMemoryStorefront();
    StockKey mug = new StockKey(Sku.of("MUG"), DC);
    storefront.create(mug, 1_000);
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < 200; i++) {
        producer.send(new ProducerRecord<>(topics.intake(), "subscription", OrderMessages.encode(
            new OrderEvent.Placed("o-" + i, List.of(OrderLine.of("l-1", mug.sku(), 1 + i % 3, DC))))));
      }
    }
    long expected = 1_000 - java.util.stream.IntStream.range(0, 200).map(i -> 1 + i % 3).sum();
    try (KafkaStockbridge first = instance(topics, "g-" + UUID.randomUUID(), "a", storefront)) {
      first.start();
      Await.until(Duration.ofSeconds(60), () -> stock(storefront, mug) == expected, () -> "stock " + stock(storefront, mug));
    }
    // Offsets lost altogether (a new group): the order ledger's changelog knows every order, and the
    // entry's mark of each partition every offset, so nothing is applied again.
    RecordingStorefront recording = new RecordingStorefront(storefront);
    String group = "g-" + UUID.randomUUID();
    try (KafkaStockbridge second = instance(topics, group, "b", recording)) {
      second.start();
      Await.until(Duration.ofSeconds(60), () -> caughtUp(group + "-movements", topics.movements())
          && caughtUp(group + "-intake", topics.intake()), () -> "the new group caught up");
    }
    assertThat(recording.updates()).as("storefront updates by the new group").isZero();
    assertThat(stock(storefront, mug)).isEqualTo(expected);
  }

  /** Whether a group has committed the end of every partition of a topic. */
  private static boolean caughtUp(String group, String topic) {
    try (Admin admin = kafka.admin()) {
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
      partitions.forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
          org.apache.kafka.clients.admin.OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get();
      return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0 || committed.containsKey(e.getKey())
          && committed.get(e.getKey()).offset() >= e.getValue().offset());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return false;
    }
  }
}
