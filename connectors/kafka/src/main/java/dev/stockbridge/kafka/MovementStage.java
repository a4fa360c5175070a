package dev.stockbridge.kafka;

import dev.stockbridge.StockKey;
import dev.stockbridge.spi.Ledger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writers' side: reads the movements topic in the writers' group (read committed: only what
 * the intake's transactions committed), hands each record to its partition's {@link
 * PartitionWork}, and commits each partition's offset only up to what the storefront has.
 * Back-pressure: when more records wait than the bound, the partitions are paused (the consumer
 * keeps its membership by polling) until half have been written. At each rebalance the call
 * budget's share follows the partitions owned.
 *
 * <p>Runs on one thread, which alone touches the consumer; the writer pool and the derive
 * producer are shared with the partitions' key tasks.
 */
final class MovementStage implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(MovementStage.class);
  private static final Duration COMMIT_EVERY = Duration.ofMillis(200);

  private final Settings settings;
  private final PartitionLedgers ledgers;
  private final CallBudget budget;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> derives;
  private final ExecutorService pool;
  private final KeyWriter writer;
  private final AtomicInteger buffered = new AtomicInteger();
  private final Map<TopicPartition, PartitionWork> owned = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private volatile boolean running = true;
  private volatile boolean abandoned;
  private volatile int ownedCount;
  private boolean paused;
  private long lastCommit;

  MovementStage(Settings settings, PartitionLedgers ledgers, CallBudget budget, ExecutorService pool) {
    this.settings = settings;
    this.ledgers = ledgers;
    this.budget = budget;
    this.pool = pool;
    Map<String, Object> props = settings.client("movements");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group() + "-movements");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000);
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> producerProps = settings.client("derive");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    this.derives = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
    this.writer = new KeyWriter(settings, budget, this::publishDerive);
  }

  /** A derive request must be on the broker before the component's offset may be committed. */
  private void publishDerive(StockKey bundle) throws InterruptedException {
    try {
      derives.send(new ProducerRecord<>(settings.topics().movements(), MovementRecords.key(bundle), MovementRecords.derive())).get();
    } catch (ExecutionException e) {
      throw new KafkaException("derive request for " + bundle + " not published", e.getCause());
    }
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(java.util.List.of(settings.topics().movements()), new Ownership());
      loop();
      if (!abandoned) {
        release(java.util.List.copyOf(owned.keySet()));
      }
    } catch (WakeupException | InterruptException stopped) {
      // abandoned: nothing more is committed
    } catch (RuntimeException e) {
      LOG.error("movement consumer stopped: {}", e.toString(), e);
    } finally {
      close();
    }
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          dispatch(record);
        }
        backPressure();
        if (System.nanoTime() - lastCommit > COMMIT_EVERY.toNanos()) {
          commit(false);
        }
      }
    } catch (WakeupException stopped) {
      // stop() woke the poll: release below
    }
  }

  private void dispatch(ConsumerRecord<byte[], byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    PartitionWork work = owned.get(tp);
    if (work == null) {
      return; // revoked in this poll
    }
    StockKey key;
    MovementRecords.Value value;
    try {
      key = MovementRecords.key(record.key());
      value = MovementRecords.value(key, record.value());
    } catch (RuntimeException bad) {
      LOG.error("movements partition {} offset {}: not a movement record, skipped: {}", record.partition(), record.offset(),
          bad.getMessage());
      return;
    }
    work.offer(key, new KeyWriter.Waiting(record.offset(), value, Instant.ofEpochMilli(record.timestamp())));
  }

  private void backPressure() {
    int waiting = buffered.get();
    if (!paused && waiting >= settings.maxBuffered()) {
      consumer.pause(consumer.assignment());
      paused = true;
    } else if (paused && waiting <= settings.maxBuffered() / 2) {
      consumer.resume(consumer.paused());
      paused = false;
    }
  }

  /** Commits every owned partition's offset up to what the storefront has. */
  private void commit(boolean sync) {
    lastCommit = System.nanoTime();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    owned.forEach((tp, work) -> {
      long at = work.committable(consumer.position(tp));
      if (committed.getOrDefault(tp, -1L) < at) {
        offsets.put(tp, new OffsetAndMetadata(at));
      }
    });
    if (offsets.isEmpty()) {
      return;
    }
    if (sync) {
      consumer.commitSync(offsets);
      offsets.forEach((tp, at) -> committed.put(tp, at.offset()));
    } else {
      consumer.commitAsync(offsets, (done, failure) -> {
        if (failure == null) {
          done.forEach((tp, at) -> committed.merge(tp, at.offset(), Math::max));
        }
      });
    }
  }

  /** Lets partitions go: writes in flight finish (within the grace), then a last commit. */
  private void release(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      PartitionWork work = owned.get(tp);
      if (work == null) {
        continue;
      }
      try {
        if (!work.close(settings.revokeGrace().toMillis())) {
          LOG.warn("partition {}: writes still in flight after the grace; the next owner's marks will tell", tp);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      commit(true);
    } catch (KafkaException e) {
      LOG.warn("last commit of {} failed ({}); the next owner re-reads from the previous one", partitions, e.toString());
    }
    partitions.forEach(tp -> {
      owned.remove(tp);
      committed.remove(tp);
    });
    shareBudget();
  }

  private void shareBudget() {
    ownedCount = owned.size();
    budget.share(owned.size(), ledgers.partitions());
  }

  private void close() {
    pool.shutdownNow();
    if (abandoned) {
      derives.close(Duration.ZERO);
      consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
          .withTimeout(Duration.ZERO));
    } else {
      derives.close(Duration.ofSeconds(5));
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Creates each assigned partition's work under its ledger; lets revoked and lost ones go. */
  private final class Ownership implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        Ledger ledger = ledgers.ledger(tp.partition());
        owned.put(tp, new PartitionWork(tp.partition(), ledger, writer, pool, buffered));
      }
      if (paused) {
        consumer.pause(partitions);
      }
      shareBudget();
      if (!partitions.isEmpty()) {
        LOG.info("{} owns movement partitions {}", settings.instance(), owned.keySet());
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (abandoned) {
        return; // called from close(): a crashed process would commit nothing
      }
      release(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (abandoned) {
        return;
      }
      // Another owner may be writing already: no commit, only stop.
      for (TopicPartition tp : partitions) {
        PartitionWork work = owned.remove(tp);
        committed.remove(tp);
        if (work != null) {
          try {
            work.close(0);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      shareBudget();
    }
  }

  /** Stops: the partitions are released (writes finish, offsets committed) and the group told. */
  void stop() {
    running = false;
    consumer.wakeup();
  }

  /** Stops as a crash would: writers interrupted, nothing committed, the group not told. */
  void abandon() {
    abandoned = true;
    pool.shutdownNow();
    stop();
  }

  /** Records polled and not yet on the storefront. */
  int buffered() {
    return buffered.get();
  }

  /** Partitions this instance owns now (read from another thread: a snapshot, maybe stale). */
  int ownedCount() {
    return ownedCount;
  }
}
