package dev.stockbridge.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockbridge.Movement;
import dev.stockbridge.order.InMemoryOrderLedger;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderIntake;
import dev.stockbridge.order.OrderLedger;
import dev.stockbridge.order.OrderRecordCodec;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.OrderLedgerStore;
import dev.stockbridge.spi.OrderRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The order ledger of one intake partition, under the same rules as the engine's ({@link
 * OrderLedger}): an order placed twice decrements once, a cancellation or return never restocks more
 * than the line sold (an over-restock is raised), one for an order not seen yet is parked until the
 * order arrives or raised once the wait is over, and an order idle longer than the retention is
 * forgotten. Plain movements from the intake are applied once per idempotency key, and forgotten
 * after the same retention. What each event changed is written, record by record, to the
 * partition's changelog in the same transaction as the movements ({@link Outcome#changelog()}; a
 * forgotten order is a tombstone, which the compacted topic then drops), so a new owner restores
 * exactly the state that goes with the committed offsets, and the changelog stays as large as the
 * orders within the retention.
 *
 * <p>Not thread-safe: one intake thread owns it.
 */
final class OrderBook {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Movements share the changelog with orders: no order id starts with a space, so none collides. */
  static final String MOVEMENT_PREFIX = " movement/";

  private final OrderIntake intake;
  private final Duration retention;
  /** How old a movement key's last delivery may be before a new one records it again (as the order ledger does). */
  private final Duration refreshAfter;
  private final Changes changes = new Changes(new InMemoryOrderLedger());
  private final OrderLedger ledger;
  private final Map<String, Accepted> movements = new HashMap<>();

  /** A plain movement and when it was last delivered (refreshed at most daily). */
  private record Accepted(Movement movement, Instant at) {}

  /** One changelog record: a key and its new state, or null to forget it. */
  record Change(String key, byte[] state) {}

  /** What one event changed: the movements to publish, the events applied, the changelog records to write. */
  record Outcome(List<Movement> movements, List<OrderEvent> applied, List<Change> changelog) {}

  OrderBook(OrderIntake intake, ExceptionStore exceptions, Duration parkFor, Duration retention) {
    this.intake = intake;
    this.retention = retention;
    this.refreshAfter = OrderLedger.refreshAfter(retention);
    this.ledger = new OrderLedger(changes, intake, exceptions, parkFor, retention);
  }

  /**
   * An order event, checked against the ledger.
   *
   * @param event the event
   * @param now the clock's instant
   */
  Outcome accept(OrderEvent event, Instant now) {
    OrderLedger.Submitted<List<Movement>> submitted = ledger.submit(List.of(event), now, List::copyOf);
    return new Outcome(submitted.journaled(), submitted.applied(), changes.drain());
  }

  /**
   * A movement from the intake: applied once per idempotency key, expanded to bundle components and
   * pool siblings. The same key with other content is a conflict: logged, not applied.
   */
  Outcome accept(Movement movement, Instant now) {
    String key = MOVEMENT_PREFIX + movement.idempotencyKey();
    Accepted known = movements.get(key);
    if (known != null) {
      if (!sameContent(known.movement(), movement)) {
        LoggerFactory.getLogger(OrderBook.class).error("idempotency key {} came again with other content ({} {} of {}, first"
            + " {} {} of {}); the first stands", movement.idempotencyKey(), movement.kind(), movement.quantity(),
            movement.key(), known.movement().kind(), known.movement().quantity(), known.movement().key());
      }
      if (known.at().isBefore(now.minus(refreshAfter))) {
        // Still delivered: kept for the retention from now, like an order read again.
        Accepted refreshed = new Accepted(known.movement(), now);
        movements.put(key, refreshed);
        return new Outcome(List.of(), List.of(), List.of(new Change(key, encode(refreshed))));
      }
      return new Outcome(List.of(), List.of(), List.of());
    }
    List<Movement> expanded = intake.expand(movement); // first: one it refuses leaves the book as it was
    Accepted accepted = new Accepted(movement, now);
    movements.put(key, accepted);
    return new Outcome(expanded, List.of(), List.of(new Change(key, encode(accepted))));
  }

  /**
   * Raises the cancellations and returns parked past their wait, and forgets orders and movements
   * idle longer than the retention.
   *
   * @param now the clock's instant
   * @return the changelog records of what changed
   */
  List<Change> sweep(Instant now) {
    ledger.sweep(now);
    Instant before = now.minus(retention);
    for (Iterator<Map.Entry<String, Accepted>> it = movements.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Accepted> entry = it.next();
      if (entry.getValue().at().isBefore(before)) {
        it.remove();
        changes.pending.add(new Change(entry.getKey(), null));
      }
    }
    return changes.drain();
  }

  /** What makes a movement the same as another of its key: a different cause text is still a duplicate. */
  private static boolean sameContent(Movement a, Movement b) {
    return a.kind() == b.kind() && a.key().equals(b.key()) && a.quantity() == b.quantity();
  }

  /**
   * Restores one record from the changelog; a null value (a tombstone) forgets it.
   *
   * @throws IllegalStateException if the record cannot be read
   */
  void restore(String key, byte[] state) {
    if (key.startsWith(MOVEMENT_PREFIX)) {
      if (state == null) {
        movements.remove(key);
      } else {
        movements.put(key, decode(state));
      }
      return;
    }
    if (state == null) {
      changes.store.remove(List.of(key));
    } else {
      changes.store.put(List.of(OrderRecordCodec.decode(new String(state, StandardCharsets.UTF_8))));
    }
  }

  /** The orders and movements the book knows. */
  int size() {
    return changes.store.size() + movements.size();
  }

  private static byte[] encode(Accepted accepted) {
    ObjectNode node = JSON.createObjectNode();
    node.put("movement", new String(OrderMessages.encode(accepted.movement()), StandardCharsets.UTF_8));
    node.put("at", accepted.at().toString());
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("JSON of an accepted movement", e);
    }
  }

  private static Accepted decode(byte[] state) {
    try {
      JsonNode node = JSON.readTree(state);
      Movement movement = (Movement) OrderMessages.decodeAny(node.get("movement").asText().getBytes(StandardCharsets.UTF_8));
      return new Accepted(movement, Instant.parse(node.get("at").asText()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the changelog holds an accepted movement that cannot be read: " + e.getMessage(), e);
    }
  }

  /** The partition's order ledger store, noting every record written or forgotten for the changelog. */
  private static final class Changes implements OrderLedgerStore {
    final InMemoryOrderLedger store;
    final List<Change> pending = new ArrayList<>();

    Changes(InMemoryOrderLedger store) {
      this.store = store;
    }

    List<Change> drain() {
      List<Change> drained = List.copyOf(pending);
      pending.clear();
      return drained;
    }

    @Override
    public Optional<OrderRecord> find(String orderId) {
      return store.find(orderId);
    }

    @Override
    public void put(List<OrderRecord> records) {
      store.put(records);
      records.forEach(r -> pending.add(new Change(r.orderId(), OrderRecordCodec.encode(r).getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public void remove(Collection<String> orderIds) {
      store.remove(orderIds);
      orderIds.forEach(id -> pending.add(new Change(id, null)));
    }

    @Override
    public List<OrderRecord> parked() {
      return store.parked();
    }

    @Override
    public List<String> idleSince(Instant before) {
      return store.idleSince(before);
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
