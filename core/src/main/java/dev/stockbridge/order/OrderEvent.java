package dev.stockbridge.order;

import dev.stockbridge.InvalidValueException;
import java.util.List;

/**
 * Something that happened to an order and may change sellable stock. The engine turns each event
 * into movements with idempotency keys derived from the order, line and (for returns) return ids,
 * so the same event delivered twice changes stock once.
 */
public sealed interface OrderEvent {

  /**
   * The order's id.
   *
   * @return the id
   */
  String orderId();

  /**
   * An order was placed: its lines take stock.
   *
   * @param orderId the order id
   * @param lines the lines, at least one
   */
  record Placed(String orderId, List<OrderLine> lines) implements OrderEvent {
    /** Validates and copies. */
    public Placed {
      requireId(orderId);
      lines = requireLines(lines);
    }
  }

  /**
   * Lines of an order were cancelled before shipping: their stock is sellable again.
   *
   * <p>A partial cancellation names its own id, so that a second partial cancellation of the same
   * line counts as well; without one (an empty id) the event stands for the line's one
   * cancellation, as before partial cancellations were told apart.
   *
   * @param orderId the order id
   * @param lines the cancelled lines, with the cancelled quantities
   * @param cancellationId the cancellation's own id, unique within the order, or empty
   */
  record Cancelled(String orderId, List<OrderLine> lines, String cancellationId) implements OrderEvent {
    /** Validates and copies. */
    public Cancelled {
      requireId(orderId);
      lines = requireLines(lines);
      if (cancellationId == null || !cancellationId.equals(cancellationId.strip())) {
        throw new InvalidValueException("cancellationId", cancellationId, "must not be null or padded (order " + orderId + ")");
      }
    }

    /**
     * The line's one cancellation, without an id of its own.
     *
     * @param orderId the order id
     * @param lines the cancelled lines
     */
    public Cancelled(String orderId, List<OrderLine> lines) {
      this(orderId, lines, "");
    }
  }

  /**
   * Returned units of one line reached a decision at the warehouse. Only {@link
   * ReturnDisposition#RESELLABLE} changes sellable stock; units still in inspection or damaged do
   * not.
   *
   * @param orderId the order id
   * @param returnId the return's id, unique within the order
   * @param line the line returned, with the returned quantity
   * @param disposition what the warehouse decided
   */
  record Returned(String orderId, String returnId, OrderLine line, ReturnDisposition disposition)
      implements OrderEvent {
    /** Validates. */
    public Returned {
      requireId(orderId);
      if (returnId == null || returnId.isBlank()) {
        throw new InvalidValueException("returnId", returnId, "must not be blank (order " + orderId + ")");
      }
      if (line == null || disposition == null) {
        throw new InvalidValueException("return", returnId, "must name its line and disposition");
      }
    }
  }

  private static void requireId(String orderId) {
    if (orderId == null || orderId.isBlank()) {
      throw new InvalidValueException("orderId", orderId, "must not be blank");
    }
  }

  private static List<OrderLine> requireLines(List<OrderLine> lines) {
    if (lines == null || lines.isEmpty()) {
      throw new InvalidValueException("lines", lines, "must hold at least one line");
    }
    return List.copyOf(lines);
  }
}
