package dev.stockbridge.examples.demo;

import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.Channel;
import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Position;
import dev.stockbridge.SharedPools;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.AtsControls;
import dev.stockbridge.ats.AtsPolicy;
import dev.stockbridge.ats.Buffer;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.engine.EngineHealth;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.engine.PeakWindow;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.order.ReturnDisposition;
import dev.stockbridge.reconcile.CatalogueView;
import dev.stockbridge.reconcile.Differ;
import dev.stockbridge.reconcile.ExceptionStatus;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.reconcile.LastWriter;
import dev.stockbridge.reconcile.PlannerItem;
import dev.stockbridge.reconcile.Reconciler;
import dev.stockbridge.reconcile.RunInput;
import dev.stockbridge.reconcile.RunResult;
import dev.stockbridge.reconcile.ShownStock;
import dev.stockbridge.reconcile.SourceStock;
import dev.stockbridge.reconcile.StockRows;
import dev.stockbridge.reconcile.TrackedException;
import dev.stockbridge.reconcile.AlertSink;
import dev.stockbridge.reconcile.report.FlowFreshness;
import dev.stockbridge.reconcile.report.Reports;
import dev.stockbridge.reconcile.report.RunReport;
import dev.stockbridge.reconcile.report.WarehouseValue;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.Supply;
import dev.stockbridge.InventoryState;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A flash sale on the embedded default, start to finish: one stock pool shown on two channels, the
 * web shop and a marketplace whose 10 % buffer is held back, and the planner's minimum stock of mugs
 * held back on both; 400 orders from four producers over T-shirts, caps, mugs, socks and two kits,
 * half of them decremented by the storefront itself (TrackOnly), inside a Friday-evening peak window
 * during which a planner receipt waits; a storefront outage in the middle; returns through
 * inspection; an order for a SKU the storefront does not know. Then reconciles a warehouse count
 * that finds three pairs of socks missing. Ends with a summary of physical, held-back and shown
 * stock per SKU and channel that explains every finding in a line, and exits with status 1 if any
 * SKU drifted from its expected stock. A temporary working directory is cleared at the end, all but
 * the report.
 */
public final class FlashSaleDemo {

  private static final Location DC = Location.of("london-dc");
  /** The marketplace channel: the same stock pool as the web shop's, less a 10 % buffer. */
  private static final Location MARKET = Location.of("marketplace");
  private static final List<Location> CHANNELS = List.of(DC, MARKET);
  /** The planner's minimum stock of mugs, held back on every channel of the pool. */
  private static final long MUG_MINIMUM = 25;
  private static final Sku TEE_S = Sku.of("TEE-RED-S");
  private static final Sku TEE_M = Sku.of("TEE-RED-M");
  private static final Sku CAP = Sku.of("CAP-BLACK");
  private static final Sku MUG = Sku.of("MUG-WHITE");
  private static final Sku SOCKS = Sku.of("SOCKS-GREY");
  private static final Sku SUMMER_KIT = Sku.of("KIT-SUMMER");
  private static final Sku GIFT_KIT = Sku.of("KIT-GIFT");
  private static final Sku SCARF = Sku.of("SCARF-WOOL");
  private static final List<Sku> SELLABLE = List.of(TEE_S, TEE_M, CAP, MUG, SOCKS, SUMMER_KIT, GIFT_KIT);
  private static final long INITIAL = 600;
  private static final int ORDERS = 400;
  private static final int PRODUCERS = 4;

  /** London's zone: the shop's, in which the report shows its times. */
  private static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");
  /** The deliberate shrinkage: the warehouse count finds this many pairs of socks fewer. */
  private static final long SOCKS_SHRINKAGE = 3;

