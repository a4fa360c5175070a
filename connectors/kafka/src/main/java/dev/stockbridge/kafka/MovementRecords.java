package dev.stockbridge.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.InventoryState;
import java.io.IOException;

/**
 * The movements topic's records. The key is the (SKU, location) as a JSON array, so the default
 * partitioner sends every record of a key to one partition, and so to one writer. A value is
 * either a movement (unsequenced: its offset is its sequence) or a request to derive the key's
 * bundle entry again from its components. Stateless and thread-safe.
 */
final class MovementRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MovementRecords() {}

  /** What one record of the movements topic asks for. */
  sealed interface Value permits Move, Derive {}

  /** A movement to apply. */
  record Move(Movement movement) implements Value {}

  /** The bundle entry of the record's key is to be derived from its components again. */
  record Derive() implements Value {}

  static byte[] key(StockKey key) {
    try {
      return JSON.writeValueAsBytes(JSON.createArrayNode().add(key.sku().value()).add(key.location().key()));
    } catch (IOException e) {
      throw new IllegalStateException("JSON of a key", e);
    }
  }

  static StockKey key(byte[] bytes) {
    JsonNode node = read(bytes);
    if (!node.isArray() || node.size() != 2) {
      throw new InvalidValueException("movement key", node.toString(), "must be [sku, location]");
    }
    return new StockKey(Sku.of(node.get(0).asText()), Location.of(node.get(1).asText()));
  }

  static byte[] move(Movement m) {
    ObjectNode node = JSON.createObjectNode().put("kind", m.kind().name()).put("state", m.state().name())
        .put("sellable", m.state().sellable()).put("onHand", m.state().onHand())
        .put("quantity", m.quantity()).put("cause", m.cause()).put("key", m.idempotencyKey());
    return write(node);
  }

  static byte[] derive() {
    return write(JSON.createObjectNode().put("derive", true));
  }

  static Value value(StockKey key, byte[] bytes) {
    JsonNode node = read(bytes);
    if (node.path("derive").asBoolean(false)) {
      return new Derive();
    }
    InventoryState state = new InventoryState(node.path("state").asText(), node.path("sellable").asBoolean(),
        node.path("onHand").asBoolean());
    return new Move(new Movement(MovementKind.valueOf(node.path("kind").asText()), key.sku(), key.location(), state,
        node.path("quantity").asLong(), node.path("cause").asText(), node.path("key").asText(), Movement.UNSEQUENCED));
  }

  private static byte[] write(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("JSON of a movement", e);
    }
  }

  private static JsonNode read(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new InvalidValueException("movement record", bytes.length + " bytes", "is not JSON");
    }
  }
}
