package dev.stockbridge.benchmarks;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.kafka.KafkaStockbridge;
import dev.stockbridge.kafka.KafkaTopics;
import dev.stockbridge.kafka.OrderMessages;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.storefront.InMemoryStorefront;
import dev.stockbridge.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stockbridge on Kafka with 1, 2 and 4 instances in one group, against a storefront that answers
 * every call (read or update) after a fixed 20 ms, as a remote commercetools project would. A
 * broker runs in this JVM ({@code TestKafka}, from the Kafka module's test-jar); the movements topic has 12 partitions.
 * For each instance count, on fresh topics and entries:
 *
 * <ul>
 *   <li><b>throughput</b>: a backlog of order lines (one line each, uniform over 2,000 SKUs) sent
 *       at once under the subscription's one fixed key; order lines per second from the first send
 *       until the storefront has every movement;
 *   <li><b>latency</b>: then order lines at a steady 150 a second (below one instance's capacity)
 *       for 10 s; per line, the time from its message's timestamp on the intake topic to the
 *       storefront's answer to the update that applied it: p50 and p99.
 * </ul>
 *
 * <p>Each instance runs 8 writer threads, so the storefront's latency, not the CPU, bounds one
 * instance (8 / 20 ms = 400 calls a second). The scaling ratio is each throughput over the one
 * instance's. Not JMH: one run of a fixed, seeded workload is the measurement. {@code args[0]}
 * overrides the backlog (default 6,000 lines).
 */
public final class KafkaScalingBenchmark {

  static final Duration CALL_LATENCY = Duration.ofMillis(20);
  static final int SKUS = 2_000;
  static final int PARTITIONS = 12;
  static final int WRITERS = 8;
  static final int STEADY_PER_SECOND = 150;
  static final int STEADY_SECONDS = 10;
  static final Location DC = Location.of("bench-dc");

  private KafkaScalingBenchmark() {}

  /**
   * Runs the benchmark and prints one line per instance count.
   *
   * @param args optional backlog size
   * @throws Exception if the broker does not start or a run does not finish within 5 minutes
   */
  public static void main(String[] args) throws Exception {
    int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 6_000;
    System.out.printf(Locale.ROOT, "Kafka scaling: %d partitions, %d writers per instance, %d ms per storefront call,"
        + " backlog %d lines over %d SKUs, steady %d lines/s for %d s%n", PARTITIONS, WRITERS, CALL_LATENCY.toMillis(),
        backlog, SKUS, STEADY_PER_SECOND, STEADY_SECONDS);
    try (TestKafka kafka = TestKafka.start()) {
      // Warm-up, not measured: the JIT, the broker's first transactional producer and coordinators.
      Result warm = run(kafka, 2, backlog / 4, new Random(1));
      System.out.printf(Locale.ROOT, "warm-up (2 instances, %d lines): %.0f lines/s%n", backlog / 4, warm.linesPerSecond);
      double base = 0;
      for (int instances : new int[] {1, 2, 4}) {
        Result result = run(kafka, instances, backlog, new Random(20261201L + instances));
        base = instances == 1 ? result.linesPerSecond : base;
        System.out.printf(Locale.ROOT, "instances %d: throughput %.0f lines/s (%.2fx of one), %d storefront updates for %d"
            + " lines; steady %d lines/s: latency p50 %d ms, p99 %d ms, max %d ms%n", instances, result.linesPerSecond,
            result.linesPerSecond / base, result.updates, backlog, STEADY_PER_SECOND, result.p50, result.p99, result.max);
      }
    }
  }

  /** What one instance count measured. */
  private record Result(double linesPerSecond, long updates, long p50, long p99, long max) {}

  private static Result run(TestKafka kafka, int count, int backlog, Random random) throws Exception {
    String run = "ks" + count + "-" + UUID.randomUUID().toString().substring(0, 6);
    KafkaTopics topics = KafkaTopics.prefixed(run);
    try (Admin admin = kafka.admin()) {
      topics.create(admin, 1, PARTITIONS, (short) 1);
    }
    InMemoryStorefront memory = new InMemoryStorefront();
    List<Sku> skus = new ArrayList<>();
    for (int i = 0; i < SKUS; i++) {
      Sku sku = Sku.of(run + "-" + i);
      skus.add(sku);
      memory.create(new StockKey(sku, DC), 1_000_000);
    }
    LatentStorefront storefront = new LatentStorefront(memory, CALL_LATENCY);
    AtomicLong applied = new AtomicLong();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    boolean[] steady = new boolean[1];
    List<KafkaStockbridge> instances = new ArrayList<>();
    try (KafkaProducer<String, byte[]> subscription = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(), ProducerConfig.LINGER_MS_CONFIG, 5),
        new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        KafkaStockbridge instance = KafkaStockbridge.builder().bootstrapServers(kafka.bootstrap()).group(run)
            .instance("i" + i).topics(topics).storefront(storefront).parallelism(WRITERS)
            .listener(a -> {
              applied.addAndGet(a.movements().size());
              if (steady[0]) {
                long at = a.appliedAt().toEpochMilli();
                a.arrived().forEach(arrived -> latencies.add(at - arrived.toEpochMilli()));
              }
            })
            .build();
        instance.start();
        instances.add(instance);
      }
      awaitOwnership(instances);

      long start = System.nanoTime();
      for (int i = 0; i < backlog; i++) {
        send(subscription, topics, "b" + i, skus.get(random.nextInt(SKUS)));
      }
      subscription.flush();
      await(() -> applied.get() >= backlog, "the backlog applied");
      double seconds = (System.nanoTime() - start) / 1e9;
      long updates = storefront.updates.get();

      steady[0] = true;
      long interval = TimeUnit.SECONDS.toNanos(1) / STEADY_PER_SECOND;
      long next = System.nanoTime();
      int lines = STEADY_PER_SECOND * STEADY_SECONDS;
      for (int i = 0; i < lines; i++) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait); // pacing the offered load
        }
        send(subscription, topics, "s" + i, skus.get(random.nextInt(SKUS)));
        next += interval;
      }
      subscription.flush();
      await(() -> applied.get() >= backlog + lines, "the steady lines applied");
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      return new Result(backlog / seconds, updates, percentile(sorted, 0.50), percentile(sorted, 0.99),
          sorted[sorted.length - 1]);
    } finally {
      instances.forEach(KafkaStockbridge::close);
    }
  }

  private static void send(KafkaProducer<String, byte[]> producer, KafkaTopics topics, String order, Sku sku) {
    producer.send(new ProducerRecord<>(topics.intake(), "subscription", OrderMessages.encode(
        new OrderEvent.Placed(order, List.of(OrderLine.of("1", sku, 1, DC))))));
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static void awaitOwnership(List<KafkaStockbridge> instances) throws InterruptedException {
    await(() -> instances.stream().mapToInt(KafkaStockbridge::ownedPartitions).sum() == PARTITIONS
        && instances.stream().allMatch(i -> i.ownedPartitions() > 0)
        && instances.stream().mapToInt(KafkaStockbridge::ownedIntakePartitions).sum() == 1, "every partition owned");
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not within 5 minutes: " + what);
      }
      Thread.sleep(5);
    }
  }

  /** A storefront that answers each call after a fixed latency, as a remote one would. */
  static final class LatentStorefront implements StorefrontStock {

    private final StorefrontStock delegate;
    private final long latencyNanos;
    final AtomicLong updates = new AtomicLong();

    LatentStorefront(StorefrontStock delegate, Duration latency) {
      this.delegate = delegate;
      this.latencyNanos = latency.toNanos();
    }

    @Override
    public Map<StockKey, StockEntry> read(Collection<StockKey> keys) {
      pause();
      return delegate.read(keys);
    }

    @Override
    public StockEntry update(StockEntry read, EntryUpdate update) {
      pause();
      updates.incrementAndGet();
      return delegate.update(read, update);
    }

    private void pause() {
      try {
        TimeUnit.NANOSECONDS.sleep(latencyNanos); // the workload: a round trip to the platform
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.stockbridge.spi.TransientStorefrontException("interrupted", null, e);
      }
    }
  }
}
