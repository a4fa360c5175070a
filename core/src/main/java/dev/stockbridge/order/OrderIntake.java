package dev.stockbridge.order;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.SharedPools;
import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns order events into movements. Bundles expand to their components. A line the storefront
 * decrements itself (TrackOnly, ReserveOnOrder) yields no movement for its own SKU, but a bundle
 * line still decrements its components (the storefront only touched the bundle's entry, which the
 * engine then recomputes). Cancellations and resellable returns restock; returns in inspection or
 * damaged change nothing sellable. When the line's location shares its pool with other storefront
 * locations, their entries get the same movements (the storefront only ever decrements the line's
 * own entry). Pure and thread-safe.
 */
public final class OrderIntake {

  private final BundleCatalogue bundles;
  private final SharedPools pools;

  /**
   * Creates the intake.
   *
   * @param bundles the bundle catalogue used to expand lines
   * @param pools storefront locations that share a stock pool
   */
  public OrderIntake(BundleCatalogue bundles, SharedPools pools) {
    this.bundles = Objects.requireNonNull(bundles, "bundles");
    this.pools = Objects.requireNonNull(pools, "pools");
  }

  /**
   * The movements an event causes, components of bundles expanded.
   *
   * @param event the order event
   * @return the movements, unsequenced; empty if nothing sellable changes
   */
  public List<Movement> movements(OrderEvent event) {
    List<Movement> movements = new ArrayList<>();
    if (event instanceof OrderEvent.Placed placed) {
      for (OrderLine line : placed.lines()) {
        String key = IdempotencyKeys.orderLine(placed.orderId(), line.lineId());
        add(movements, line, MovementKind.ORDER, -line.quantity(), "order " + placed.orderId() + " line " + line.lineId(), key);
      }
    } else if (event instanceof OrderEvent.Cancelled cancelled) {
      for (OrderLine line : cancelled.lines()) {
        String key = cancelled.cancellationId().isEmpty()
            ? "cancellation/" + IdempotencyKeys.orderLine(cancelled.orderId(), line.lineId())
            : "cancellation/" + IdempotencyKeys.part(cancelled.cancellationId()) + "/" + IdempotencyKeys.orderLine(cancelled.orderId(), line.lineId());
        // Cancellation never restocks by itself in commercetools, whatever the inventory mode.
        add(movements, line, MovementKind.CANCELLATION, line.quantity(), "cancellation of order " + cancelled.orderId() + " line " + line.lineId(), key);
      }
    } else if (event instanceof OrderEvent.Returned returned
        && returned.disposition() == ReturnDisposition.RESELLABLE) {
      OrderLine line = returned.line();
      String key = "return/" + IdempotencyKeys.part(returned.returnId()) + "/" + IdempotencyKeys.orderLine(returned.orderId(), line.lineId());
      add(movements, line, MovementKind.RETURN_RESTOCK, line.quantity(), "return " + returned.returnId() + " of order " + returned.orderId() + " line " + line.lineId(), key);
    }
    return movements;
  }

  /**
   * The keys of an event's lines whose own entry the storefront decremented by itself (TrackOnly,
   * ReserveOnOrder): the bundles they are, or belong to, must be derived again.
   *
   * @param event the order event
   * @return the keys, empty for events other than a placed order
   */
  public List<StockKey> decrementedByStorefront(OrderEvent event) {
    if (!(event instanceof OrderEvent.Placed placed)) {
      return List.of();
    }
    return placed.lines().stream()
        .filter(line -> line.mode().storefrontDecrements())
        .map(line -> new StockKey(line.sku(), line.location()))
        .toList();
  }

  /**
   * Expands one movement to what the storefront must be told: a bundle to its components, and each
   * movement of a location that shares its stock pool copied to the pool's other locations. The one
   * place where bundles and pools are expanded: the engine expands every submitted movement here.
   *
   * @param movement the movement
   * @return the movements to apply, never empty
   * @throws dev.stockbridge.InvalidValueException if the movement is null or a component quantity
   *     would overflow
   */
  public List<Movement> expand(Movement movement) {
    List<Movement> own = bundles.expand(movement);
    List<Movement> expanded = new ArrayList<>(own.size());
    for (Movement m : own) {
      expanded.add(m);
      expanded.addAll(pools.siblingCopies(m));
    }
    return expanded;
  }

  private void add(List<Movement> out, OrderLine line, MovementKind kind, long quantity, String cause, String key) {
    Movement movement = Movement.of(kind, line.sku(), line.location(), quantity, cause, key);
    if (kind == MovementKind.ORDER && line.mode().storefrontDecrements() && !bundles.isBundle(line.sku())) {
      // The storefront already took this SKU's stock from the line's own entry, not its siblings'.
      out.addAll(pools.siblingCopies(movement));
      return;
    }
    out.addAll(expand(movement));
  }
}
