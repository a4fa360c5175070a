package dev.stockbridge.kafka;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderIntake;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-keys order messages: reads the intake topic in the intake group, turns each event into
 * movements through the partition's {@link OrderBook}, and in one Kafka transaction publishes the
 * movements keyed by (SKU, location), the orders' new states to the order-ledger changelog and the
 * intake offsets (exactly once inside Kafka: a message is either re-keyed with its ledger state and
 * its offset, or not at all). A partition that moves to this instance gets its order book back by
 * reading its changelog partition to the end before its first message.
 *
 * <p>Runs on one thread, which alone touches the consumer, the producer and the books.
 */
final class IntakeStage implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeStage.class);
  private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

  private final Settings settings;
  private final OrderIntake intake;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;
  private final Map<Integer, OrderBook> books = new HashMap<>();
  private volatile boolean running = true;
  private volatile boolean abandoned;
  private volatile Set<Integer> owned = Set.of();
  /** When the books are next swept, on the clock; touched by the intake thread only. */
  private Instant nextSweep = Instant.MIN;

  IntakeStage(Settings settings) {
    this.settings = settings;
    this.intake = new OrderIntake(settings.bundles(), settings.pools());
    Map<String, Object> props = settings.client("intake");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group() + "-intake");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.producer = producer();
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Map<String, Object> props = settings.client("intake-tx");
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.group() + "-intake-" + settings.instance());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // A crashed instance's open transaction holds back every read_committed reader until it times out.
    props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    created.initTransactions();
    return created;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(settings.topics().intake()), new Books());
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (!records.isEmpty()) {
          rekey(records);
        }
        sweepIfDue();
      }
    } catch (WakeupException | InterruptException stopped) {
      // stop() or abandon()
    } catch (RuntimeException e) {
      LOG.error("intake stopped: {}", e.toString(), e);
    } finally {
      close(!abandoned);
    }
  }

  private void rekey(ConsumerRecords<byte[], byte[]> records) {
    transaction("intake transaction", () -> {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        publish(record);
        offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
      }
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
    });
  }

  /**
   * Runs one Kafka transaction; a failed one is aborted and the books and offsets rewound to what
   * is committed, so none of it counts.
   */
  private void transaction(String what, Runnable sends) {
    try {
      producer.beginTransaction();
      sends.run();
      producer.commitTransaction();
    } catch (WakeupException | InterruptException stopped) {
      throw stopped;
    } catch (KafkaException e) {
      LOG.warn("{} failed ({}); rewinding to the committed offsets", what, e.toString());
      abort();
      rewind();
    }
  }

  private void publish(ConsumerRecord<byte[], byte[]> record) {
    OrderBook book = books.get(record.partition());
    if (book == null) {
      throw new StockbridgeException("no order book for intake partition " + record.partition());
    }
    Object message;
    try {
      message = OrderMessages.decodeAny(record.value());
    } catch (RuntimeException bad) {
      // A message no code can read waits for nobody: moved aside, named, and the rest go on.
      deadLetter(record, bad);
      return;
    }
    Instant now = settings.clock().instant();
    OrderBook.Outcome outcome;
    try {
      outcome = message instanceof OrderEvent event ? book.accept(event, now) : book.accept((Movement) message, now);
    } catch (RuntimeException refused) {
      // Readable but refused (a quantity beyond what a storefront holds): the same, or it would stop
      // the intake at this offset for good. The book took nothing of it (the ledger records only
      // after its movements were made).
      deadLetter(record, refused);
      return;
    }
    for (Movement movement : outcome.movements()) {
      producer.send(new ProducerRecord<>(settings.topics().movements(), null, record.timestamp(),
          MovementRecords.key(movement.key()), MovementRecords.move(movement)));
    }
    // Every delivery of an order derives what the storefront decremented itself, a re-delivery too:
    // the one that came first may have been read before the storefront's own decrement showed.
    List<OrderEvent> decremented = message instanceof OrderEvent event ? List.of(event) : outcome.applied();
    for (OrderEvent event : decremented) {
      for (StockKey bundle : storefrontDecremented(event)) {
        producer.send(new ProducerRecord<>(settings.topics().movements(), null, record.timestamp(),
            MovementRecords.key(bundle), MovementRecords.derive()));
      }
    }
    log(record.partition(), outcome.changelog());
  }

  /**
   * Moves an unreadable message to the dead-letter topic, bytes unchanged, in the transaction that
   * passes its offset; headers say where it came from and why.
   */
  private void deadLetter(ConsumerRecord<byte[], byte[]> record, RuntimeException why) {
    String reason = String.valueOf(why.getMessage());
    LOG.error("intake partition {} offset {}: a message that cannot be taken, moved to {}: {}", record.partition(), record.offset(),
        settings.topics().deadLetter(), reason);
    ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(settings.topics().deadLetter(), null, record.timestamp(), record.key(),
        record.value());
    letter.headers().add("stockbridge-source", (record.topic() + "-" + record.partition() + "@" + record.offset())
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    letter.headers().add("stockbridge-error", reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    producer.send(letter);
  }

  private void log(int partition, List<OrderBook.Change> changes) {
    for (OrderBook.Change change : changes) {
      producer.send(new ProducerRecord<>(settings.topics().orderLedger(), partition, null,
          change.key().getBytes(java.nio.charset.StandardCharsets.UTF_8), change.state()));
    }
  }

  /**
   * Once a minute on the clock: each book raises what waited too long for its order and forgets
   * what the retention is over, in a transaction of its own (a failed one rewinds like any other).
   */
  private void sweepIfDue() {
    Instant now = settings.clock().instant();
    if (now.isBefore(nextSweep)) {
      return;
    }
    nextSweep = now.plus(SWEEP_EVERY);
    Map<Integer, List<OrderBook.Change>> changes = new HashMap<>();
    books.forEach((partition, book) -> changes.put(partition, book.sweep(now)));
    if (changes.values().stream().allMatch(List::isEmpty)) {
      return;
    }
    transaction("order ledger sweep's transaction", () -> changes.forEach(this::log));
  }

  /**
   * The bundle entries to derive again because the storefront decremented a line's own entry by
   * itself (TrackOnly, ReserveOnOrder): a bundle sold so, or a component of bundles. A derive is a
   * recompute from the components as they stand, so asking again for a re-delivery costs a read and
   * changes only what is stale.
   */
  private List<StockKey> storefrontDecremented(OrderEvent event) {
    List<StockKey> bundles = new ArrayList<>();
    for (StockKey key : intake.decrementedByStorefront(event)) {
      if (settings.bundles().isBundle(key.sku())) {
        bundles.add(key);
      }
      settings.bundles().bundlesContaining(key.sku()).forEach(b -> bundles.add(new StockKey(b, key.location())));
    }
    return bundles;
  }

  private void abort() {
    try {
      producer.abortTransaction();
    } catch (KafkaException fatal) {
      // Fenced or in a fatal state: only a new producer can go on.
      producer.close(Duration.ZERO);
      producer = producer();
    }
  }

  /**
   * Back to the committed offsets, with the books as the changelog has them: the failed
   * transaction's events changed the books in memory, and none of it counts.
   */
  private void rewind() {
    Set<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
    for (TopicPartition tp : assigned) {
      OffsetAndMetadata at = committed.get(tp);
      if (at == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, at.offset());
      }
    }
    books.clear();
    restore(assigned.stream().map(TopicPartition::partition).toList());
  }

  private void restore(Collection<Integer> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<String, Object> props = settings.client("order-ledger-restore");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> changelog = partitions.stream()
          .map(p -> new TopicPartition(settings.topics().orderLedger(), p)).toList();
      reader.assign(changelog);
      reader.seekToBeginning(changelog);
      Map<TopicPartition, Long> end = reader.endOffsets(changelog);
      Map<Integer, OrderBook> restored = new HashMap<>();
      partitions.forEach(p -> restored.put(p, new OrderBook(intake, settings.exceptions(), settings.parkFor(), settings.orderRetention())));
      while (changelog.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
          restored.get(record.partition()).restore(record.key(), record.value());
        }
      }
      books.putAll(restored);
      restored.forEach((p, book) -> LOG.info("intake partition {}: order ledger restored, {} orders", p, book.size()));
    }
  }

  /** Gives each assigned intake partition its book, restored, and forgets the books of those that left. */
  private final class Books implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      restore(partitions.stream().map(TopicPartition::partition).toList());
      owned = Set.copyOf(books.keySet());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Every poll's transaction is committed before the next poll, so nothing is half done here.
      partitions.forEach(tp -> books.remove(tp.partition()));
      owned = Set.copyOf(books.keySet());
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }
  }

  /** Intake partitions this instance re-keys now (a snapshot, maybe stale). */
  Set<Integer> owned() {
    return owned;
  }

  /** Stops after the current transaction; the thread then leaves the group and closes the clients. */
  void stop() {
    running = false;
    consumer.wakeup();
  }

  /** Stops as a crash would: an open transaction is left to time out, the group is not told. */
  void abandon() {
    abandoned = true;
    stop();
  }

  private void close(boolean leave) {
    if (leave) {
      producer.close(Duration.ofSeconds(5));
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    } else {
      producer.close(Duration.ZERO);
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.groupMembershipOperation(
          org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP).withTimeout(Duration.ZERO));
    }
  }
}
