package dev.stockbridge.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.Sku;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderIntake;
import dev.stockbridge.order.OrderLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The order ledger of one intake partition: per order, what each line decremented, what was given
 * back since, which cancellations and returns were counted, and the events that came before their
 * order (delivery is unordered), parked until it arrives. It turns each event into the movements
 * it causes, exactly once: an order placed twice decrements once, a cancellation or return never
 * restocks more than the line sold. Its state is written, order by order, to the partition's
 * changelog in the same transaction as the movements, so a new owner restores exactly the state
 * that goes with the committed offsets.
 *
 * <p>Not thread-safe: one intake thread owns it.
 */
final class OrderBook {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OrderIntake intake;
  private final Map<String, Order> orders = new HashMap<>();

  OrderBook(OrderIntake intake) {
    this.intake = intake;
  }

  /** What one event changed: the movements to publish and the order's new state to log. */
  record Outcome(List<Movement> movements, String orderId, byte[] state) {}

  /** One order's state. Lines are null until the order is placed. */
  private static final class Order {
    Map<String, OrderLine> lines;
    final Map<String, Long> givenBack = new HashMap<>();
    final Set<String> counted = new LinkedHashSet<>();
    final List<OrderEvent> parked = new ArrayList<>();
    /** For a movement's entry: the movement, the rest unused. */
    Movement movement;
  }

  /**
   * A movement from the intake: applied once per idempotency key, expanded to bundle components and
   * pool siblings. The same key with other content is a conflict: logged, not applied.
   */
  Outcome accept(Movement movement) {
    String id = MOVEMENT_PREFIX + movement.idempotencyKey();
    Order known = orders.get(id);
    if (known != null) {
      if (!sameContent(known.movement, movement)) {
        LoggerFactory.getLogger(OrderBook.class).error("idempotency key {} came again with other content ({} {} of {}, first"
            + " {} {} of {}); the first stands", movement.idempotencyKey(), movement.kind(), movement.quantity(),
            movement.key(), known.movement.kind(), known.movement.quantity(), known.movement.key());
      }
      return new Outcome(List.of(), id, null);
    }
    Order order = new Order();
    order.movement = movement;
    orders.put(id, order);
    return new Outcome(intake.expand(movement), id, encode(order));
  }

  /** What makes a movement the same as another of its key: a different cause text is still a duplicate. */
  private static boolean sameContent(Movement a, Movement b) {
    return a.kind() == b.kind() && a.key().equals(b.key()) && a.quantity() == b.quantity();
  }

  /** Movements share the book with orders: no order id starts with a space, so none collides. */
  static final String MOVEMENT_PREFIX = " movement/";

  Outcome accept(OrderEvent event) {
    Order order = orders.computeIfAbsent(event.orderId(), id -> new Order());
    List<Movement> movements = new ArrayList<>();
    boolean changed = apply(order, event, movements);
    return new Outcome(movements, event.orderId(), changed ? encode(order) : null);
  }

  private boolean apply(Order order, OrderEvent event, List<Movement> out) {
    if (event instanceof OrderEvent.Placed placed) {
      if (order.lines != null) {
        return false; // delivered again
      }
      order.lines = new LinkedHashMap<>();
      placed.lines().forEach(line -> order.lines.put(line.lineId(), line));
      out.addAll(intake.movements(placed));
      List<OrderEvent> waiting = new ArrayList<>(order.parked);
      order.parked.clear();
      waiting.forEach(parked -> apply(order, parked, out));
      return true;
    }
    String id = eventId(event);
    if (order.lines == null) {
      if (order.parked.stream().anyMatch(parked -> eventId(parked).equals(id))) {
        return false;
      }
      order.parked.add(event);
      return true;
    }
    if (!order.counted.add(id)) {
      return false;
    }
    if (event instanceof OrderEvent.Cancelled cancelled) {
      List<OrderLine> capped = new ArrayList<>();
      cancelled.lines().forEach(line -> giveBack(order, line.lineId(), line.quantity()).ifPresent(capped::add));
      if (!capped.isEmpty()) {
        out.addAll(intake.movements(new OrderEvent.Cancelled(cancelled.orderId(), capped, cancelled.cancellationId())));
      }
    } else if (event instanceof OrderEvent.Returned returned) {
      giveBack(order, returned.line().lineId(), returned.line().quantity()).ifPresent(line -> out.addAll(
          intake.movements(new OrderEvent.Returned(returned.orderId(), returned.returnId(), line, returned.disposition()))));
    }
    return true;
  }