  private final PrintStream out;
  private final WorkDirectory work;
  private final Path workDirectory;
  private final BundleCatalogue bundles =
      BundleCatalogue.builder()
          .component(SUMMER_KIT, TEE_M, 1)
          .component(SUMMER_KIT, CAP, 1)
          .component(GIFT_KIT, MUG, 1)
          .component(GIFT_KIT, SOCKS, 2)
          .build();
  private final StorefrontPolicy policy = StorefrontPolicy.builder()
      .ats(AtsPolicy.builder().channel(Channel.of(MARKET.key()), AtsControls.none().withBuffer(Buffer.percent(10))).build())
      .build();
  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final OutageStorefront flaky = new OutageStorefront(storefront);
  private final Map<Sku, Long> expected = new LinkedHashMap<>();
  private final Map<Sku, Long> warehouseCount = new LinkedHashMap<>();
  private final ExceptionTracker exceptions;
  // Friday 27 November 2026, 17:55 in London: the holdbacks are set just before the peak window.
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T17:55:00Z"));

  private FlashSaleDemo(PrintStream out, WorkDirectory work) {
    this.out = out;
    this.work = work;
    this.workDirectory = work.path();
    this.exceptions = ExceptionTracker.inMemory(clock);
  }

  /**
   * Runs the demo.
   *
   * @param args optional: a working directory (default: a new temporary directory)
   * @throws Exception if the demo cannot run
   */
  public static void main(String[] args) throws Exception {
    WorkDirectory directory = args.length > 0 ? WorkDirectory.kept(Path.of(args[0])) : WorkDirectory.temporary();
    long drift = run(System.out, directory);
    System.exit(drift == 0 ? 0 : 1);
  }

  /**
   * Runs the demo, printing to {@code out}; the last line is {@code drift: N}.
   *
   * @return the total drift, 0 if every SKU is exact
   */
  static long run(PrintStream out, WorkDirectory directory) throws Exception {
    return new FlashSaleDemo(out, directory).run();
  }

  private long run() throws Exception {
    for (Location channel : CHANNELS) {
      for (Sku sku : List.of(TEE_S, TEE_M, CAP, MUG, SOCKS, SCARF)) {
        storefront.create(new StockKey(sku, channel), INITIAL);
        expected.put(sku, INITIAL);
      }
      for (Sku kit : List.of(SUMMER_KIT, GIFT_KIT)) {
        storefront.create(new StockKey(kit, channel), bundles.availableToSell(kit, c -> INITIAL));
      }
    }
    PeakWindow peak = PeakWindow.parse("Fri 18:00-22:00 Europe/London");
    out.printf("Stockbridge flash-sale demo — working directory %s%n", workDirectory);
    out.printf("one stock pool, two channels: the web shop (%s) and a marketplace (%s)%n", DC, MARKET);
    out.printf("clock: %s, peak window %s: receipts and counts wait, orders never do%n%n", clock.instant(), peak);

    Path report = null;
    long drift;
    try (FileJournal journal = FileJournal.open(workDirectory.resolve("journal"));
        StockEngine engine =
            StockEngine.builder()
                .storefront(flaky)
                .journal(journal)
                .bundles(bundles)
                .clock(clock)
                .peakWindow(peak)
                .sharedPools(SharedPools.of(List.of(CHANNELS)))
                .exceptionStore(exceptions)
                .retry(Duration.ofMillis(5), Duration.ofMillis(100), -1)
                .build()) {
      engine.start();
      holdbacks(engine);
      planner(engine);
      List<OrderEvent.Placed> placed = sale(engine);
      aftermath(engine, placed);

      out.printf("%n22:05 in London: the peak window closes, held work flushes%n");
      clock.advance(Duration.ofMinutes(215));
      if (!engine.drain(Duration.ofSeconds(60))) {
        out.println("engine did not drain within 60 s; its journal is in " + workDirectory);
        return Long.MAX_VALUE;
      }
      report = reconcile(engine);
      drift = summary(engine);
    } finally {
      if (report == null) {
        work.delete();
      }
    }
    // Last, after the engine and its journal are closed: CI reads the final line.
    out.printf("%n%s%n", work.finish(report));
    out.printf("drift: %d%n", drift);
    return drift;
  }

