package dev.stockbridge.flow;

import dev.stockbridge.Checks;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.demand.DemandStore;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.StockException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Order intake: orders from an {@link OrderSource} into the engine and the demand store, then the
 * source's checkpoint, page by page. It never halts on one order: an order the source cannot map is
 * quarantined with its problem and retried (read again by id) at the start of every run, so once
 * the cause is fixed it is processed, once: its events carry the same idempotency keys whenever it
 * is read. Orders placed before the flow's starting point (by default the moment it first ran,
 * kept in {@link Checkpoints}) are demand history only: connecting a live shop never decrements
 * what was sold before. A SKU the mapping does not know is still decremented (the storefront sold
 * it) and raised as an {@code UNMAPPED_SKU} exception naming it. A page's events go to the engine
 * as one submission, so one journal force covers the page. Not thread-safe: one thread runs it (the
 * host's scheduler).
 */
public final class OrderFlow {

  /** The checkpoint that keeps the starting point. */
  public static final String START = "orders.start";

  private final OrderSource source;
  private final StockEngine engine;
  private final DemandStore demand;
  private final OrderQuarantine quarantine;
  private final Checkpoints checkpoints;
  private final Predicate<Sku> mapped;
  private final ExceptionStore exceptions;
  private final Clock clock;
  private final Optional<Instant> configuredStart;

  private OrderFlow(Builder b) {
    this.source = Checks.notNull("source", b.source);
    this.engine = Checks.notNull("engine", b.engine);
    this.demand = Checks.notNull("demand", b.demand);
    this.quarantine = b.quarantine;
    this.checkpoints = b.checkpoints;
    this.mapped = b.mapped;
    this.exceptions = b.exceptions;
    this.clock = b.clock;
    this.configuredStart = b.start;
  }

  /**
   * Starts configuring a flow.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs once: retries the quarantined orders, then reads and hands on every page the source has,
   * committing each page's checkpoint after its orders are in the engine's journal and the demand
   * store.
   *
   * @return what this run did
   * @throws dev.stockbridge.StockbridgeException if the source or a store fails; what was committed
   *     stays committed, and the next run goes on from there
   */
  public OrderCycle runOnce() {
    boolean firstStart = checkpoints.get(START).isEmpty();
    Instant start = checkpoints.setOnce(START, configuredStart.orElseGet(clock::instant));
    Tally tally = new Tally();
    for (QuarantinedOrder held : quarantine.held()) {
      OrderPage again = source.reread(held.orderId());
      hand(again, start, tally);
      if (again.rejected().isEmpty()) {
        quarantine.release(held.orderId()); // processed now, or gone from the source
        tally.released += again.orders().size();
      }
    }
    OrderPage page;
    do {
      page = source.poll();
      hand(page, start, tally);
      source.commit(page);
    } while (page.more());
    return new OrderCycle(start, firstStart, tally.orders, tally.movements, tally.history, tally.demandLines, quarantine.held().size(), tally.released, tally.unmapped);
  }

  private void hand(OrderPage page, Instant start, Tally tally) {
    Instant now = clock.instant();
    page.rejected().forEach(rejected -> quarantine.hold(rejected, now));
    List<DemandLine> lines = new ArrayList<>();
    List<OrderEvent> events = new ArrayList<>();
    for (SourcedOrder order : page.orders()) {
      tally.orders++;
      lines.addAll(order.demand());
      if (order.createdAt().isBefore(start)) {
        tally.history++;
        continue;
      }
      events.addAll(order.events());
      noteUnmapped(order, now, tally);
    }
    if (!events.isEmpty()) {
      tally.movements += engine.submitAll(events).accepted(); // the page shares one journal force
    }
    demand.put(lines);
    tally.demandLines += lines.size();
  }

  /** Names each SKU the mapping lacks, once per SKU and location, with the units held back. */
  private void noteUnmapped(SourcedOrder order, Instant now, Tally tally) {
    Map<StockKey, Long> units = new HashMap<>();
    for (DemandLine line : order.demand()) {
      if (!mapped.test(line.sku())) {
        units.merge(new StockKey(line.sku(), line.location()), line.quantity(), Long::sum);
      }
    }
    units.forEach(
        (key, quantity) -> {
          tally.unmapped.add(key.sku());
          exceptions.raise(new StockException("UNMAPPED_SKU", key, List.of(),
              "SKU " + key.sku() + " sold in order " + order.orderId() + " is not in the mapping: the storefront was decremented, but its demand ("
                  + quantity + " units in this order) is held back from the planner feeds; add it to mapping.skus", now));
        });
  }

  /** Counts of one run. */
  private static final class Tally {
    int orders;
    long movements;
    int history;
    int demandLines;
    int released;
    final Set<Sku> unmapped = new LinkedHashSet<>();
  }

  /** Configures an {@link OrderFlow}; not thread-safe. */
  public static final class Builder {
    private OrderSource source;
    private StockEngine engine;
    private DemandStore demand;
    private OrderQuarantine quarantine = OrderQuarantine.inMemory();
    private Checkpoints checkpoints = Checkpoints.inMemory();
    private Predicate<Sku> mapped = sku -> true;
    private ExceptionStore exceptions = exception -> LoggerFactory.getLogger(OrderFlow.class).warn("{}: {}", exception.code(), exception.message());
    private Clock clock = Clock.systemUTC();
    private Optional<Instant> start = Optional.empty();

    private Builder() {}

    /** Where orders come from. @param source the source @return this builder */
    public Builder source(OrderSource source) {
      this.source = Checks.notNull("source", source);
      return this;
    }

    /** Where the orders' movements go. @param engine the engine, started @return this builder */
    public Builder engine(StockEngine engine) {
      this.engine = Checks.notNull("engine", engine);
      return this;
    }

    /** Where the demand lines go. @param demand the demand store @return this builder */
    public Builder demand(DemandStore demand) {
      this.demand = Checks.notNull("demand", demand);
      return this;
    }

    /** Where unprocessable orders wait (default: in memory). @param quarantine the quarantine @return this builder */
    public Builder quarantine(OrderQuarantine quarantine) {
      this.quarantine = Checks.notNull("quarantine", quarantine);
      return this;
    }

    /** Where the starting point is kept (default: in memory). @param checkpoints the checkpoints @return this builder */
    public Builder checkpoints(Checkpoints checkpoints) {
      this.checkpoints = Checks.notNull("checkpoints", checkpoints);
      return this;
    }

    /** Which SKUs the planner knows (default: all). @param mapped true for a mapped SKU @return this builder */
    public Builder mapped(Predicate<Sku> mapped) {
      this.mapped = Checks.notNull("mapped", mapped);
      return this;
    }

    /** Where {@code UNMAPPED_SKU} exceptions go (default: the log). @param exceptions the store @return this builder */
    public Builder exceptions(ExceptionStore exceptions) {
      this.exceptions = Checks.notNull("exceptions", exceptions);
      return this;
    }

    /** The clock (default: the system's, UTC). @param clock the clock @return this builder */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * The starting point, if not the moment the flow first runs. It is kept at the first run and
     * never moves after: a later value is ignored.
     *
     * @param start orders placed before it are demand history only
     * @return this builder
     */
    public Builder startAt(Instant start) {
      this.start = Optional.of(Checks.notNull("start", start));
      return this;
    }

    /** Builds the flow. @return the flow @throws dev.stockbridge.InvalidValueException if source, engine or demand store is missing */
    public OrderFlow build() {
      return new OrderFlow(this);
    }
  }
}
