package dev.stockbridge.examples.runner;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.commercetools.CommercetoolsConfig;
import dev.stockbridge.commercetools.CommercetoolsConnector;
import dev.stockbridge.commercetools.LocationChannels;
import dev.stockbridge.commercetools.OrderFeed;
import dev.stockbridge.engine.EngineHealth;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.flow.FeedCycle;
import dev.stockbridge.flow.FeedFlow;
import dev.stockbridge.flow.FeedPublication.PublishedFile;
import dev.stockbridge.flow.OrderFlow;
import dev.stockbridge.flow.OrderQuarantine;
import dev.stockbridge.flow.QuarantinedOrder;
import dev.stockbridge.flow.ReconcileCycle;
import dev.stockbridge.flow.ReconcileFlow;
import dev.stockbridge.inspection.InspectionCounts;
import dev.stockbridge.inspection.InspectionOutcome;
import dev.stockbridge.inspection.InspectionStatuses;
import dev.stockbridge.logging.RateLimitedWarnings;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.micrometer.StockbridgeMetrics;
import dev.stockbridge.planner.PlannerClient;
import dev.stockbridge.planner.PlannerConfig;
import dev.stockbridge.planner.PlannerStockCount;
import dev.stockbridge.planner.PlannerSupply;
import dev.stockbridge.planner.feed.FeedDirectory;
import dev.stockbridge.planner.feed.StarterFeeds;
import dev.stockbridge.planner.feed.StarterPublisher;
import dev.stockbridge.flow.ReceiptLedger;
import dev.stockbridge.planner.ReceiptPolicy;
import dev.stockbridge.reconcile.Differ;
import dev.stockbridge.reconcile.DiscrepancyKind;
import dev.stockbridge.reconcile.ExceptionStatus;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.reconcile.TrackedException;
import dev.stockbridge.reconcile.InFlight;
import dev.stockbridge.reconcile.Reconciler;
import dev.stockbridge.reconcile.RunResult;
import dev.stockbridge.reconcile.UnmappedWarehouse;
import dev.stockbridge.reconcile.AlertSink;
import dev.stockbridge.reconcile.report.FlowFreshness;
import dev.stockbridge.runtime.Cycle;
import dev.stockbridge.runtime.FlowRecord;
import dev.stockbridge.runtime.Stockbridge;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.journal.JournalStats;
import dev.stockbridge.spi.MetricsListener;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.InventoryState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * The command-line runner for real platforms: syncs a commercetools project with Inventory Planner,
 * writes and uploads the planner feeds, and shows status, configured by a JSON file plus
 * environment variables for secrets. Every failure ends with one line on stderr saying what is
 * wrong and what to fix, and an exit code: 2 configuration, 3 authentication, 4 connectivity, 5
 * an SFTP host key not listed, 6 an SFTP host key changed, 1 anything else.
 *
 * <pre>{@code
 * java dev.stockbridge.examples.runner.Runner --config stockbridge.json status
 * }</pre>
 */
public final class Runner {

  static final String USAGE =
      String.join(
          "\n",
          "usage: stockbridge [--config <file>] [--debug] <command>",
          "",
          "commands:",
          "  sync [--once]     poll commercetools orders into the engine and the demand store, and",
          "                    Inventory Planner supply signals and purchase-order receipts into the",
          "                    engine; --once runs one cycle, waits until the storefront is written,",
          "                    and exits",
          "  reconcile         compare storefront and planner once and write a report",
          "  feeds generate    write the Starter products file (the commercetools catalogue with its",
          "                    available stock at feeds.warehouse) and sales-orders file to",
          "                    <dataDirectory>/feeds",
          "  feeds publish [--schedule]",
          "                    upload the Advanced files over SFTP (feeds.sftp): the full set the first",
          "                    time, then what changed; alerts when the planner's last deadline was missed;",
          "                    --schedule uploads every night an hour before the deadline (01:00 in",
          "                    feeds.timeZone), retrying network failures until it",
          "  feeds serve       serve the Starter files over HTTP(S) for the planner (feeds.serve), until",
          "                    stopped",
          "  inspection pass|fail SKU LOCATION QUANTITY [--id ID]",
          "                    book an inspection: units leave inspection, sellable if passed,",
          "                    damaged if failed (never more than wait); status files dropped in",
          "                    <dataDirectory>/inspections are booked by every sync",
          "  orders list       show the orders held in quarantine, with what to fix",
          "  orders retry      after fixing the cause: one sync cycle, which reads every quarantined",
          "                    order again first (every sync does; each order applies once)",
          "  status            check both platforms and show journal, demand store and watermark",
          "",
          "options:",
          "  --config <file>   the configuration file (default: stockbridge.json)",
          "  --debug           print the stack trace of a failure",
          "  --help            print this help",
          "",
          "secrets come from the environment: " + Secrets.CT_CLIENT_SECRET + ", " + Secrets.IP_API_KEY
              + ", " + Secrets.SFTP_PASSWORD + " (feeds publish), " + Secrets.FEED_PASSWORD + " and "
              + Secrets.FEED_TLS_PASSWORD + " (feeds serve, optional)");

