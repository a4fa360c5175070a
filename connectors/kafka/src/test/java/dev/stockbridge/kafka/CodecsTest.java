package dev.stockbridge.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Channel;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.order.ReturnDisposition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodecsTest {

  private static final OrderLine LINE = new OrderLine("l-1", Sku.of("MUG, \"white\""), 2, Location.of("dc"),
      Optional.of(Channel.of("web")), InventoryMode.TRACK_ONLY);

  @Test
  void orderMessages_roundTripEveryEvent() {
    for (OrderEvent event : List.of(new OrderEvent.Placed("o-1", List.of(LINE)),
        new OrderEvent.Cancelled("o-1", List.of(LINE), "c-1"),
        new OrderEvent.Returned("o-1", "r-1", LINE, ReturnDisposition.DAMAGED))) {
      assertThat(OrderMessages.decode(OrderMessages.encode(event))).isEqualTo(event);
    }
  }

  @Test
  void orderMessages_nameTheFieldThatIsMissing() {
    assertThatThrownBy(() -> OrderMessages.decode("{\"type\":\"placed\",\"lines\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("orderId");
    assertThatThrownBy(() -> OrderMessages.decode("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void movementRecords_roundTripTheKeyAndTheMovement() {
    StockKey key = new StockKey(Sku.of("A\"B,C"), Location.of("dc"));
    Movement movement = Movement.of(MovementKind.RETURN_RESTOCK, key.sku(), key.location(), 2, "return r-1", "return/r-1/o-1/l-1");
    assertThat(MovementRecords.key(MovementRecords.key(key))).isEqualTo(key);
    assertThat(MovementRecords.value(key, MovementRecords.move(movement))).isEqualTo(new MovementRecords.Move(movement));
    assertThat(MovementRecords.value(key, MovementRecords.derive())).isInstanceOf(MovementRecords.Derive.class);
  }

  @Test
  void settings_redactSecretsInToString() {
    Settings settings = new Settings("b:9092", "g", "i", KafkaTopics.prefixed("s"), null, null, null, null, null, null,
        1, 1, 0, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1), java.time.Duration.ZERO,
        java.time.Duration.ofHours(1), java.time.Duration.ofDays(1), java.util.Map.of("sasl.jaas.config", "PlainLoginModule password=\"hunter2\";", "ssl.truststore.password", "x1y2"));
    assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("x1y2").contains("sasl.jaas.config=****");
  }

  @Test
  void orderMessages_carryMovementsOfAvailableStockButNoHoldbacks() {
    Movement receipt = Movement.of(MovementKind.RECEIPT, Sku.of("MUG"), Location.of("dc"), 40, "PO 17", "receipt/po-17/1");
    assertThat(OrderMessages.decodeAny(OrderMessages.encode(receipt))).isEqualTo(receipt);
    assertThatThrownBy(() -> OrderMessages.encode(Movement.of(MovementKind.HOLDBACK, Sku.of("MUG"), Location.of("dc"), 3,
        "minimum stock", "holdback/1"))).isInstanceOf(InvalidValueException.class).hasMessageContaining("holdback");
    assertThatThrownBy(() -> OrderMessages.decode(OrderMessages.encode(receipt))).isInstanceOf(InvalidValueException.class);
  }
}