  /**
   * Reconciles the warehouse's count against the storefront: the count finds three pairs of socks
   * missing (shrinkage), which is an exception for ops, not something to overwrite the storefront
   * with. The planner lacks a lead time for the scarf: an exception before it is a stock-out.
   */
  private Path reconcile(StockEngine engine) throws Exception {
    out.printf("%nreconciling the warehouse count and the planner catalogue against the storefront%n");
    Instant now = clock.instant();
    List<SourceStock> counted = new ArrayList<>();
    List<ShownStock> shown = new ArrayList<>();
    for (Location channel : CHANNELS) {
      for (Sku sku : expected.keySet()) {
        // one count of the pool; each channel's entry stands for it with what it holds back
        StockKey key = new StockKey(sku, channel);
        long count = sku.equals(SOCKS) ? expected.get(sku) - SOCKS_SHRINKAGE : expected.get(sku);
        warehouseCount.put(sku, count);
        Position position = Position.empty(key).plus(InventoryState.AVAILABLE, Math.max(0, count));
        if (sku.equals(SCARF)) {
          position = position.plus(InventoryState.DAMAGED, 20);
        }
        counted.add(SourceStock.of(position, now));
        shown.add(ShownStock.of(storefront.entry(key), now, LastWriter.STOCKBRIDGE));
      }
    }
    CatalogueMapping.Builder mappingRows =
        CatalogueMapping.builder().channel(SupplyChannel.of(DC.key()), DC).warehouse(DC, WarehouseId.of("wh-london"));
    expected.keySet().forEach(sku -> mappingRows.sku(sku, VariantId.of("ip-" + sku.value().toLowerCase(java.util.Locale.ROOT))));
    CatalogueMapping mapping = mappingRows.build();
    List<PlannerItem> planner = new ArrayList<>();
    for (Sku sku : expected.keySet()) {
      OptionalInt leadTime = sku.equals(SCARF) ? OptionalInt.empty() : OptionalInt.of(14);
      planner.add(new PlannerItem(mapping.variant(sku).orElseThrow(), WarehouseId.of("wh-london"), expected.get(sku), sku.equals(CAP) ? 200 : 0, leadTime, Optional.of(new BigDecimal("4.50"))));
    }
    Differ differ = Differ.builder().inFlight(engine::unapplied).bundles(bundles).policy(policy).clock(clock).build();
    Path reports = Files.createDirectories(workDirectory.resolve("reports"));
    Path html = reports.resolve("reconciliation.html");
    Reconciler reconciler =
        Reconciler.builder()
            .differ(differ)
            .tracker(exceptions)
            .alerts(AlertSink.slf4j())
            .reportLink(runId -> html.toUri())
            .clock(clock)
            .build();
    RunResult result =
        reconciler.run(
            new RunInput(
                Optional.of(new CatalogueView(new java.util.HashSet<>(expected.keySet()), planner, mapping)),
                StockRows.unsorted(counted.iterator()),
                StockRows.unsorted(shown.iterator())));
    RunReport report =
        new RunReport(
            result,
            List.of(),
            List.of(
                new FlowFreshness("order decrements", engine.health().lastSuccess(), Duration.ofMinutes(1)),
                new FlowFreshness("warehouse count", Optional.of(now), Duration.ofHours(26))),
            WarehouseValue.of(planner),
            SHOP_ZONE);
    try (Writer writer = Files.newBufferedWriter(html)) {
      Reports.html(report, writer);
    }
    try (Writer writer = Files.newBufferedWriter(reports.resolve("reconciliation.json"))) {
      Reports.json(report, writer);
    }
    try (Writer writer = Files.newBufferedWriter(reports.resolve("reconciliation.csv"))) {
      Reports.csv(report, writer);
    }
    out.printf("  %d positions compared: %d agree, %d explained by movements in flight, %d with a discrepancy; "
            + "catalogue: %d finding%n",
        result.stats().keysCompared(), result.stats().keysInAgreement(), result.stats().explainedInFlight(),
        result.stats().keysWithDiscrepancies(), result.catalogueDiscrepancies());
    var holdings = result.stats().holdings();
    out.printf("  held back from sale: %d units on %d entries, counted as sellable; each entry says why, e.g.%n", holdings.units(), holdings.entries());
    holdings.listed().stream().limit(2).forEach(held -> out.printf("    %s: %s%n", held.key(), held.why()));
    return html;
  }

