package dev.stockbridge.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockbridge.Channel;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.order.ReturnDisposition;
import dev.stockbridge.InventoryState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The intake topic's record values: one order event as JSON. What a host (or the function that
 * forwards a commercetools subscription's messages) writes to the intake topic, under any key: the
 * intake re-keys it. Stateless and thread-safe.
 *
 * <pre>{@code
 * {"type":"placed","orderId":"o-1","lines":[{"lineId":"l-1","sku":"MUG","quantity":2,"location":"london-dc","mode":"NONE"}]}
 * {"type":"cancelled","orderId":"o-1","cancellationId":"c-1","lines":[...]}
 * {"type":"returned","orderId":"o-1","returnId":"r-1","disposition":"RESELLABLE","line":{...}}
 * {"type":"movement","kind":"RECEIPT","sku":"MUG","location":"london-dc","quantity":40,"cause":"PO 17","key":"receipt/po-17/1"}
 * }</pre>
 *
 * <p>A movement (a receipt, a count adjustment, a correction) travels the same way: the intake
 * applies its idempotency key once, so a message delivered twice moves stock once.
 */
public final class OrderMessages {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OrderMessages() {}

  /**
   * Writes an event as a record value.
   *
   * @param event the event
   * @return its JSON, UTF-8
   */
  public static byte[] encode(OrderEvent event) {
    ObjectNode node = JSON.createObjectNode();
    if (event instanceof OrderEvent.Placed placed) {
      node.put("type", "placed").put("orderId", placed.orderId());
      lines(node.putArray("lines"), placed.lines());
    } else if (event instanceof OrderEvent.Cancelled cancelled) {
      node.put("type", "cancelled").put("orderId", cancelled.orderId())
          .put("cancellationId", cancelled.cancellationId());
      lines(node.putArray("lines"), cancelled.lines());
    } else if (event instanceof OrderEvent.Returned returned) {
      node.put("type", "returned").put("orderId", returned.orderId()).put("returnId", returned.returnId())
          .put("disposition", returned.disposition().name());
      line(node.putObject("line"), returned.line());
    }
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("JSON of an order event", e);
    }
  }

  /**
   * Writes a movement as a record value: an available-stock movement with its idempotency key.
   *
   * @param movement the movement, of available stock and not a holdback
   * @return its JSON, UTF-8
   * @throws InvalidValueException if the movement is a holdback or of another state than available
   */
  public static byte[] encode(Movement movement) {
    checkCarried(movement);
    ObjectNode node = JSON.createObjectNode().put("type", "movement").put("kind", movement.kind().name())
        .put("sku", movement.sku().value()).put("location", movement.location().key())
        .put("quantity", movement.quantity()).put("cause", movement.cause()).put("key", movement.idempotencyKey());
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("JSON of a movement", e);
    }
  }

  /** Holdbacks and other states need the engine's bookkeeping, which the Kafka writer does not keep. */
  static void checkCarried(Movement movement) {
    if (movement.holdback() || !movement.state().equals(InventoryState.AVAILABLE)) {
      throw new InvalidValueException("movement", movement.kind() + " " + movement.state(),
          "must be a movement of available stock, not a holdback, to travel through Kafka");
    }
  }

  /**
   * Reads a record value that is an order event.
   *
   * @param value the JSON
   * @return the event
   * @throws InvalidValueException if the value is not an order event in this form
   */
  public static OrderEvent decode(byte[] value) {
    Object message = decodeAny(value);
    if (message instanceof OrderEvent event) {
      return event;
    }
    throw new InvalidValueException("order message", excerpt(value), "is a movement, not an order event");
  }

  /** Reads an intake message: an {@link OrderEvent} or a {@link Movement}. */
  static Object decodeAny(byte[] value) {
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (IOException e) {
      throw new InvalidValueException("order message", excerpt(value), "is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidValueException("order message", excerpt(value), "is not a JSON object");
    }
    String type = text(node, "type");
    String orderId = type.equals("movement") ? "" : text(node, "orderId");
    switch (type) {
      case "placed":
        return new OrderEvent.Placed(orderId, lines(node));
      case "cancelled":
        return new OrderEvent.Cancelled(orderId, lines(node), node.path("cancellationId").asText(""));
      case "returned":
        return new OrderEvent.Returned(orderId, text(node, "returnId"), line(node.path("line")),
            ReturnDisposition.valueOf(text(node, "disposition")));
      case "movement":
        Movement movement = Movement.of(MovementKind.valueOf(text(node, "kind")), Sku.of(text(node, "sku")),
            Location.of(text(node, "location")), node.path("quantity").asLong(0), text(node, "cause"), text(node, "key"));
        checkCarried(movement);
        return movement;
      default:
        throw new InvalidValueException("type", type, "must be placed, cancelled, returned or movement");
    }
  }

  private static void lines(ArrayNode out, List<OrderLine> lines) {
    lines.forEach(line -> line(out.addObject(), line));
  }

  private static void line(ObjectNode out, OrderLine line) {
    out.put("lineId", line.lineId()).put("sku", line.sku().value()).put("quantity", line.quantity())
        .put("location", line.location().key()).put("mode", line.mode().name());
    line.channel().ifPresent(channel -> out.put("channel", channel.key()));
  }

  private static List<OrderLine> lines(JsonNode node) {
    List<OrderLine> lines = new ArrayList<>();
    for (JsonNode line : node.path("lines")) {
      lines.add(line(line));
    }
    return lines;
  }

  private static OrderLine line(JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidValueException("line", node.toString(), "must be an object");
    }
    JsonNode channel = node.path("channel");
    return new OrderLine(text(node, "lineId"), Sku.of(text(node, "sku")), node.path("quantity").asLong(0),
        Location.of(text(node, "location")),
        channel.isTextual() ? Optional.of(Channel.of(channel.asText())) : Optional.empty(),
        InventoryMode.valueOf(node.path("mode").asText("NONE")));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new InvalidValueException(field, value.isMissingNode() ? null : value.toString(), "must be a non-blank string");
    }
    return value.asText();
  }

  private static String excerpt(byte[] value) {
    String text = new String(value, java.nio.charset.StandardCharsets.UTF_8);
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
