package dev.stockbridge.planner;

import dev.stockbridge.flow.ReceiptLedger;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.StorefrontKey;
import dev.stockbridge.InventoryState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns quantities received on purchase orders into RECEIPT movements: per line, the cumulative
 * received quantity minus what the {@link ReceiptLedger} has already seen, into the state the
 * {@link ReceiptPolicy} picks. Each movement's idempotency key is {@code
 * receipt/po/<order>/<variant>/<cumulative received>}, so reading the same order again (a replayed
 * webhook, an overlapping poll) never counts a unit twice. Received stock in INSPECTION reaches
 * the storefront only through an {@link dev.stockbridge.inspection.InspectionOutcome}. Thread-safe if the ledger is; handle
 * one order at a time per line.
 */
public final class ReceiptTracker {

  private static final Logger LOG = LoggerFactory.getLogger(ReceiptTracker.class);

  private final CatalogueMapping mapping;
  private final ReceiptPolicy policy;
  private final ReceiptLedger ledger;
  private final UnmappedListener unmapped;

  private ReceiptTracker(CatalogueMapping mapping, ReceiptPolicy policy, ReceiptLedger ledger, UnmappedListener unmapped) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.unmapped = Objects.requireNonNull(unmapped, "unmapped");
  }

  /**
   * Creates the tracker.
   *
   * @param mapping maps planner variants and warehouses to storefront SKUs and locations
   * @param policy which state received units enter
   * @param ledger what has been received already; durable in production
   * @param unmapped hears about lines whose variant or warehouse the mapping lacks
   * @return the tracker
   */
  public static ReceiptTracker create(
      CatalogueMapping mapping, ReceiptPolicy policy, ReceiptLedger ledger, UnmappedListener unmapped) {
    return new ReceiptTracker(mapping, policy, ledger, unmapped);
  }

  /**
   * Submits the quantities received on an order since last seen, then records them in the ledger.
   * If {@code submit} throws, nothing is recorded and the next read submits the same movements
   * (same keys) again.
   *
   * @param order the purchase order, with items
   * @param submit where the movements go, e.g. {@code engine::submit}
   * @return the movements submitted, empty when nothing new was received
   */
  public List<Movement> receive(PurchaseOrder order, Consumer<List<Movement>> submit) {
    Receipts receipts = pending(order);
    if (!receipts.movements().isEmpty()) {
      submit.accept(receipts.movements());
      record(receipts);
    }
    return receipts.movements();
  }

  /**
   * The quantities received on an order since last seen, as movements, without recording them: the
   * caller hands the movements on, then {@link #record(Receipts) records} them.
   *
   * @param order the purchase order, with items
   * @return the movements and the ledger entries they stand for
   */
  public Receipts pending(PurchaseOrder order) {
    List<Movement> movements = new ArrayList<>();
    List<Receipts.Line> lines = new ArrayList<>();
    for (PurchaseOrderItem item : order.items()) {
      long seen = ledger.received(order.id(), item.variant());
      if (item.received() < seen) {
        LOG.warn("purchase order {} line {}: received fell from {} to {}; not reversed automatically",
            order.id(), item.variant(), seen, item.received());
        continue;
      }
      if (item.received() == seen) {
        continue;
      }
      Lookup<StorefrontKey> lookup = mapping.toStorefront(item.variant(), order.warehouse());
      if (lookup instanceof Lookup.Unmapped<StorefrontKey> missing) {
        unmapped.unmapped(new UnmappedSignal(missing, item.variant(), order.warehouse(), "purchase order " + order.id()));
        continue;
      }
      StorefrontKey key = lookup.orElseThrow();
      InventoryState state = policy.stateFor(order, item);
      String cause = "po/" + order.id() + "/" + item.variant() + "/" + item.received();
      movements.add(new Movement(MovementKind.RECEIPT, key.sku(), key.location(), state, item.received() - seen,
          "receipt on purchase order " + order.id() + " line " + item.variant() + " (" + item.received() + " received in all)",
          IdempotencyKeys.of(MovementKind.RECEIPT, cause), Movement.UNSEQUENCED));
      lines.add(new Receipts.Line(order.id(), item.variant(), item.received()));
    }
    return new Receipts(movements, lines);
  }

  /**
   * Records receipts in the ledger, once their movements have been handed on (or, for a baseline,
   * instead of handing them on).
   *
   * @param receipts receipts from {@link #pending(PurchaseOrder)}
   */
  public void record(Receipts receipts) {
    receipts.lines().forEach(line -> ledger.record(line.orderId(), line.variant(), line.received()));
  }
}
