package dev.stockbridge.commercetools;

import com.commercetools.api.client.ByProjectKeyOrdersGet;
import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.custom_object.CustomObject;
import com.commercetools.api.models.custom_object.CustomObjectDraft;
import com.commercetools.api.models.message.OrderCreatedMessage;
import com.commercetools.api.models.order.Order;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.order.OrderEvent;
import io.vrap.rmf.base.client.utils.json.JsonUtils;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads orders incrementally and turns them into order events (for the engine) and demand lines
 * (for the planner feeds). Each {@link #poll()} reads orders modified between the stored watermark
 * minus an overlap (two minutes by default: timestamps come from a distributed system) and now,
 * sorted by {@code lastModifiedAt} then {@code id} and paged on that key; {@link #commit(OrderBatch)}
 * stores the new watermark in a custom object of the project once the batch has been handed on.
 * Orders re-read in the overlap are skipped when this feed already emitted the same version; across
 * restarts the deterministic idempotency keys of events and demand lines absorb repeats. Host apps
 * that receive {@code OrderCreated} messages can {@link #fromMessage(String) push} them in: same
 * mapping, same ids. Thread-safe; polls are serialised.
 */
public final class OrderFeed {

  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final String RANGE = "lastModifiedAt >= :lower and lastModifiedAt <= :upper";
  private static final String AFTER = " and (lastModifiedAt > :at or (lastModifiedAt = :at and id > :id))";

  private final ProjectApiRoot api;
  private final Retries retries;
  private final OrderMapper mapper;
  private final Duration overlap;
  private final Clock clock;
  private final String container;
  private final String key;
  private final Instant start;
  private final int pageSize;
  /** Version last emitted per order id: skips unchanged orders re-read in the overlap. */
  private final Cache<String, Long> emitted = Caffeine.newBuilder().maximumSize(200_000).build();

  private OrderFeed(Builder b) {
    this.api = b.api;
    this.retries = b.retries;
    this.mapper = new OrderMapper(b.channels, b.locations, b.customFields);
    this.overlap = b.overlap;
    this.clock = b.clock;
    this.container = b.container;
    this.key = b.key;
    this.start = b.start;
    this.pageSize = b.pageSize;
  }

  /**
   * Reads the orders modified since the stored watermark (minus the overlap) up to now.
   *
   * @return the events, demand lines and the watermark to commit
   * @throws StockbridgeException if reading fails (transient failures as {@code
   *     TransientStorefrontException}); nothing is committed then
   */
  public synchronized OrderBatch poll() {
    Instant upper = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant lower = watermark().orElse(start).minus(overlap);
    List<OrderEvent> events = new ArrayList<>();
    List<DemandLine> demand = new ArrayList<>();
    Order last = null;
    while (true) {
      ByProjectKeyOrdersGet get =
          api.orders().get()
              .withWhere(RANGE + (last == null ? "" : AFTER))
              .withPredicateVar("lower", MILLIS.format(lower))
              .withPredicateVar("upper", MILLIS.format(upper))
              .withSort(List.of("lastModifiedAt asc", "id asc"))
              .withLimit(pageSize)
              .withWithTotal(false);
      if (last != null) {
        get = get.withPredicateVar("at", MILLIS.format(last.getLastModifiedAt())).withPredicateVar("id", last.getId());
      }
      ByProjectKeyOrdersGet request = get;
      List<Order> page = retries.body(request::execute, "read orders modified from " + MILLIS.format(lower) + " to " + MILLIS.format(upper)).getResults();
      for (Order order : page) {
        Long seen = emitted.getIfPresent(order.getId());
        if (seen == null || seen < order.getVersion()) {
          mapper.map(order, events, demand);
          emitted.put(order.getId(), order.getVersion());
        }
      }
      if (page.size() < pageSize) {
        return new OrderBatch(events, demand, Optional.of(upper));
      }
      last = page.get(page.size() - 1);
    }
  }

  /**
   * Stores a polled batch's watermark, once its events and demand lines have been handed on.
   *
   * @param batch a batch from {@link #poll()}
   * @throws InvalidValueException if the batch was not polled (it has no watermark)
   * @throws StockbridgeException if storing fails
   */
  public synchronized void commit(OrderBatch batch) {
    Instant watermark = batch.watermark().orElseThrow(() -> new InvalidValueException("batch", "pushed", "has no watermark to commit"));
    CustomObjectDraft draft = CustomObjectDraft.builder().container(container).key(key).value(Map.of("lastModifiedAt", MILLIS.format(watermark))).build();
    retries.body(() -> api.customObjects().post(draft).execute(), "store order watermark " + container + "/" + key);
  }

  /**
   * The stored watermark: the upper bound of the last committed poll.
   *
   * @return the watermark, or empty before the first commit
   * @throws StockbridgeException if reading fails
   */
  public Optional<Instant> watermark() {
    List<CustomObject> found =
        retries.body(
                // Keys are validated tokens, so a literal is safe here.
                () -> api.customObjects().withContainer(container).get().withWhere("key = \"" + key + "\"").execute(),
                "read order watermark " + container + "/" + key)
            .getResults();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Object value = found.get(0).getValue();
    Object at = value instanceof Map<?, ?> map ? map.get("lastModifiedAt") : null;
    if (at == null) {
      throw new StockbridgeException("custom object " + container + "/" + key + " holds no lastModifiedAt watermark");
    }
    return Optional.of(Instant.parse(at.toString()));
  }

  /**
   * Maps one order, e.g. from a message the host received.
   *
   * @param order the order
   * @return its events and demand lines, without a watermark
   */
  public OrderBatch fromOrder(Order order) {
    List<OrderEvent> events = new ArrayList<>();
    List<DemandLine> demand = new ArrayList<>();
    mapper.map(order, events, demand);
    return new OrderBatch(events, demand, Optional.empty());
  }

  /**
   * Maps the order of an {@code OrderCreated} message as a subscription delivers it (the message
   * JSON, or a delivery payload that carries it). Delivering the same message twice yields the
   * same ids, so the engine and the demand store apply it once.
   *
   * @param json the message
   * @return its events and demand lines, without a watermark
   * @throws InvalidValueException if the JSON is not an {@code OrderCreated} message with an order
   */
  public OrderBatch fromMessage(String json) {
    OrderCreatedMessage message;
    try {
      message = JsonUtils.fromJsonString(json, OrderCreatedMessage.class);
    } catch (RuntimeException e) {
      throw new InvalidValueException("message", abbreviate(json), "is not an OrderCreated message: " + e.getClass().getSimpleName());
    }
    if (message == null || message.getOrder() == null || !OrderCreatedMessage.ORDER_CREATED.equals(message.getType())) {
      throw new InvalidValueException("message", abbreviate(json), "is not an OrderCreated message with an order");
    }
    return fromOrder(message.getOrder());
  }

  private static String abbreviate(String json) {
    return json == null || json.length() <= 80 ? json : json.substring(0, 80) + "…";
  }

  /** Configures an order feed; not thread-safe. */
  public static final class Builder {
    private final ProjectApiRoot api;
    private final ChannelResolver channels;
    private final Retries retries;
    private LocationChannels locations = LocationChannels.sameKeys();
    private Duration overlap = Duration.ofMinutes(2);
    private Clock clock = Clock.systemUTC();
    private String container = "stockbridge";
    private String key = "order-feed";
    private Instant start = Instant.EPOCH;
    private Set<String> customFields = Set.of();
    private int pageSize = 500;

    Builder(ProjectApiRoot api, ChannelResolver channels, Retries retries) {
      this.api = api;
      this.channels = channels;
      this.retries = retries;
    }

    /** Sets how supply channels map to locations (default: same keys). @param locations the mapping @return this builder */
    public Builder locations(LocationChannels locations) {
      this.locations = Checks.notNull("locations", locations);
      return this;
    }

    /** Sets how far each poll reaches back before the watermark (default 2 minutes). @param overlap the overlap @return this builder */
    public Builder overlap(Duration overlap) {
      if (overlap == null || overlap.isNegative()) {
        throw new InvalidValueException("overlap", overlap, "must not be negative");
      }
      this.overlap = overlap;
      return this;
    }

    /** Sets the clock that gives each poll's upper bound. @param clock the clock @return this builder */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * Sets the custom object that keeps the watermark (default {@code stockbridge/order-feed}).
     *
     * @param container the custom object's container
     * @param key the custom object's key
     * @return this builder
     * @throws InvalidValueException if either is not a valid custom object key
     */
    public Builder watermarkObject(String container, String key) {
      this.container = objectKey("container", container);
      this.key = objectKey("key", key);
      return this;
    }

    /** Custom object containers and keys allow these characters only (and so need no escaping). */
    private static String objectKey(String field, String value) {
      if (value == null || !value.matches("[-_~.a-zA-Z0-9]{1,256}")) {
        throw new InvalidValueException(field, value, "must be 1-256 of the characters A-Z a-z 0-9 - _ ~ .");
      }
      return value;
    }

    /** Sets where the first poll starts when no watermark is stored (default: the epoch, all orders). @param start the start @return this builder */
    public Builder startAt(Instant start) {
      this.start = Checks.notNull("start", start);
      return this;
    }

    /** Chooses order and line item custom fields to copy into demand attributes. @param names field names @return this builder */
    public Builder customFields(String... names) {
      this.customFields = Set.of(names);
      return this;
    }

    Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /** Builds the feed. @return the feed */
    public OrderFeed build() {
      return new OrderFeed(this);
    }
  }
}
