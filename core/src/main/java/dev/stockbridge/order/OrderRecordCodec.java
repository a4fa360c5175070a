package dev.stockbridge.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockbridge.Channel;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.spi.OrderRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link OrderRecord} as JSON text: how the file and the PostgreSQL order ledgers store one
 * order. Stateless and thread-safe.
 */
public final class OrderRecordCodec {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private OrderRecordCodec() {}

  /**
   * Writes a record.
   *
   * @param record the record
   * @return its JSON text
   */
  public static String encode(OrderRecord record) {
    ObjectNode root = JSON.createObjectNode();
    root.put("order", record.orderId());
    root.put("at", record.lastActivity().toString());
    ArrayNode lines = root.putArray("lines");
    for (OrderRecord.Line line : record.lines()) {
      ObjectNode node = lines.addObject();
      node.set("line", line(line.line()));
      ArrayNode parts = node.putArray("decremented");
      for (OrderRecord.Part part : line.decremented()) {
        parts.addObject().put("sku", part.sku().value()).put("location", part.location().key()).put("quantity", part.quantity());
      }
      ObjectNode restocks = node.putObject("restocks");
      line.restocks().forEach(restocks::put);
    }
    ArrayNode parked = root.putArray("parked");
    for (OrderRecord.Parked p : record.parked()) {
      parked.addObject().put("kind", p.kind().name()).put("id", p.id()).put("since", p.since().toString()).set("line", line(p.line()));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always writes", e);
    }
  }

  /**
   * Reads a record.
   *
   * @param text the JSON text {@link #encode} wrote
   * @return the record
   * @throws InvalidValueException if the text is not such a record
   */
  public static OrderRecord decode(String text) {
    try {
      JsonNode root = JSON.readTree(text);
      List<OrderRecord.Line> lines = new ArrayList<>();
      for (JsonNode node : root.path("lines")) {
        List<OrderRecord.Part> parts = new ArrayList<>();
        for (JsonNode part : node.path("decremented")) {
          parts.add(new OrderRecord.Part(Sku.of(text(part, "sku")), Location.of(text(part, "location")), part.path("quantity").asLong()));
        }
        Map<String, Long> restocks = new LinkedHashMap<>();
        node.path("restocks").properties().forEach(e -> restocks.put(e.getKey(), e.getValue().asLong()));
        lines.add(new OrderRecord.Line(line(node.path("line")), parts, restocks));
      }
      List<OrderRecord.Parked> parked = new ArrayList<>();
      for (JsonNode p : root.path("parked")) {
        parked.add(new OrderRecord.Parked(OrderRecord.Kind.valueOf(text(p, "kind")), p.path("id").asText(""),
            line(p.path("line")), Instant.parse(text(p, "since"))));
      }
      return new OrderRecord(text(root, "order"), lines, parked, Instant.parse(text(root, "at")));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new InvalidValueException("orderRecord", abbreviated(text), "is not an order ledger record (" + e.getMessage() + ")");
    }
  }

  private static ObjectNode line(OrderLine line) {
    ObjectNode node = JSON.createObjectNode()
        .put("id", line.lineId())
        .put("sku", line.sku().value())
        .put("quantity", line.quantity())
        .put("location", line.location().key())
        .put("mode", line.mode().name());
    line.channel().ifPresent(channel -> node.put("channel", channel.key()));
    return node;
  }

  private static OrderLine line(JsonNode node) {
    Optional<Channel> channel = node.hasNonNull("channel") ? Optional.of(Channel.of(node.get("channel").asText())) : Optional.empty();
    return new OrderLine(text(node, "id"), Sku.of(text(node, "sku")), node.path("quantity").asLong(),
        Location.of(text(node, "location")), channel, InventoryMode.valueOf(text(node, "mode")));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field " + field + " is missing");
    }
    return value.asText();
  }

  private static String abbreviated(String text) {
    return text == null || text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }
}