  /**
   * Before the peak: the marketplace's buffer and the planner's minimum stock of mugs, each a
   * HOLDBACK movement applied as a relative change, so the entries show available-to-sell, not
   * physical stock, before the first order lands.
   */
  private void holdbacks(StockEngine engine) throws InterruptedException {
    List<StockKey> keys = new ArrayList<>();
    CHANNELS.forEach(channel -> expected.keySet().forEach(sku -> keys.add(new StockKey(sku, channel))));
    engine.changePolicy(policy, keys, "marketplace-buffer-10pc");
    for (Location channel : CHANNELS) {
      engine.changeMinimumStock(new StockKey(MUG, channel), MUG_MINIMUM, "planner-minimum-2026-11-27");
    }
    engine.drain(Duration.ofSeconds(30));
    out.printf("17:55 holdbacks: planner minimum stock %s %d on both channels; marketplace buffer 10 %% of the pool%n", MUG, MUG_MINIMUM);
    out.printf("      %s shows %d on the web shop and %d on the marketplace, of %d physical%n", MUG,
        storefront.entry(new StockKey(MUG, DC)).quantityOnStock(), storefront.entry(new StockKey(MUG, MARKET)).quantityOnStock(), INITIAL);
    clock.advance(Duration.ofMinutes(35));
    out.printf("18:30 in London: the sale starts inside the peak window%n%n");
  }

  /** The planner's signals: an open purchase order's date, and a receipt that must pass inspection. */
  private void planner(StockEngine engine) {
    Instant due = Instant.parse("2026-12-04T09:00:00Z");
    engine.setSupply(new StockKey(CAP, DC), new Supply(Optional.of(due), OptionalInt.of(7), OptionalLong.of(5)));
    // 120 scarves received: 100 pass inspection, 20 are damaged. Only the 100 become sellable, and
    // not before the peak window closes: receipts travel in the ADJUSTMENT lane.
    engine.submit(new Movement(MovementKind.RECEIPT, SCARF, DC, InventoryState.INSPECTION, 120, "PO-1001 received", "receipt/PO-1001/1", 0));
    engine.submit(Movement.of(MovementKind.RECEIPT, SCARF, DC, 100, "PO-1001 passed inspection", IdempotencyKeys.of(MovementKind.RECEIPT, "PO-1001/1/inspected")));
    expected.merge(SCARF, 100L, Long::sum);
    out.println("planner: PO-1002 for CAP-BLACK due 2026-12-04 (shown as expected delivery);");
    out.println("         PO-1001: 120 SCARF-WOOL received into inspection, 100 passed — held until the peak closes");
  }

  private List<OrderEvent.Placed> sale(StockEngine engine) throws Exception {
    Random random = new Random(2026);
    List<OrderEvent.Placed> orders = new ArrayList<>();
    List<List<Sku>> trackOnly = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      List<OrderLine> lines = new ArrayList<>();
      List<Sku> platformSold = new ArrayList<>();
      int count = 1 + random.nextInt(2);
      for (int l = 0; l < count; l++) {
        Sku sku = SELLABLE.get(random.nextInt(SELLABLE.size()));
        InventoryMode mode = random.nextBoolean() ? InventoryMode.TRACK_ONLY : InventoryMode.NONE;
        lines.add(new OrderLine("line-" + l, sku, 1, DC, Optional.empty(), mode));
        if (mode == InventoryMode.TRACK_ONLY) {
          platformSold.add(sku);
        }
        effect(sku, -1);
      }
      orders.add(new OrderEvent.Placed("order-" + i, lines));
      trackOnly.add(platformSold);
    }
    orders.add(new OrderEvent.Placed("order-ghost", List.of(OrderLine.of("line-0", Sku.of("GHOST-SKU"), 1, DC))));
    trackOnly.add(List.of());

