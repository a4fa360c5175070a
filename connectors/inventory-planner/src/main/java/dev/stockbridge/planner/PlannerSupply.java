package dev.stockbridge.planner;

import dev.stockbridge.flow.ReceiptLedger;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.flow.SupplyReading;
import dev.stockbridge.flow.SupplySource;
import dev.stockbridge.mapping.CatalogueMapping;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Inventory Planner as a {@link SupplySource}: purchase orders feed the supply fields (expected
 * delivery) and the receipts, variants the restock days and safety stock. Reads are incremental:
 * after a first full read, each read asks only for the purchase orders modified since the last one
 * (newest first, with an overlap, stopping at the first older order) and keeps the open ones in
 * memory; the variant catalogue, which changes rarely, is read again only every {@link
 * Builder#variantsEvery(Duration)}; a full read of both every {@link Builder#fullEvery(Duration)}
 * is the backstop for anything an incremental read missed. A ledger that has never recorded
 * anything takes a baseline on its first read: what the planner shows as received then is on the
 * shelf already, so it is recorded, not booked. Not thread-safe: one flow reads it.
 */
public final class PlannerSupply implements SupplySource {

  private final PlannerClient client;
  private final SupplySignals signals;
  private final ReceiptTracker receipts;
  private final Clock clock;
  private final Duration variantsEvery;
  private final Duration fullEvery;
  private final Duration overlap;
  private final AtomicInteger unmapped = new AtomicInteger();
  private final Map<String, PurchaseOrder> openOrders = new LinkedHashMap<>();
  private List<PlannerVariant> variants = List.of();
  private Instant variantsReadAt;
  private Instant fullReadAt;
  private PurchaseOrderPoller poller;
  private boolean baseline;
  private List<Receipts> pending = List.of();
  private List<PurchaseOrder> changed = List.of();

  private PlannerSupply(Builder b) {
    this.client = b.client;
    this.clock = b.clock;
    this.signals = SupplySignals.create(b.mapping, signal -> unmapped.incrementAndGet(), clock);
    this.receipts = ReceiptTracker.create(b.mapping, b.policy, b.ledger, signal -> unmapped.incrementAndGet());
    this.baseline = b.baseline;
    this.variantsEvery = b.variantsEvery;
    this.fullEvery = b.fullEvery;
    this.overlap = b.overlap;
  }

  /**
   * Creates the source with the default schedule (variants every 15 minutes, a full read every hour).
   *
   * @param client the planner client
   * @param mapping the catalogue mapping
   * @param policy where received units go (inspection or sellable)
   * @param ledger what has been received already
   * @param baseline true if the ledger is new: the first read records what was received so far
   *     without booking it
   * @param clock the clock for the schedule and restock days
   * @return the source
   */
  public static PlannerSupply create(PlannerClient client, CatalogueMapping mapping, ReceiptPolicy policy, ReceiptLedger ledger, boolean baseline, Clock clock) {
    return builder(client, mapping, policy, ledger).baseline(baseline).clock(clock).build();
  }

  /**
   * Starts configuring a source.
   *
   * @param client the planner client
   * @param mapping the catalogue mapping
   * @param policy where received units go
   * @param ledger what has been received already
   * @return a builder
   */
  public static Builder builder(PlannerClient client, CatalogueMapping mapping, ReceiptPolicy policy, ReceiptLedger ledger) {
    return new Builder(client, mapping, policy, ledger);
  }

  @Override
  public SupplyReading read() {
    Instant now = clock.instant();
    boolean full = fullReadAt == null || !now.isBefore(fullReadAt.plus(fullEvery));
    if (full || !now.isBefore(variantsReadAt.plus(variantsEvery))) {
      try (Stream<PlannerVariant> listing = client.variants(Query.all())) {
        variants = listing.toList();
      }
      variantsReadAt = now;
    }
    List<PurchaseOrder> read = full ? readAll() : readChanged();
    read.forEach(order -> openOrders.put(order.id(), order));
    SupplyReport report = signals.read(variants.stream(), openOrders.values().stream());
    List<Receipts> found = new ArrayList<>();
    List<Movement> movements = new ArrayList<>();
    for (PurchaseOrder order : read) {
      Receipts receipt = receipts.pending(order);
      found.add(receipt);
      movements.addAll(receipt.movements());
    }
    pending = found;
    changed = read;
    if (full) {
      fullReadAt = now;
    }
    String note = (full ? "full read, " : read.size() + " purchase orders changed, ")
        + (baseline ? movements.size() + " received lines noted as the receipts baseline" : movements.size() + " receipts")
        + ", " + unmapped.getAndSet(0) + " unmapped planner values";
    return new SupplyReading(report.supply(), baseline ? List.of() : movements, note);
  }

  private List<PurchaseOrder> readAll() {
    openOrders.clear();
    List<PurchaseOrder> all = new ArrayList<>();
    // A fresh poller without a watermark reads every order once and remembers the newest change.
    poller = new PurchaseOrderPoller(client, null, overlap, all::add);
    poller.poll();
    return all;
  }

  private List<PurchaseOrder> readChanged() {
    List<PurchaseOrder> changedSince = new ArrayList<>();
    poller = new PurchaseOrderPoller(client, poller.watermark().orElse(null), overlap, changedSince::add);
    poller.poll();
    return changedSince;
  }

  @Override
  public void commit(SupplyReading reading) {
    pending.forEach(receipts::record);
    // Orders that are no longer open have nothing left to deliver: forget them (a later change
    // brings them back through the incremental read).
    changed.stream().filter(order -> !order.open()).forEach(order -> openOrders.remove(order.id()));
    pending = List.of();
    changed = List.of();
    baseline = false;
  }

  /** Configures a {@link PlannerSupply}; not thread-safe. */
  public static final class Builder {
    private final PlannerClient client;
    private final CatalogueMapping mapping;
    private final ReceiptPolicy policy;
    private final ReceiptLedger ledger;
    private boolean baseline;
    private Clock clock = Clock.systemUTC();
    private Duration variantsEvery = Duration.ofMinutes(15);
    private Duration fullEvery = Duration.ofHours(1);
    private Duration overlap = Duration.ofMinutes(2);

    private Builder(PlannerClient client, CatalogueMapping mapping, ReceiptPolicy policy, ReceiptLedger ledger) {
      this.client = Checks.notNull("client", client);
      this.mapping = Checks.notNull("mapping", mapping);
      this.policy = Checks.notNull("policy", policy);
      this.ledger = Checks.notNull("ledger", ledger);
    }

    /** Whether the ledger is new (default false). @param baseline true to take a baseline first @return this builder */
    public Builder baseline(boolean baseline) {
      this.baseline = baseline;
      return this;
    }

    /** The clock (default: the system's). @param clock the clock @return this builder */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /** How often the variant catalogue is read again (default 15 minutes). @param every the interval @return this builder */
    public Builder variantsEvery(Duration every) {
      this.variantsEvery = positive("variantsEvery", every);
      return this;
    }

    /** How often everything is read in full, as the backstop (default 1 hour). @param every the interval @return this builder */
    public Builder fullEvery(Duration every) {
      this.fullEvery = positive("fullEvery", every);
      return this;
    }

    /** How far before the last change an incremental read reaches back (default 2 minutes). @param overlap the overlap @return this builder */
    public Builder overlap(Duration overlap) {
      if (overlap == null || overlap.isNegative()) {
        throw new InvalidValueException("overlap", overlap, "must not be negative");
      }
      this.overlap = overlap;
      return this;
    }

    private static Duration positive(String field, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new InvalidValueException(field, value, "must be positive");
      }
      return value;
    }

    /** Builds the source. @return the source */
    public PlannerSupply build() {
      return new PlannerSupply(this);
    }
  }
}
