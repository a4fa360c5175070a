package dev.stockbridge.commercetools;

import com.commercetools.api.client.ByProjectKeyOrdersGet;
import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.custom_object.CustomObject;
import com.commercetools.api.models.custom_object.CustomObjectDraft;
import com.commercetools.api.models.message.OrderCreatedMessage;
import com.commercetools.api.models.order.Order;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.flow.OrderPage;
import dev.stockbridge.flow.OrderSource;
import dev.stockbridge.flow.RejectedOrder;
import dev.stockbridge.flow.SourcedOrder;
import dev.stockbridge.spi.TransientStorefrontException;
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
 * (for the planner feeds): the commercetools {@link OrderSource}. A read spans the orders modified
 * between the stored watermark minus an overlap (two minutes by default: timestamps come from a
 * distributed system) and the moment the read began, sorted by {@code lastModifiedAt} then {@code
 * id}; each {@link #poll()} returns one page of it ({@link OrderPage#more()} until the span is
 * read), and {@link #commit(OrderPage)} stores how far it got in a custom object of the project
 * once the page has been handed on, so memory stays bounded by a page even on a first read of
 * years of orders. An order that cannot be mapped (a line without a SKU, a channel without a
 * location) is returned as rejected, naming line and field; the read goes on. Orders re-read in the
 * overlap are skipped when this feed already emitted the same version; across restarts the
 * deterministic idempotency keys of events and demand lines absorb repeats. Host apps that receive
 * {@code OrderCreated} messages can {@link #fromMessage(String) push} them in: same mapping, same
 * ids. Thread-safe; polls are serialised.
 */
public final class OrderFeed implements OrderSource {

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

  /** Where a read spanning several polls has got to; null between reads. */
  private Span span;

  /** A read in progress: its bounds, and the last order of the page before. */
  private record Span(Instant lower, Instant upper, Order last) {}

  /**
   * Reads the next page of orders modified since the stored watermark (minus the overlap).
   *
   * @return the mapped and the rejected orders of the page, and how far to commit
   * @throws StockbridgeException if reading fails (transient failures as {@code
   *     TransientStorefrontException}); nothing is committed then, and the next poll starts the read
   *     again from the stored watermark
   */
  @Override
  public synchronized OrderPage poll() {
    Span at = span != null ? span : new Span(watermark().orElse(start).minus(overlap), clock.instant().truncatedTo(ChronoUnit.MILLIS), null);
    span = null; // until this page has been read
    ByProjectKeyOrdersGet get =
        api.orders().get()
            .withWhere(RANGE + (at.last() == null ? "" : AFTER))
            .withPredicateVar("lower", MILLIS.format(at.lower()))
            .withPredicateVar("upper", MILLIS.format(at.upper()))
            .withSort(List.of("lastModifiedAt asc", "id asc"))
            .withLimit(pageSize)
            .withWithTotal(false);
    if (at.last() != null) {
      get = get.withPredicateVar("at", MILLIS.format(at.last().getLastModifiedAt())).withPredicateVar("id", at.last().getId());
    }
    ByProjectKeyOrdersGet request = get;
    List<Order> page = retries.body(request::execute, "read orders modified from " + MILLIS.format(at.lower()) + " to " + MILLIS.format(at.upper())).getResults();
    List<SourcedOrder> orders = new ArrayList<>();
    List<RejectedOrder> rejected = new ArrayList<>();
    for (Order order : page) {
      Long seen = emitted.getIfPresent(order.getId());
      if (seen == null || seen < order.getVersion()) {
        map(order, orders, rejected);
        emitted.put(order.getId(), order.getVersion());
      }
    }
    if (page.size() < pageSize) {
      return new OrderPage(orders, rejected, Optional.of(at.upper()), false);
    }
    Order last = page.get(page.size() - 1);
    span = new Span(at.lower(), at.upper(), last);
    return new OrderPage(orders, rejected, Optional.of(last.getLastModifiedAt().toInstant()), true);
  }

  /** Maps one order into the page, or rejects it with the problem; transient failures propagate. */
  private void map(Order order, List<SourcedOrder> orders, List<RejectedOrder> rejected) {
    try {
      orders.add(mapper.map(order));
    } catch (TransientStorefrontException e) {
      throw e;
    } catch (StockbridgeException e) {
      rejected.add(new RejectedOrder(order.getId(), e.getMessage()));
    } catch (RuntimeException e) {
      // The SDK's model can hold what no validation foresaw; one such order must not stop the rest.
      rejected.add(new RejectedOrder(order.getId(), "order " + order.getId() + " could not be mapped (" + e.getClass().getSimpleName() + ")"));
    }
  }

  /**
   * Stores how far a polled page reached, once its orders have been handed on.
   *
   * @param page a page from {@link #poll()}
   * @throws InvalidValueException if the page was not polled (it has no checkpoint)
   * @throws StockbridgeException if storing fails
   */
  @Override
  public synchronized void commit(OrderPage page) {
    Instant watermark = page.checkpoint().orElseThrow(() -> new InvalidValueException("page", "pushed", "has no checkpoint to commit"));
    CustomObjectDraft draft = CustomObjectDraft.builder().container(container).key(key).value(Map.of("lastModifiedAt", MILLIS.format(watermark))).build();
    retries.body(() -> api.customObjects().post(draft).execute(), "store order watermark " + container + "/" + key);
  }

  /**
   * Reads one order again by id (how a quarantined order is retried).
   *
   * @param orderId the order's id
   * @return a page with the order, mapped or rejected; empty if the order no longer exists
   */
  @Override
  public OrderPage reread(String orderId) {
    Order order;
    try {
      order = retries.body(() -> api.orders().withId(orderId).get().execute(), "read order " + orderId);
    } catch (CommercetoolsApiException e) {
      if (e.status() == 404) {
        return OrderPage.of(List.of(), List.of()); // deleted since: nothing left to process
      }
      throw e;
    }
    return fromOrder(order);
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
   * @return a page with the order, mapped or rejected, without a checkpoint
   */
  public OrderPage fromOrder(Order order) {
    List<SourcedOrder> orders = new ArrayList<>();
    List<RejectedOrder> rejected = new ArrayList<>();
    map(order, orders, rejected);
    return OrderPage.of(orders, rejected);
  }

  /**
   * Maps the order of an {@code OrderCreated} message as a subscription delivers it (the message
   * JSON, or a delivery payload that carries it). Delivering the same message twice yields the
   * same ids, so the engine and the demand store apply it once.
   *
   * @param json the message
   * @return a page with the order, mapped or rejected (naming the line and field), without a
   *     checkpoint
   * @throws InvalidValueException if the JSON is not an {@code OrderCreated} message with an order
   */
  public OrderPage fromMessage(String json) {
    OrderCreatedMessage message;
    try {
      message = JsonUtils.fromJsonString(json, OrderCreatedMessage.class);
    } catch (RuntimeException e) {
      throw new InvalidValueException("message", json, "is not an OrderCreated message: " + e.getClass().getSimpleName());
    }
    if (message == null || message.getOrder() == null || !OrderCreatedMessage.ORDER_CREATED.equals(message.getType())) {
      throw new InvalidValueException("message", json, "is not an OrderCreated message with an order");
    }
    Optional<String> fraction = fractionalQuantity(json);
    if (fraction.isPresent()) {
      return OrderPage.of(List.of(), List.of(new RejectedOrder(message.getOrder().getId(), fraction.get())));
    }
    return fromOrder(message.getOrder());
  }

  /**
   * A quantity that is not a whole number, which the SDK's model would silently truncate (2.5
   * becomes 2); named with its line.
   */
  private static Optional<String> fractionalQuantity(String json) {
    JsonNode order;
    try {
      order = JsonUtils.getConfiguredObjectMapper().readTree(json).path("order");
    } catch (JsonProcessingException e) {
      return Optional.empty(); // the typed read above accepted it; nothing more to check
    }
    List<JsonNode> items = new ArrayList<>();
    order.path("lineItems").forEach(items::add);
    order.path("returnInfo").forEach(info -> info.path("items").forEach(items::add));
    for (JsonNode item : items) {
      JsonNode quantity = item.path("quantity");
      if (quantity.isNumber() && !quantity.isIntegralNumber()) {
        return Optional.of("quantity of item " + item.path("id").asText() + " in order " + order.path("id").asText() + " is " + quantity.asText()
            + ": it must be a whole number of units");
      }
    }
    return Optional.empty();
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
