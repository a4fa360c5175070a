package dev.stockbridge.planner.feed;

import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one meaning of sales, cancellations and returns that every sales feed writes (Starter and
 * Advanced alike), from the demand store's rows, where a cancellation is a row of its own:
 *
 * <ul>
 *   <li>a sale whose units were all cancelled is one row, quantity unchanged, cancelled (Advanced
 *       sales-order article 10803447: "the CANCELLED column should be set to true for all
 *       relevant lines"); there is no separate negative row, since negative quantities are
 *       returns;
 *   <li>a sale partly cancelled (fewer units than sold) becomes its remaining units, not
 *       cancelled, and the cancelled units as a line of their own, cancelled: the article
 *       cancels whole lines only ("those individual lines should have CANCELLED set to true");
 *   <li>a return is a row of its own with a negative quantity ("it can be represented as a row
 *       with a negative quantity");
 *   <li>a cancellation whose sale is not among the rows (an earlier incremental file held it) is
 *       taken to cancel the whole line: its row carries the sale's id, so it updates the sale.
 *       commercetools rewrites every demand row of an order when the order changes, so a sale
 *       and its cancellation arrive together.
 * </ul>
 *
 * <p>Reads the rows twice: {@link #scan} first collects the cancellations (memory grows with the
 * cancellations, not with the rows); then {@link #rows} is called for each row in a second pass,
 * and {@link #finish} writes the cancellations whose sale never came. Not thread-safe.
 */
final class SaleRows {

  private static final String CANCELLED_SUFFIX = "/cancelled";

  /** Units cancelled per order line. */
  private final Map<LineKey, Long> cancelled;
  /** Cancellations met before their sale in the second pass. */
  private final Map<LineKey, PendingCancellation> pending = new LinkedHashMap<>();
  /** Order lines with cancellations whose sale the second pass has written. */
  private final Map<LineKey, Boolean> saleWritten = new HashMap<>();

  /** An order line, without joining its ids into a string. */
  private record LineKey(String orderId, String lineId) {
    static LineKey of(DemandLine line) {
      return new LineKey(line.orderId(), line.lineId());
    }
  }

  private SaleRows(Map<LineKey, Long> cancelled) {
    this.cancelled = cancelled;
  }

  /** The first pass: every cancellation's units, by the row id of the sale it cancels. */
  static SaleRows scan(Rows<DemandLine> demand) {
    Map<LineKey, Long> cancelled = new HashMap<>();
    demand.forEach(line -> {
      if (line.kind() == DemandKind.CANCELLATION) {
        cancelled.merge(LineKey.of(line), line.quantity(), Math::addExact);
      }
    });
    return new SaleRows(cancelled);
  }

  /** The planner's id of a sale row, shared by the sale and its cancellations. */
  static String saleRowId(DemandLine line) {
    return line.orderId() + "/" + line.lineId();
  }

  /** The second pass: the planner rows of one demand row. */
  void rows(DemandLine line, Consumer<PlannerLine> out) {
    switch (line.kind()) {
      case SALE -> sale(line, out);
      case RETURN -> out.accept(new PlannerLine(line.id(), line, -line.quantity(), line.discount().negate(), false));
      case CANCELLATION -> {
        LineKey key = LineKey.of(line);
        if (!saleWritten.containsKey(key)) {
          pending.computeIfAbsent(key, k -> new PendingCancellation(line)).units += line.quantity();
        }
      }
    }
  }

  /** The cancellations whose sale was not among the rows, each cancelling its whole line. */
  void finish(Consumer<PlannerLine> out) {
    pending.forEach((key, cancellation) ->
        out.accept(new PlannerLine(null, cancellation.line, cancellation.units, cancellation.line.discount(), true)));
    pending.clear();
  }

  private void sale(DemandLine line, Consumer<PlannerLine> out) {
    Long units = cancelled.isEmpty() ? null : cancelled.get(LineKey.of(line));
    if (units == null) {
      out.accept(new PlannerLine(null, line, line.quantity(), line.discount(), false));
      return;
    }
    LineKey key = LineKey.of(line);
    saleWritten.put(key, Boolean.TRUE);
    pending.remove(key);
    long sold = line.quantity();
    if (units >= sold) {
      out.accept(new PlannerLine(null, line, sold, line.discount(), true));
      return;
    }
    long kept = sold - units;
    BigDecimal keptDiscount = line.discount().multiply(BigDecimal.valueOf(kept))
        .divide(BigDecimal.valueOf(sold), line.discount().scale(), RoundingMode.HALF_EVEN);
    out.accept(new PlannerLine(null, line, kept, keptDiscount, false));
    out.accept(new PlannerLine(saleRowId(line) + CANCELLED_SUFFIX, line, units, line.discount().subtract(keptDiscount), true));
  }

  private static final class PendingCancellation {
    final DemandLine line;
    long units;

    PendingCancellation(DemandLine line) {
      this.line = line;
    }
  }
}
