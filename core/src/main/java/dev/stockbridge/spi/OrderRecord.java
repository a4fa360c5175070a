package dev.stockbridge.spi;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.order.OrderLine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the order ledger knows of one order: the lines it placed, each with what it decremented and
 * what was restocked since (by the id of each cancellation or return), and the cancellations and
 * returns parked while the order itself was not yet seen. Immutable.
 *
 * @param orderId the order's id
 * @param lines the placed lines; empty while only parked events are known
 * @param parked cancellations and returns that arrived before the order, oldest first
 * @param lastActivity when the ledger last recorded something of the order (retention counts from it)
 */
public record OrderRecord(String orderId, List<Line> lines, List<Parked> parked, Instant lastActivity) {

  /** Validates and copies. */
  public OrderRecord {
    if (orderId == null || orderId.isBlank()) {
      throw new InvalidValueException("orderId", orderId, "must not be blank");
    }
    lines = List.copyOf(lines);
    parked = List.copyOf(parked);
    Objects.requireNonNull(lastActivity, "lastActivity");
  }

  /**
   * Whether the order itself was seen (placed).
   *
   * @return {@code true} if it has lines
   */
  public boolean placed() {
    return !lines.isEmpty();
  }

  /**
   * This record, last active at another instant.
   *
   * @param at the instant
   * @return the new record
   */
  public OrderRecord withActivity(Instant at) {
    return new OrderRecord(orderId, lines, parked, at);
  }

  /**
   * The placed line with an id.
   *
   * @param lineId the line item id
   * @return the line, empty if the order has none of that id
   */
  public Optional<Line> line(String lineId) {
    return lines.stream().filter(line -> line.line().lineId().equals(lineId)).findFirst();
  }

  /**
   * One placed line: what was sold and decremented, and what was given back since.
   *
   * @param line the line as placed (SKU, location, quantity, inventory mode)
   * @param decremented the movements Stockbridge made for it (bundle components, pool siblings;
   *     empty for a line the storefront decremented itself)
   * @param restocks units restocked per cancellation or return, by {@link #restockId}
   */
  public record Line(OrderLine line, List<Part> decremented, Map<String, Long> restocks) {

    /** Validates and copies, keeping the restocks' order. */
    public Line {
      Objects.requireNonNull(line, "line");
      decremented = List.copyOf(decremented);
      restocks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(restocks));
      long total = 0;
      for (long units : restocks.values()) {
        if (units < 0) {
          throw new InvalidValueException("restocks", restocks, "must not be negative (line " + line.lineId() + ")");
        }
        total += units;
      }
      if (total > line.quantity()) {
        throw new InvalidValueException("restocks", restocks, "exceed the " + line.quantity() + " units sold (line " + line.lineId() + ")");
      }
    }

    /**
     * Units restocked so far, by every cancellation and return.
     *
     * @return the sum
     */
    public long restocked() {
      return restocks.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Units sold and not restocked yet: the most a further cancellation or return may restock.
     *
     * @return the quantity sold minus the restocked
     */
    public long outstanding() {
      return line.quantity() - restocked();
    }

    /**
     * This line with one more restock.
     *
     * @param restockId the cancellation's or return's id ({@link #restockId})
     * @param units the units restocked, at most {@link #outstanding()}
     * @return the new line
     */
    public Line withRestock(String restockId, long units) {
      Map<String, Long> more = new LinkedHashMap<>(restocks);
      more.put(restockId, units);
      return new Line(line, decremented, more);
    }
  }

  /**
   * One movement a placed line made.
   *
   * @param sku the SKU decremented (a component, for a bundle)
   * @param location the location decremented (a pool sibling, for a shared pool)
   * @param quantity the units, positive
   */
  public record Part(Sku sku, Location location, long quantity) {
    /** Validates. */
    public Part {
      Objects.requireNonNull(sku, "sku");
      Objects.requireNonNull(location, "location");
      if (quantity <= 0) {
        throw new InvalidValueException("quantity", quantity, "must be positive (" + sku + " at " + location + ")");
      }
    }
  }

  /** What gives stock back. */
  public enum Kind {
    /** A cancellation before shipping. */
    CANCELLATION,
    /** A return that passed inspection. */
    RETURN
  }

  /**
   * A cancellation or return of one line, waiting for its order.
   *
   * @param kind cancellation or return
   * @param id the cancellation's id (empty for the line's one cancellation) or the return's id
   * @param line the line with the units to restock
   * @param since when it was parked
   */
  public record Parked(Kind kind, String id, OrderLine line, Instant since) {
    /** Validates. */
    public Parked {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(since, "since");
    }

    /**
     * The id the restock counts under once applied.
     *
     * @return {@link OrderRecord#restockId(Kind, String)} of this event
     */
    public String restockId() {
      return OrderRecord.restockId(kind, id);
    }
  }

  /**
   * The id under which a cancellation or return counts on a line: each counts once, however often
   * it is delivered, and two of different ids both count.
   *
   * @param kind cancellation or return
   * @param id the event's own id, empty for a cancellation without one
   * @return {@code "cancellation:<id>"} or {@code "return:<id>"}
   */
  public static String restockId(Kind kind, String id) {
    return (kind == Kind.CANCELLATION ? "cancellation:" : "return:") + id;
  }
}