    AtomicInteger done = new AtomicInteger();
    ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
    List<Future<?>> futures = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      futures.add(
          producers.submit(
              () -> {
                for (int i = producer; i < orders.size(); i += PRODUCERS) {
                  trackOnly.get(i).forEach(sku -> storefront.sell(new StockKey(sku, DC), 1));
                  engine.submit(orders.get(i));
                  if (i % 3 == 0) {
                    engine.submit(orders.get(i)); // at-least-once delivery: a duplicate
                  }
                  int n = done.incrementAndGet();
                  if (n == orders.size() / 2) {
                    flaky.down(true);
                    out.println("  !! storefront outage: every call answers 503");
                  } else if (n == orders.size() / 2 + 40) {
                    flaky.down(false);
                    out.println("  !! storefront back");
                  }
                  if (n % 100 == 0) {
                    progress(engine, n);
                  }
                }
                return null;
              }));
    }
    for (Future<?> future : futures) {
      future.get(2, TimeUnit.MINUTES);
    }
    producers.shutdown();
    flaky.down(false);
    return orders;
  }

  private void aftermath(StockEngine engine, List<OrderEvent.Placed> orders) {
    for (int i = 0; i < 12; i++) {
      OrderEvent.Placed order = orders.get(i * 7);
      OrderLine line = order.lines().get(0);
      if (i < 5) {
        engine.submit(new OrderEvent.Cancelled(order.orderId(), List.of(line)));
        effect(line.sku(), line.quantity());
      } else {
        engine.submit(new OrderEvent.Returned(order.orderId(), "rma-" + i, line, ReturnDisposition.IN_INSPECTION));
        boolean passes = i % 3 != 0;
        engine.submit(new OrderEvent.Returned(order.orderId(), "rma-" + i, line, passes ? ReturnDisposition.RESELLABLE : ReturnDisposition.DAMAGED));
        if (passes) {
          effect(line.sku(), line.quantity());
        }
      }
    }
    out.println("aftermath: 5 cancellations restocked; 7 returns inspected, 5 resellable, 2 damaged");
  }

  private void progress(StockEngine engine, int orders) {
    EngineHealth health = engine.health();
    out.printf(
        "  [%3d orders] SCARF-WOOL on the storefront %d | waiting keys: order %d, adjustment %d | calls %d, conflicts %d, retries %d%n",
        orders,
        storefront.entry(new StockKey(SCARF, DC)).quantityOnStock(),
        health.lanes().get(Lane.ORDER).waitingKeys(),
        health.lanes().get(Lane.ADJUSTMENT).waitingKeys(),
        health.storefrontCalls(),
        health.conflicts(),
        health.retries());
  }

  private long summary(StockEngine engine) {
    EngineHealth health = engine.health();
    out.printf("%n=== summary ===%n");
    out.printf("orders processed      %d (+1 for an unknown SKU), duplicates ignored %d%n", ORDERS, health.duplicates());
    out.printf("movements applied     %d of %d accepted (the %d left are the unknown SKU's on both channels, held as exceptions)%n",
        health.applied(), health.accepted(), health.accepted() - health.applied());
    out.printf("storefront calls      %d (%d refused during the outage), conflicts %d, retries %d%n",
        health.storefrontCalls(), flaky.refused(), health.conflicts(), health.retries());
    List<TrackedException> open = exceptions.list(Set.of(ExceptionStatus.OPEN));
    out.printf("exceptions open       %d, each with its owner; all were staged by the demo:%n", open.size());
    for (TrackedException e : open) {
      out.printf("  %-9s %-29s %-21s %s%n", e.owner(), e.code(), e.subject(), finding(e));
      out.printf("  %9s why: %s%n", "", why(e));
    }
    out.printf("%n%-12s %8s   %-15s   %-15s %6s %8s%n", "", "", "web shop", "marketplace", "", "");
    out.printf("%-12s %8s   %6s %8s   %6s %8s %6s %8s%n", "SKU", "physical", "held", "shown", "held", "shown", "drift", "counted");
    long totalDrift = 0;
    List<Sku> rows = new ArrayList<>(expected.keySet());
    rows.addAll(List.of(SUMMER_KIT, GIFT_KIT));
    for (Sku sku : rows) {
      boolean kit = bundles.isBundle(sku);
      StringBuilder line = new StringBuilder(String.format("%-12s %8s", sku, kit ? "derived" : expected.get(sku).toString()));
      long drift = 0;
      for (Location channel : CHANNELS) {
        StockEntry entry = storefront.entry(new StockKey(sku, channel));
        long shouldShow = kit ? bundles.availableToSell(sku, c -> shouldShow(c, channel)) : shouldShow(sku, channel);
        long shouldHold = kit ? 0 : expected.get(sku) - shouldShow;
        drift += Math.abs(entry.quantityOnStock() - shouldShow) + Math.abs(entry.heldBack() - shouldHold);
        line.append(String.format("   %6d %8d", entry.heldBack(), entry.quantityOnStock()));
      }
      totalDrift += drift;
      Long count = warehouseCount.get(sku);
      String note = count != null && count.longValue() != expected.get(sku)
          ? "  <- the count is " + (expected.get(sku) - count) + " short: the QUANTITY_MISMATCH above" : "";
      out.printf("%s %6d %8s%s%n", line, drift, count == null ? "-" : count.toString(), note);
    }
    out.printf("physical: the pool's sellable stock the accepted movements leave; held: what each channel holds back "
        + "(minimum stock %d %s, the marketplace's 10 %% buffer); shown = physical - held.%n", MUG_MINIMUM, MUG);
    out.printf("drift: shown and held against what the policy gives for the physical stock, so 0 means exact; "
        + "counted: the warehouse's count, which the reconciliation compares; kits derive from their parts' shown stock.%n");
    return totalDrift;
  }

  /** The values behind a finding, shortly; the tracker's message for anything without values. */
  private static String finding(TrackedException e) {
    return e.discrepancy()
        .filter(d -> d.expected().isPresent() && d.shown().isPresent())
        .map(d -> "storefront " + d.shown().getAsLong() + " (shown + held back), warehouse count " + d.expected().getAsLong()
            + ", residual " + (d.residual() > 0 ? "+" : "") + d.residual())
        .orElse(e.message().split("; ", 2)[0]); // the advice follows on the "why" line
  }

  /** Why the demo produced a finding, in one line. */
  private static String why(TrackedException e) {
    if (e.code().equals("QUANTITY_MISMATCH") && e.subject().startsWith(SOCKS.value() + "@")) {
      return "deliberate shrinkage: the count found " + SOCKS_SHRINKAGE + " fewer than the storefront shows; the drift "
          + "table checks the engine (0), the reconciliation the stock; ops recounts or books the loss";
    }
    if (e.code().equals("ENTRY_NOT_FOUND") && e.subject().startsWith("GHOST-SKU@")) {
      return "an order for a SKU the storefront has no inventory entry for: nothing was applied; "
          + "e-commerce creates the entry (or retires the SKU) and resubmits the movement";
    }
    if (e.code().equals("NEW_SKU_WITHOUT_PLANNING_DATA") && e.subject().equals(SCARF.value())) {
      return "the planner has no supplier lead time for the new scarf, so it cannot be replenished: "
          + "an exception now rather than a stock-out later";
    }
    return e.discrepancy().map(d -> d.cause().description() + "; " + d.action()).orElse(e.message());
  }

  /** What a channel's entry should show of a SKU's physical stock under the policy. */
  private long shouldShow(Sku sku, Location channel) {
    long minimum = sku.equals(MUG) ? MUG_MINIMUM : 0;
    return policy.explain(new StockKey(sku, channel), expected.get(sku), minimum).shown();
  }

  private void effect(Sku sku, long quantity) {
    if (bundles.isBundle(sku)) {
      bundles.components(sku).forEach((component, q) -> expected.merge(component, quantity * q, Long::sum));
    } else {
      expected.merge(sku, quantity, Long::sum);
    }
  }
}