  /** The sold line with no more units than it still has to give back, or empty if none or unknown. */
  private static Optional<OrderLine> giveBack(Order order, String lineId, long wanted) {
    OrderLine sold = order.lines.get(lineId);
    if (sold == null) {
      return Optional.empty();
    }
    long left = sold.quantity() - order.givenBack.getOrDefault(lineId, 0L);
    long units = Math.min(left, wanted);
    if (units <= 0) {
      return Optional.empty();
    }
    order.givenBack.merge(lineId, units, Long::sum);
    return Optional.of(new OrderLine(lineId, sold.sku(), units, sold.location(), sold.channel(), sold.mode()));
  }

  private static String eventId(OrderEvent event) {
    if (event instanceof OrderEvent.Cancelled cancelled) {
      return "c/" + cancelled.cancellationId() + "/" + cancelled.lines().stream().map(OrderLine::lineId).toList();
    }
    if (event instanceof OrderEvent.Returned returned) {
      return "r/" + returned.returnId() + "/" + returned.line().lineId();
    }
    return "p";
  }

  /** Restores one order from its changelog record; a null value (a tombstone) forgets it. */
  void restore(String orderId, byte[] state) {
    if (state == null) {
      orders.remove(orderId);
      return;
    }
    orders.put(orderId, decode(state));
  }

  int size() {
    return orders.size();
  }

  private static byte[] encode(Order order) {
    ObjectNode node = JSON.createObjectNode();
    if (order.movement != null) {
      node.put("movement", new String(OrderMessages.encode(order.movement), StandardCharsets.UTF_8));
    }
    if (order.lines != null) {
      ArrayNode lines = node.putArray("lines");
      order.lines.values().forEach(line -> lines.addObject().put("lineId", line.lineId()).put("sku", line.sku().value())
          .put("quantity", line.quantity()).put("location", line.location().key()).put("mode", line.mode().name()));
    }
    ObjectNode givenBack = node.putObject("givenBack");
    order.givenBack.forEach(givenBack::put);
    ArrayNode counted = node.putArray("counted");
    order.counted.forEach(counted::add);
    ArrayNode parked = node.putArray("parked");
    order.parked.forEach(event -> parked.add(new String(OrderMessages.encode(event), StandardCharsets.UTF_8)));
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("JSON of an order's state", e);
    }
  }

  private static Order decode(byte[] state) {
    JsonNode node;
    try {
      node = JSON.readTree(state);
    } catch (IOException e) {
      throw new IllegalStateException("the changelog holds an order state that is not JSON", e);
    }
    Order order = new Order();
    if (node.has("movement")) {
      order.movement = (Movement) OrderMessages.decodeAny(node.get("movement").asText().getBytes(StandardCharsets.UTF_8));
    }
    if (node.has("lines")) {
      order.lines = new LinkedHashMap<>();
      for (JsonNode line : node.get("lines")) {
        order.lines.put(line.get("lineId").asText(), new OrderLine(line.get("lineId").asText(),
            Sku.of(line.get("sku").asText()), line.get("quantity").asLong(), Location.of(line.get("location").asText()),
            Optional.empty(), InventoryMode.valueOf(line.get("mode").asText())));
      }
    }
    node.path("givenBack").properties().forEach(e -> order.givenBack.put(e.getKey(), e.getValue().asLong()));
    node.path("counted").forEach(id -> order.counted.add(id.asText()));
    node.path("parked").forEach(event -> order.parked.add(OrderMessages.decode(event.asText().getBytes(StandardCharsets.UTF_8))));
    return order;
  }
}