  /** How long {@code sync --once} waits for the storefront writes. */
  private static final Duration DRAIN = Duration.ofSeconds(60);
  /** How long continuous sync waits between cycles. */
  private static final Duration CYCLE = Duration.ofSeconds(60);

  private final PrintStream out;
  private final Secrets secrets;

  private Runner(PrintStream out, Secrets secrets) {
    this.out = out;
    this.secrets = secrets;
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    boolean debug = List.of(args).contains("--debug");
    // Quiet library logs unless debugging: failures are reported in one line by run().
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /**
   * Runs a command line.
   *
   * @param args the command line
   * @param env the environment, for secrets
   * @param out where results go
   * @param err where the one-line failure goes
   * @return the exit code: 0 success, 1 failure, 2 configuration, 3 authentication, 4 connectivity,
   *     5 SFTP host key unknown, 6 SFTP host key changed
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Secrets secrets = new Secrets(env::get);
    AtomicReference<Failures.Endpoints> endpoints = new AtomicReference<>(Failures.Endpoints.UNKNOWN);
    boolean debug = false;
    try {
      Arguments arguments = Arguments.parse(args);
      debug = arguments.debug();
      if (arguments.help()) {
        out.println(USAGE);
        return 0;
      }
      Path file = arguments.config().toAbsolutePath();
      Platforms platforms = new Platforms(Settings.load(file), file, secrets);
      endpoints.set(platforms.endpoints());
      new Runner(out, secrets).execute(arguments, platforms);
      return 0;
    } catch (RuntimeException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Failures.Failure failure = Failures.describe(e, endpoints.get());
      err.println(secrets.redact(failure.message()));
      if (debug) {
        e.printStackTrace(err);
      }
      return failure.exitCode();
    }
  }

  private void execute(Arguments arguments, Platforms platforms) throws InterruptedException {
    switch (arguments.command()) {
      case "sync" -> sync(platforms, arguments.once());
      case "status" -> status(platforms);
      case "feeds" -> {
        switch (arguments.subcommand()) {
          case "generate" -> generateFeeds(platforms);
          case "publish" -> {
            AdvancedPublish publish = new AdvancedPublish(platforms, secrets, out, Clock.systemUTC());
            if (arguments.schedule()) {
              publish.schedule(feedsSection(platforms));
            } else {
              publish.run(feedsSection(platforms));
            }
          }
          default -> new FeedsServe(platforms, secrets, out).run(feedsSection(platforms));
        }
      }
      case "reconcile" -> reconcile(platforms);
      case "inspection" -> inspect(platforms, arguments);
      case "orders" -> {
        if ("list".equals(arguments.subcommand())) {
          listQuarantine(platforms);
        } else {
          // One sync cycle: it reads every quarantined order again first, then what is new.
          sync(platforms, true);
        }
      }
      default -> throw new IllegalStateException("unparsed command " + arguments.command());
    }
  }

  private void status(Platforms platforms) {
    try (Stores stores = stores(platforms)) {
      stores.facts().forEach((label, fact) -> out.println(String.format("%-15s", label) + fact));
      out.println("journal        " + journalFacts(stores));
      out.println("demand store   " + demandFacts(stores));
      out.println("order intake   " + stores.checkpoints().get(OrderFlow.START).map(start -> "decrementing orders placed from " + start)
          .orElse("not started: the first sync decrements only orders placed from then on (orders.startAt to choose)")
          + "; " + stores.quarantine().held().size() + " orders in quarantine (stockbridge orders list)");
      out.println("exceptions     " + openExceptions(stores.exceptions()));
      Instant now = Instant.now();
      for (String flow : FlowRecord.FLOWS) {
        out.println(String.format("%-15s", flow) + "flow: " + freshness(FlowRecord.read(stores.checkpoints(), flow), FLOW_TARGETS.get(flow), now));
      }
    }
    CommercetoolsConfig ctConfig = platforms.commercetools();
    PlannerConfig ipConfig = platforms.planner();
    try (CommercetoolsConnector ct = CommercetoolsConnector.connect(ctConfig)) {
      Optional<Instant> watermark = orderFeed(ct, platforms.mapping()).watermark();
      out.println("commercetools  reachable: project " + ctConfig.projectKey() + " at " + ctConfig.apiUrl()
          + "; order-feed watermark " + watermark.map(Instant::toString).orElse("none yet (the first sync reads every order)"));
    }
    int warehouses = PlannerClient.create(ipConfig).warehouses().size();
    out.println("planner        reachable: account " + ipConfig.accountId() + " at " + ipConfig.baseUri() + "; " + warehouses + " warehouses");
  }

  /**
   * How old each flow's last success may be before {@code status} calls it stale: the alert
   * thresholds of the operations guide (orders reach the engine within minutes; the planner's
   * supply and the inspection drop are read every cycle but change hourly at most).
   */
  static final Map<String, Duration> FLOW_TARGETS = Map.of("orders", Duration.ofMinutes(5), "supply", Duration.ofHours(1), "inspections", Duration.ofHours(1));

  /** One flow's recorded freshness against its target, in one line. */
  static String freshness(FlowRecord record, Duration target, Instant now) {
    if (record.lastRun().isEmpty()) {
      return "no run recorded yet (a running sync records every cycle here)";
    }
    String line = record.lastSuccess().map(at -> {
      FlowFreshness freshness = record.against(target);
      return "last success " + at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", " + age(freshness.age(now).orElseThrow()) + " ago (target "
          + age(target) + "): " + (freshness.fresh(now) ? "fresh" : "STALE");
    }).orElse("never succeeded (target " + age(target) + "): STALE");
    return line + (record.lastRunFailed() ? "; its last run, at " + record.lastRun().get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + ", failed: see the sync's log" : "");
  }

  private static String age(Duration age) {
    long seconds = Math.max(0, age.toSeconds());
    return seconds < 120 ? seconds + " s" : seconds < 7_200 ? seconds / 60 + " min" : seconds / 3_600 + " h";
  }

  /** The open exceptions by owner and code, as the status page shows them. */
  private static String openExceptions(ExceptionTracker tracker) {
    List<TrackedException> open = tracker.list(EnumSet.of(ExceptionStatus.OPEN));
    if (open.isEmpty()) {
      return "none open";
    }
    Map<String, Map<String, Long>> byOwner = open.stream().collect(Collectors.groupingBy(e -> e.owner().name().toLowerCase(java.util.Locale.ROOT),
        java.util.TreeMap::new, Collectors.groupingBy(TrackedException::code, java.util.TreeMap::new, Collectors.counting())));
    return open.size() + " open: " + byOwner.entrySet().stream().map(owner -> owner.getKey() + " " + owner.getValue()).collect(Collectors.joining(", "));
  }

  /** A person's inspection outcome: never more units than the journal shows waiting in inspection. */
  private void inspect(Platforms platforms, Arguments arguments) throws InterruptedException {
    List<String> operands = arguments.operands();
    StockKey key = new StockKey(Sku.of(operands.get(0)), Location.of(operands.get(1)));
    long quantity = Arguments.count(operands.get(2));
    InventoryState result = "pass".equals(arguments.subcommand()) ? InventoryState.AVAILABLE : InventoryState.DAMAGED;
    InspectionOutcome outcome = new InspectionOutcome(key, quantity, arguments.inspectionId(), result);
    Path data = directory(platforms.dataDirectory());
    CatalogueMapping mapping = platforms.mapping();
    try (Stores stores = stores(platforms)) {
      MovementJournal journal = stores.journal();
      long waiting = InspectionCounts.of(journal).waiting(key);
      if (quantity > waiting) {
        throw new UsageException("only " + waiting + " units of " + key + " wait in inspection (returns and receipts the journal holds): nothing booked");
      }
      try (CommercetoolsConnector ct = CommercetoolsConnector.connect(platforms.commercetools())) {
        StorefrontStock storefront = ct.storefrontStock(LocationChannels.from(mapping));
        // The engine takes the planner's minimum stock up from the entry, which records it with the
        // units it holds back: booking an inspection never releases them.
        try (StockEngine engine = platforms.engine().storefront(storefront).journal(journal)
            .exceptionStore(stores.exceptions()).retry(Duration.ofMillis(50), Duration.ofSeconds(30), 5).build()) {
          engine.start();
          engine.submit(outcome.movements());
          finish(engine, stores);
        }
      }
      out.println("inspection " + outcome.inspectionId() + ": " + quantity + " units of " + key + " " + ("pass".equals(arguments.subcommand()) ? "passed, now sellable" : "failed, now damaged")
          + "; " + InspectionCounts.of(journal).waiting(key) + " still wait in inspection");
    }
  }

  private void listQuarantine(Platforms platforms) {
    List<QuarantinedOrder> held;
    try (Stores stores = stores(platforms)) {
      held = stores.quarantine().held();
    }
    out.println(held.size() + " orders in quarantine" + (held.isEmpty() ? "" : "; fix the cause, then run `stockbridge orders retry` (or wait for the next sync):"));
    held.forEach(order -> out.println("  " + order.orderId() + "  held since " + order.firstHeld().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + ", tried " + order.attempts() + "x: " + order.problem()));
  }

  /** The stores the configuration names; the data directory is created for the file store. */
  private static Stores stores(Platforms platforms) {
    Settings.Store store = platforms.settings().store();
    Path data = store.postgres() ? platforms.dataDirectory() : directory(platforms.dataDirectory());
    return Stores.open(store, data, platforms.secrets());
  }

  private static String journalFacts(Stores stores) {
    if (stores.journalEmpty()) {
      return "empty (no sync has run)";
    }
    try {
      MovementJournal journal = stores.journal();
      JournalStats stats = JournalStats.of(journal); // streamed: counts, never a list of movements
      InspectionCounts inspection = InspectionCounts.of(journal);
      return stats.movements() + " movements, " + stats.notApplied() + " not marked applied (the next sync checks them against the storefront); "
          + inspection.total() + " units wait in inspection" + (inspection.all().isEmpty() ? "" : " " + inspection.all());
    } catch (StockbridgeException e) {
      return "unavailable (" + e.getMessage() + ")";
    }
  }

  private static String demandFacts(Stores stores) {
    try {
      long lines = stores.demandLines();
      return lines == 0 ? "empty (no sync has run)" : lines + " demand lines";
    } catch (StockbridgeException e) {
      return "unavailable (" + e.getMessage() + ")";
    }
  }

  private void sync(Platforms platforms, boolean once) throws InterruptedException {
    CommercetoolsConfig ctConfig = platforms.commercetools();
    PlannerClient planner = PlannerClient.create(platforms.planner());
    CatalogueMapping mapping = platforms.mapping();
    // Validated now: with the lease an engine is built only when this instance takes over.
    platforms.engine();
    Path data = platforms.dataDirectory();
    try (CommercetoolsConnector ct = CommercetoolsConnector.connect(ctConfig)) {
      OrderFeed feed = orderFeed(ct, mapping);
      // One cheap call to each platform before anything local opens: bad credentials and
      // unreachable hosts fail here, in one line.
      feed.watermark();
      planner.warehouses();
      directory(data);
      try (Stores stores = stores(platforms)) {
        ExceptionTracker exceptions = stores.exceptions();
        // A new ledger only takes note of what the planner has received so far: that stock is on the
        // storefront already, and only what arrives from now on is a receipt.
        boolean baseline = stores.receiptsNew();
        // Kept with their movements for after a restart. The engine logs its own failures, at most
        // once an hour per cause; the flows' are logged here, as rarely.
        ExceptionStore kept = exceptions::raise;
        RateLimitedWarnings warnings = RateLimitedWarnings.hourly(LoggerFactory.getLogger(ExceptionStore.class), Clock.systemUTC());
        AtomicReference<StockbridgeMetrics> metrics = new AtomicReference<>();
        ExceptionStore store = failure -> {
          warnings.warn(failure.code() + "|" + failure.key(), failure.toString());
          exceptions.raise(failure);
        };
        ReceiptLedger receiptLedger = stores.receipts();
        StorefrontStock storefront = ct.storefrontStock(LocationChannels.from(mapping));
        // The registry exists before the engines: each engine pushes its order timings to it.
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MetricsListener timings = !once && platforms.settings().status() != null ? StockbridgeMetrics.listener(registry) : MetricsListener.none();
        try (Stockbridge stockbridge =
                stores.engines(Stockbridge.builder(), journal -> platforms.engine().storefront(storefront).journal(journal).orderLedger(stores.orderLedger()).exceptionStore(kept)
                        .metrics(timings).retry(Duration.ofMillis(50), Duration.ofSeconds(30), once ? 5 : -1).build())
                    .orders(orderFlow(platforms, feed, stores, store))
                    .supply(PlannerSupply.create(planner, mapping, receiptPolicy(platforms.settings().planner()), receiptLedger, baseline,
                        Clock.systemDefaultZone()))
                    .inspections(data.resolve("inspections"), InspectionStatuses.standard(), store)
                    .recordFlows(stores.checkpoints())
                    .every(CYCLE)
                    .drainOnClose(once ? DRAIN : platforms.settings().engine().stopDrain())
                    .listener(cycle -> {
                      report(cycle, platforms);
                      Optional.ofNullable(metrics.get()).ifPresent(StockbridgeMetrics::refreshExceptions);
                    })
                    .build()) {
          if (once) {
            Cycle cycle = stockbridge.runOnce();
            if (cycle.standby()) {
              out.println(Timestamps.now() + " sync: standby, nothing done: " + stores.facts().get("lease"));
              return;
            }
            report(cycle, platforms);
            if (!cycle.failed().isEmpty()) {
              throw cycle.failed().get(0);
            }
            finish(stockbridge.engine(), stores);
            return;
          }
          Optional<StatusServer> page = statusPage(platforms, stockbridge, exceptions, stores.quarantine(), registry, metrics);
          try (Shutdown shutdown = Shutdown.onSignal()) {
            stockbridge.start();
            shutdown.awaitStop();
            stop(stockbridge, stores, platforms.settings().engine().stopDrain());
            shutdown.finished();
          } finally {
            page.ifPresent(StatusServer::close);
          }
        }
      }
    }
  }

  /** The live status page, /status and /metrics, if configured; a token is required. */
  private Optional<StatusServer> statusPage(Platforms platforms, Stockbridge stockbridge, ExceptionTracker exceptions, OrderQuarantine quarantine,
      PrometheusMeterRegistry registry, AtomicReference<StockbridgeMetrics> metrics) {
    Settings.Status status = platforms.settings().status();
    if (status == null) {
      return Optional.empty();
    }
    String token = secrets.require(Secrets.STATUS_TOKEN, "a token of your choice that the status page and /metrics will ask for");
    metrics.set(StockbridgeMetrics.bind(registry, stockbridge, () -> exceptions.list(EnumSet.of(ExceptionStatus.OPEN)), Clock.systemUTC()));
    Path lastReport = platforms.dataDirectory().resolve("reports").resolve("reconciliation.json");
    io.micrometer.core.instrument.Gauge.builder("stockbridge.reconcile.discrepancies", lastReport, LastReconciliation::discrepancies)
        .description("discrepancies the last reconciliation found (NaN before the first)").strongReference(true).register(registry);
    try {
      StatusServer server = StatusServer.start(status.host(), status.port(), token, stockbridge, exceptions, quarantine, registry,
          platforms.dataDirectory().resolve("inspections"));
      out.println(Timestamps.now() + " status page on http://" + status.host() + ":" + server.port() + "/ (also /status and /metrics; token: "
          + Secrets.STATUS_TOKEN + ")");
      return Optional.of(server);
    } catch (IOException e) {
      throw new ConfigException("status.port " + status.port() + " on " + status.host() + " cannot be opened (" + e.getMessage() + "): choose another", e);
    }
  }

  private OrderFlow.Builder orderFlow(Platforms platforms, OrderFeed feed, Stores stores, ExceptionStore store) {
    CatalogueMapping mapping = platforms.mapping();
    OrderFlow.Builder flow = OrderFlow.builder().source(feed).demand(stores.demand())
        .quarantine(stores.quarantine())
        .checkpoints(stores.checkpoints())
        .mapped(sku -> mapping.variant(sku).isMapped())
        .exceptions(store);
    platforms.ordersStartAt().ifPresent(flow::startAt);
    return flow;
  }

  /**
   * After SIGTERM or Ctrl-C: no new cycle starts, the engine gets a bounded time to write what it
   * holds and stops; then the journal says what is left for the next start, key by key.
   */
  private void stop(Stockbridge stockbridge, Stores stores, Duration bound) {
    out.println(Timestamps.now() + " stopping: no more orders are read; writing what is accepted (at most " + bound.toSeconds() + " s)");
    boolean active = stockbridge.active();
    stockbridge.close();
    if (!active) {
      out.println(Timestamps.now() + " stopped: this instance was on standby, nothing to write");
      return;
    }
    Map<StockKey, List<Movement>> left = InFlight.unappliedIn(stores.journal());
    long movements = left.values().stream().mapToLong(List::size).sum();
    String keys = left.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(StockKey::toString))).limit(10)
        .map(e -> e.getKey() + " " + e.getValue().stream().mapToLong(Movement::quantity).sum()).collect(Collectors.joining(", "));
    out.println(Timestamps.now() + " stopped: " + stockbridge.engine().health().applied() + " movements applied" + (left.isEmpty() ? ", nothing pending"
        : "; left pending in the journal, for the next sync to apply: " + movements + " movements for " + left.size() + " keys (" + keys
            + (left.size() > 10 ? ", …" : "") + ")"));
  }

  /** One line per cycle, and one per failed flow (a failed flow never stops the next cycle). */
  private void report(Cycle cycle, Platforms platforms) {
    cycle.orders().ifPresent(intake -> {
      if (intake.firstStart()) {
        out.println(Timestamps.now() + " first start: orders placed from " + intake.start() + " on are decremented; " + intake.history()
            + " earlier orders kept as demand history, none decremented");
      }
    });
    String orders = cycle.orders().map(intake -> intake.orders() + " orders (" + intake.movements() + " movements), " + intake.demandLines()
        + " demand lines, " + intake.quarantined() + " quarantined" + (intake.released() > 0 ? " (" + intake.released() + " released)" : "")
        + (intake.unmappedSkus().isEmpty() ? "" : ", unmapped SKUs " + intake.unmappedSkus())).orElse("orders not read");
    String supply = cycle.supply().map(supplied -> supplied.updated() + " supply updates, " + supplied.note()).orElse("supply not read");
    String inspected = cycle.inspections().filter(run -> run.files() > 0)
        .map(run -> ", inspections: " + run.files() + " status files, " + run.units() + " units left inspection"
            + (run.problems() > 0 ? ", " + run.problems() + " rows refused (see the exceptions)" : ""))
        .orElse("");
    out.println(Timestamps.now() + " sync: " + orders + ", " + supply + inspected);
    cycle.failures().forEach((flow, failure) -> out.println(Timestamps.now() + " " + flow + " failed: "
        + secrets.redact(Failures.describe(failure, platforms.endpoints()).message()) + "; the next cycle tries again"));
  }

  private static ReceiptPolicy receiptPolicy(Settings.Planner planner) {
    return Settings.Planner.SELLABLE.equals(planner.receipts()) ? ReceiptPolicy.sellableOnReceipt() : ReceiptPolicy.inspectEverything();
  }

  private void finish(StockEngine engine, Stores stores) throws InterruptedException {
    // drainAll: also the re-derivations and re-checks scheduled after sales the storefront took
    // itself (up to its consistency lag later), which a process that exits now would never run.
    boolean drained = engine.drainAll(DRAIN);
    EngineHealth health = engine.health();
    out.println("engine: " + health.applied() + " movements applied, " + health.failed() + " failed, " + health.storefrontCalls() + " storefront calls, "
        + health.conflicts() + " conflicts");
    if (!drained) {
      throw new StockbridgeException("movements still waiting after " + DRAIN.toSeconds() + " s: they stay in the journal and the next sync applies them");
    }
    if (health.failed() > 0) {
      throw new StockbridgeException(health.failed() + " movements failed for good and went to the exception log: see the WARN lines above and "
          + stores.exceptionsPlace());
    }
  }

  /**
   * Compares what the planner counts as in stock with what the storefront shows, counting the
   * journal's unapplied movements as in flight, and the two catalogues with the mapping, within the
   * mapped warehouses; writes the HTML, JSON and CSV reports with times in the shop's zone.
   */
  private void reconcile(Platforms platforms) {
    CatalogueMapping mapping = platforms.mapping();
    PlannerClient planner = PlannerClient.create(platforms.planner());
    try (CommercetoolsConnector ct = CommercetoolsConnector.connect(platforms.commercetools());
        Stores stores = stores(platforms)) {
      Optional<Instant> ordersSeen = orderFeed(ct, mapping).watermark();
      Path reports = directory(platforms.dataDirectory().resolve("reports"));
      Path html = reports.resolve("reconciliation.html");
      Instant now = Instant.now();
      ReconcileCycle run = ReconcileFlow.builder()
          .stock(PlannerStockCount.builder(planner, mapping).exceptions(stores.exceptions()).build())
          .storefrontSkus(() -> ct.catalogue().skus())
          .storefront(ct.storefrontStockWithRetries(LocationChannels.from(mapping)))
          .reservations(ct.reservations(LocationChannels.from(mapping)))
          .mapping(mapping)
          .reconciler(Reconciler.builder()
              .differ(Differ.builder().bundles(platforms.bundles()).inFlight(journalInFlight(stores))
                  .progress((keys, found) -> out.println("reconcile: " + keys + " positions compared, " + found + " discrepancies so far"), 10_000)
                  .build())
              .tracker(stores.exceptions())
              .alerts(AlertSink.slf4j())
              .reportLink(runId -> html.toUri())
              .build())
          .reports(reports, platforms.settings().zone())
          .freshness(() -> {
            List<FlowFreshness> flows = new ArrayList<>(List.of(
                new FlowFreshness("planner stock read", Optional.of(now), FlowFreshness.DAILY),
                new FlowFreshness("orders read (last order change seen by sync)", ordersSeen, FlowFreshness.DAILY)));
            // What the running sync recorded of its own flows, against the targets status uses.
            FlowRecord.FLOWS.forEach(flow -> flows.add(new FlowFreshness("sync " + flow + " flow",
                FlowRecord.read(stores.checkpoints(), flow).lastSuccess(), FLOW_TARGETS.get(flow))));
            return flows;
          })
          .build()
          .runOnce();
      RunResult result = run.result();
      Map<DiscrepancyKind, Long> byKind = new java.util.TreeMap<>();
      result.discrepancies().forEach(d -> byKind.merge(d.kind(), 1L, Long::sum));
      long otherRows = result.outOfScope().stream().mapToLong(UnmappedWarehouse::plannerRows).sum();
      out.println("reconcile: " + run.positions() + " planner positions against the storefront, " + result.discrepancies().size()
          + " discrepancies " + byKind + "; report " + run.html());
      out.println("reconcile: " + result.stats().keysInAgreement() + " agree, " + result.stats().explainedInFlight()
          + " explained by movements in flight, " + result.stats().keysWithDiscrepancies() + " with discrepancies"
          + (result.outOfScope().isEmpty() ? "" : "; not compared: " + otherRows + " planner rows in "
              + result.outOfScope().size() + " warehouses no location maps to"));
      var holdings = result.stats().holdings();
      if (holdings.entries() > 0) {
        out.println("reconcile: " + holdings.entries() + (holdings.entries() == 1 ? " entry holds back " : " entries hold back ") + holdings.units() + " units from sale ("
            + holdings.latencyBuffers() + " an adaptive latency buffer); the report says why for each");
      }
    }
  }

  /**
   * What the journal holds that the storefront may not show yet, so the differ does not report a
   * sale that is still on its way. A journal a running sync holds open cannot be read: then
   * nothing counts as in flight, and the report says so through its in-flight count.
   */
  private InFlight journalInFlight(Stores stores) {
    if (stores.journalEmpty()) {
      return InFlight.none();
    }
    try {
      return InFlight.pending(stores.journal());
    } catch (StockbridgeException e) {
      out.println("reconcile: journal unavailable (" + e.getMessage() + "); no movements counted as in flight");
      return InFlight.none();
    }
  }

  /** The Starter files through the core feed flow: products with their stock, and the demand history. */
  private void generateFeeds(Platforms platforms) {
    Settings.Feeds feeds = feedsSection(platforms);
    CatalogueMapping mapping = platforms.mapping();
    WarehouseId warehouse = WarehouseId.of(feeds.warehouse());
    StarterFeeds starter = StarterFeeds.builder(mapping, warehouse).bundles(platforms.bundles(), AdvancedPublish.bundleMode(feeds)).build();
    StarterPublisher publisher;
    try {
      publisher = new StarterPublisher(starter, mapping, warehouse, FeedDirectory.of(platforms.dataDirectory().resolve("feeds")));
    } catch (InvalidValueException e) {
      throw new ConfigException("feeds.warehouse " + warehouse.value() + " has no location in the locations mapping: map a location to it, or correct feeds.warehouse", e);
    }
    try (CommercetoolsConnector ct = CommercetoolsConnector.connect(platforms.commercetools());
        Stores stores = stores(platforms)) {
      FeedCycle run = new FeedFlow(ct.catalogueSource(), ct.storefrontStockWithRetries(LocationChannels.from(mapping)), stores.demand(), publisher,
          Clock.systemUTC()).runOnce();
      PublishedFile products = run.publication().files().get(0);
      PublishedFile sales = run.publication().files().get(1);
      out.println("feeds: wrote " + products.name() + " (" + products.rowsWritten() + " rows from " + (products.rowsRead() + run.unpriced().size())
          + " catalogue variants" + (run.unpriced().isEmpty() ? "" : "; skipped " + run.unpriced().size() + " without a price: "
          + run.unpriced().stream().limit(5).map(Sku::value).collect(Collectors.joining(", ")) + (run.unpriced().size() > 5 ? ", …" : ""))
          + AdvancedPublish.held(products) + ")");
      out.println("feeds: wrote " + sales.name() + " (" + sales.rowsWritten() + " rows from " + sales.rowsRead() + " demand lines" + AdvancedPublish.held(sales) + ")");
    }
  }

  private static Settings.Feeds feedsSection(Platforms platforms) {
    if (platforms.settings().feeds() == null) {
      throw new ConfigException("feeds is missing: set feeds.warehouse (the planner warehouse the feed is for) in the config file");
    }
    return platforms.settings().feeds();
  }

  private static OrderFeed orderFeed(CommercetoolsConnector ct, CatalogueMapping mapping) {
    return ct.orderFeed().locations(LocationChannels.from(mapping)).build();
  }

  private static Path directory(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ConfigException("dataDirectory " + directory + " cannot be created (" + e.getClass().getSimpleName() + "): point dataDirectory at a writable place", e);
    }
  }
}
