package dev.stockbridge.planner;

import dev.stockbridge.Movement;
import dev.stockbridge.flow.SupplyReading;
import dev.stockbridge.flow.SupplySource;
import dev.stockbridge.internal.Checks;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.planner.spi.ReceiptLedger;
import dev.stockbridge.planner.spi.ReceiptPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Inventory Planner as a {@link SupplySource}: one read of the purchase orders and the variants per
 * call feeds both the supply fields (expected delivery, restock days, safety stock) and the
 * receipts. A ledger that has never recorded anything takes a baseline on its first read: what the
 * planner shows as received then is on the shelf already, so it is recorded, not booked. Not
 * thread-safe: one flow reads it.
 */
public final class PlannerSupply implements SupplySource {

  private final PlannerClient client;
  private final SupplySignals signals;
  private final ReceiptTracker receipts;
  private final AtomicInteger unmapped = new AtomicInteger();
  private boolean baseline;
  private List<Receipts> pending = List.of();

  private PlannerSupply(PlannerClient client, CatalogueMapping mapping, ReceiptPolicy policy, ReceiptLedger ledger, boolean baseline, Clock clock) {
    this.client = Checks.notNull("client", client);
    this.signals = SupplySignals.create(mapping, signal -> unmapped.incrementAndGet(), clock);
    this.receipts = ReceiptTracker.create(mapping, policy, ledger, signal -> unmapped.incrementAndGet());
    this.baseline = baseline;
  }

  /**
   * Creates the source.
   *
   * @param client the planner client
   * @param mapping the catalogue mapping
   * @param policy where received units go (inspection or sellable)
   * @param ledger what has been received already
   * @param baseline true if the ledger is new: the first read records what was received so far
   *     without booking it
   * @param clock the clock for restock days
   * @return the source
   */
  public static PlannerSupply create(PlannerClient client, CatalogueMapping mapping, ReceiptPolicy policy, ReceiptLedger ledger, boolean baseline, Clock clock) {
    return new PlannerSupply(client, mapping, policy, ledger, baseline, clock);
  }

  @Override
  public SupplyReading read() {
    List<PurchaseOrder> orders;
    try (Stream<PurchaseOrder> listing = client.purchaseOrders(Query.all())) {
      orders = listing.toList();
    }
    SupplyReport report;
    try (Stream<PlannerVariant> variants = client.variants(Query.all())) {
      report = signals.read(variants, orders.stream());
    }
    List<Receipts> found = new ArrayList<>();
    List<Movement> movements = new ArrayList<>();
    for (PurchaseOrder order : orders) {
      Receipts receipt = receipts.pending(order);
      found.add(receipt);
      movements.addAll(receipt.movements());
    }
    pending = found;
    int lines = movements.size();
    String note = (baseline ? lines + " received lines noted as the receipts baseline" : lines + " receipts") + ", " + unmapped.getAndSet(0) + " unmapped planner values";
    return new SupplyReading(report.supply(), baseline ? List.of() : movements, note);
  }

  @Override
  public void commit(SupplyReading reading) {
    pending.forEach(receipts::record);
    pending = List.of();
    baseline = false;
  }
}
