package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.Position;
import dev.stockbridge.StockKey;
import java.time.Instant;

/**
 * The expected side of one (SKU, location): the position by state from the stock source (the
 * warehouse system or the planner's {@code in_stock}), what the storefront should therefore show,
 * and when the source took it.
 *
 * @param position the stock by state
 * @param expected what the storefront should show; usually the sellable quantity after the
 *     available-to-sell controls
 * @param asOf when the source took the position
 */
public record SourceStock(Position position, long expected, Instant asOf) implements Keyed {

  /**
   * Validates the row.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null or the quantity out of range
   */
  public SourceStock {
    Checks.notNull("position", position);
    Checks.quantity("expected", expected);
    Checks.notNull("asOf", asOf);
  }

  /**
   * A row whose expected storefront quantity is the position's sellable quantity.
   *
   * @param position the stock by state
   * @param asOf when the source took it
   * @return the row
   * @throws dev.stockbridge.InvalidValueException if a part is null
   */
  public static SourceStock of(Position position, Instant asOf) {
    return new SourceStock(Checks.notNull("position", position), position.sellable(), asOf);
  }

  @Override
  public StockKey key() {
    return position.key();
  }
}
