package dev.stockbridge.kafka;

import dev.stockbridge.Checks;
import dev.stockbridge.SharedPools;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.StorefrontStock;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Stockbridge instance on Kafka. Order messages arrive on the intake topic (at least once,
 * unordered, under any key, as a commercetools subscription delivers them); the intake re-keys them
 * with the order ledger into movements keyed by (SKU, location), in Kafka transactions. Every
 * instance of one group owns some partitions of the movements topic and is their only writer: per
 * key in offset order, across keys in parallel, each update setting the partition's ledger mark
 * (its offset) on the entry in the same request. Offsets are committed only once the storefront has
 * the movements, so an instance that dies loses nothing: its partitions' next owner re-reads from
 * the committed offset and skips what the entries' marks show applied.
 *
 * <pre>{@code
 * try (KafkaStockbridge instance = KafkaStockbridge.builder()
 *     .bootstrapServers("kafka-1:9092").group("shop-stock")
 *     .storefront(commercetools.storefrontStock(channels)).bundles(bundles)
 *     .groupCallsPerSecond(200)   // the whole group's commercetools budget
 *     .build()) {
 *   instance.start();
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Runs two threads (intake and movements) and a pool of writers.
 */
public final class KafkaStockbridge implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaStockbridge.class);

  private final Settings settings;
  private final CallBudget budget;
  private IntakeStage intake;
  private MovementStage movements;
  private Thread intakeThread;
  private Thread movementThread;
  private boolean started;
  private boolean stopped;

  private KafkaStockbridge(Settings settings) {
    this.settings = settings;
    this.budget = new CallBudget(settings.groupCallsPerSecond());
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Joins the groups and starts reading. The topics must exist ({@link KafkaTopics#create}).
   *
   * @throws dev.stockbridge.StockbridgeException if the movements topic cannot be described or
   *     another topic is missing (a dead-letter topic missing would stop the intake at its first
   *     unreadable message, so it is refused here)
   * @throws IllegalStateException if started before
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("started already");
    }
    PartitionLedgers ledgers;
    try (Admin admin = Admin.create(settings.client("admin"))) {
      ledgers = PartitionLedgers.of(admin, settings.topics().movements());
      requireTopics(admin);
    }
    started = true; // after the checks: an instance whose topics are wrong closes without a stage to stop
    intake = new IntakeStage(settings);
    movements = new MovementStage(settings, ledgers, budget, writers());
    intakeThread = thread("intake", intake);
    movementThread = thread("movements", movements);
    intakeThread.start();
    movementThread.start();
    LOG.info("started {}", settings);
  }

  /**
   * Fails unless the intake, order-ledger and dead-letter topics exist. A topic created a moment
   * ago may take a little while to show in the cluster's metadata, so missing ones are looked for
   * again for up to {@value #TOPICS_WAIT_MILLIS} ms.
   */
  private void requireTopics(Admin admin) {
    KafkaTopics topics = settings.topics();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TOPICS_WAIT_MILLIS);
    while (true) {
      java.util.Set<String> names;
      try {
        names = admin.listTopics().names().get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new dev.stockbridge.StockbridgeException("could not list the topics: " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.stockbridge.StockbridgeException("interrupted listing the topics", e);
      }
      List<String> missing = java.util.stream.Stream.of(topics.intake(), topics.orderLedger(), topics.deadLetter())
          .filter(name -> !names.contains(name)).toList();
      if (missing.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new dev.stockbridge.StockbridgeException("topics " + missing + " do not exist: create them with KafkaTopics.create"
            + " (it creates only what is missing) or by hand, see the operations guide");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  private ExecutorService writers() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "stockbridge-" + settings.instance() + "-writer-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    return Executors.newFixedThreadPool(settings.parallelism(), factory);
  }

  private Thread thread(String role, Runnable stage) {
    Thread t = new Thread(stage, "stockbridge-" + settings.instance() + "-" + role);
    t.setDaemon(true);
    return t;
  }

  /**
   * This instance's name in the groups and in its transactional id.
   *
   * @return the instance id
   */
  public String instance() {
    return settings.instance();
  }

  /**
   * Whether both of the instance's loops (intake and movements) run: false before {@link #start()},
   * after it stopped, and when a loop died of an error it logged (a health check should restart
   * the process then; its partitions move to the other instances once its session times out).
   *
   * @return whether the instance works
   */
  public boolean running() {
    return intakeThread != null && intakeThread.isAlive() && movementThread.isAlive();
  }

  /**
   * How many movement partitions this instance writes now.
   *
   * @return the count, 0 before the first assignment
   */
  public int ownedPartitions() {
    return movements == null ? 0 : movements.ownedCount();
  }

  /**
   * How many intake partitions this instance re-keys now.
   *
   * @return the count, 0 before the first assignment
   */
  public int ownedIntakePartitions() {
    return intakePartitions().size();
  }

  /** The intake partitions this instance re-keys now. */
  java.util.Set<Integer> intakePartitions() {
    return intake == null ? java.util.Set.of() : intake.owned();
  }

  /**
   * Records read and not yet on the storefront (the back-pressure bound applies to it).
   *
   * @return the count
   */
  public int buffered() {
    return movements == null ? 0 : movements.buffered();
  }

  /**
   * This instance's share of the group's storefront budget now.
   *
   * @return calls per second; infinite without a budget
   */
  public double callsPerSecond() {
    return budget.perSecond();
  }

  /**
   * Stops as a crashed process would: writers interrupted, nothing more committed, the groups not
   * told (they reassign the partitions when the session times out), an open intake transaction left
   * to time out. For tests of fail-over; the storefront's marks make it safe.
   *
   * @throws InterruptedException if interrupted while the threads stop
   */
  public synchronized void abandon() throws InterruptedException {
    if (!started || stopped) {
      return;
    }
    stopped = true;
    movements.abandon();
    intake.abandon();
    join();
  }

  /**
   * Stops: the writes in flight finish (within the revoke grace), the offsets of what the
   * storefront has are committed, and the groups are left so the partitions move at once.
   */
  @Override
  public synchronized void close() {
    if (!started || stopped) {
      stopped = true;
      return;
    }
    stopped = true;
    intake.stop();
    movements.stop();
    try {
      join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void join() throws InterruptedException {
    long limit = settings.revokeGrace().toMillis() + TimeUnit.SECONDS.toMillis(15);
    intakeThread.join(limit);
    movementThread.join(limit);
    if (intakeThread.isAlive() || movementThread.isAlive()) {
      LOG.warn("instance {} did not stop within {} ms", settings.instance(), limit);
    }
  }

  private static final long TOPICS_WAIT_MILLIS = 5_000;

  /** Collects the configuration; {@link #build()} copies it. Not thread-safe. */
  public static final class Builder {

    private String bootstrapServers;
    private String group = "stockbridge";
    private String instance = UUID.randomUUID().toString().substring(0, 8);
    private KafkaTopics topics = KafkaTopics.prefixed("stockbridge");
    private StorefrontStock storefront;
    private BundleCatalogue bundles = BundleCatalogue.empty();
    private SharedPools pools = SharedPools.none();
    private ExceptionStore exceptions = e -> LOG.error("{} {}: {}", e.code(), e.key(), e.message());
    private AppliedListener listener = AppliedListener.NONE;
    private Clock clock = Clock.systemUTC();
    private int parallelism = 8;
    private int maxBuffered = 10_000;
    private long groupCallsPerSecond;
    private Duration retryInitial = Duration.ofMillis(50);
    private Duration retryMax = Duration.ofSeconds(5);
    private Duration revokeGrace = Duration.ofSeconds(10);
    private Duration parkFor = Duration.ofHours(1);
    private Duration orderRetention = Duration.ofDays(120);
    private final Map<String, Object> clientProperties = new HashMap<>();

    private Builder() {}

    /**
     * The brokers.
     *
     * @param servers {@code host:port,...}
     * @return this builder
     */
    public Builder bootstrapServers(String servers) {
      this.bootstrapServers = Checks.notBlank("bootstrapServers", servers);
      return this;
    }

    /**
     * The group every instance of one storefront shares; also the prefix of the two consumer
     * groups ({@code group-intake}, {@code group-movements}) and the transactional ids.
     *
     * @param group the group name
     * @return this builder
     */
    public Builder group(String group) {
      this.group = Checks.token("group", group, 200);
      return this;
    }

    /**
     * This instance's name, unique in the group and stable across its restarts (its transactional
     * id fences its own zombie). Default: random.
     *
     * @param instance the name
     * @return this builder
     */
    public Builder instance(String instance) {
      this.instance = Checks.token("instance", instance, 100);
      return this;
    }

    /**
     * The topics. Default: {@code KafkaTopics.prefixed("stockbridge")}.
     *
     * @param topics the topics
     * @return this builder
     */
    public Builder topics(KafkaTopics topics) {
      this.topics = Checks.notNull("topics", topics);
      return this;
    }

    /**
     * The storefront the movements are written to.
     *
     * @param storefront the storefront
     * @return this builder
     */
    public Builder storefront(StorefrontStock storefront) {
      this.storefront = Checks.notNull("storefront", storefront);
      return this;
    }

    /**
     * The bundle catalogue: bundle lines decrement their components, and bundle entries are
     * derived again after their components change.
     *
     * @param bundles the catalogue
     * @return this builder
     */
    public Builder bundles(BundleCatalogue bundles) {
      this.bundles = Checks.notNull("bundles", bundles);
      return this;
    }

    /**
     * Storefront locations that share one stock pool.
     *
     * @param pools the pools
     * @return this builder
     */
    public Builder sharedPools(SharedPools pools) {
      this.pools = Checks.notNull("pools", pools);
      return this;
    }

    /**
     * Where movements the storefront refuses for good go, with their context. Default: logged.
     *
     * @param exceptions the store; must not throw
     * @return this builder
     */
    public Builder exceptionStore(ExceptionStore exceptions) {
      this.exceptions = Checks.notNull("exceptions", exceptions);
      return this;
    }

    /**
     * Told of every update the storefront took.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(AppliedListener listener) {
      this.listener = Checks.notNull("listener", listener);
      return this;
    }

    /**
     * The clock for marks' days and exceptions' times.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * Writer threads: keys written at once by this instance. Default 8.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder parallelism(int threads) {
      this.parallelism = Checks.positive("parallelism", threads);
      return this;
    }

    /**
     * Back-pressure: records read but not yet on the storefront above which reading pauses.
     * Default 10,000.
     *
     * @param records at least 1
     * @return this builder
     */
    public Builder maxBuffered(int records) {
      this.maxBuffered = Checks.positive("maxBuffered", records);
      return this;
    }

    /**
     * The storefront's rate limit for the whole group: each instance spends the share of its
     * partitions. Default 0: no limit.
     *
     * @param callsPerSecond calls per second, 0 for none
     * @return this builder
     */
    public Builder groupCallsPerSecond(long callsPerSecond) {
      this.groupCallsPerSecond = Checks.nonNegative("groupCallsPerSecond", callsPerSecond);
      return this;
    }

    /**
     * Backoff of transient storefront failures, per key.
     *
     * @param initial the first wait
     * @param max the longest wait, not shorter than the first (the same: a fixed wait)
     * @return this builder
     * @throws dev.stockbridge.InvalidValueException if a wait is not positive or max is shorter
     */
    public Builder retry(Duration initial, Duration max) {
      Checks.positive("initial", initial);
      if (Checks.positive("max", max).compareTo(initial) < 0) {
        throw new dev.stockbridge.InvalidValueException("max", max, "must not be shorter than the first wait " + initial);
      }
      this.retryInitial = initial;
      this.retryMax = max;
      return this;
    }

    /**
     * How long a revoked partition's writes in flight may take before it is let go. Default 10 s.
     *
     * @param grace the grace
     * @return this builder
     */
    public Builder revokeGrace(Duration grace) {
      this.revokeGrace = Checks.notNegative("revokeGrace", grace);
      return this;
    }

    /**
     * How long a cancellation or return of an order not seen yet is parked, waiting for the order,
     * before it is raised as an {@code UNKNOWN_ORDER} exception. Default 1 hour, as the engine's.
     *
     * @param wait the wait, positive
     * @return this builder
     */
    public Builder parkUnknownOrdersFor(Duration wait) {
      this.parkFor = Checks.positive("parkFor", wait);
      return this;
    }

    /**
     * How long an intake partition's order ledger keeps an order (and a plain movement's
     * idempotency key) after its last event: longer than returns are accepted and than the order
     * source re-delivers, since an order forgotten and then delivered again counts as new. Default
     * 120 days, as the engine's.
     *
     * @param retention the retention, positive
     * @return this builder
     */
    public Builder orderRetention(Duration retention) {
      this.orderRetention = Checks.positive("orderRetention", retention);
      return this;
    }

    /**
     * A Kafka client property for every client of this instance (security, timeouts). Values that
     * may be secrets are never logged.
     *
     * @param name the property
     * @param value its value
     * @return this builder
     */
    public Builder clientProperty(String name, Object value) {
      clientProperties.put(Checks.notBlank("name", name), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Copies the configuration into a new, unstarted instance.
     *
     * @return the instance
     * @throws dev.stockbridge.InvalidValueException if the brokers or the storefront are missing
     */
    public KafkaStockbridge build() {
      Checks.notNull("bootstrapServers", bootstrapServers);
      Checks.notNull("storefront", storefront);
      return new KafkaStockbridge(new Settings(bootstrapServers, group, instance, topics, storefront, bundles, pools,
          exceptions, listener, clock, parallelism, maxBuffered, groupCallsPerSecond, retryInitial, retryMax,
          revokeGrace, parkFor, orderRetention, clientProperties));
    }
  }
}
