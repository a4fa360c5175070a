package dev.stockbridge.examples.runner;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.Position;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.commercetools.CatalogueVariant;
import dev.stockbridge.commercetools.CommercetoolsConfig;
import dev.stockbridge.commercetools.CommercetoolsConnector;
import dev.stockbridge.commercetools.LocationChannels;
import dev.stockbridge.commercetools.OrderBatch;
import dev.stockbridge.commercetools.OrderFeed;
import dev.stockbridge.demand.FileDemandStore;
import dev.stockbridge.engine.EngineHealth;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.engine.StockEngineBuilder;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.planner.PlannerClient;
import dev.stockbridge.planner.PlannerConfig;
import dev.stockbridge.planner.PlannerVariant;
import dev.stockbridge.planner.PurchaseOrder;
import dev.stockbridge.planner.Query;
import dev.stockbridge.planner.ReceiptTracker;
import dev.stockbridge.planner.SupplyReport;
import dev.stockbridge.planner.SupplySignals;
import dev.stockbridge.planner.WarehouseStock;
import dev.stockbridge.planner.feed.AdvancedFeeds;
import dev.stockbridge.planner.feed.BundleMode;
import dev.stockbridge.planner.feed.FeedDirectory;
import dev.stockbridge.planner.feed.FeedReport;
import dev.stockbridge.planner.feed.Product;
import dev.stockbridge.planner.feed.SftpUploader;
import dev.stockbridge.planner.feed.StarterFeeds;
import dev.stockbridge.planner.spi.ReceiptLedger;
import dev.stockbridge.planner.spi.ReceiptPolicy;
import dev.stockbridge.reconcile.CatalogueView;
import dev.stockbridge.reconcile.Differ;
import dev.stockbridge.reconcile.DiscrepancyKind;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.reconcile.LastWriter;
import dev.stockbridge.reconcile.PlannerItem;
import dev.stockbridge.reconcile.Reconciler;
import dev.stockbridge.reconcile.RunInput;
import dev.stockbridge.reconcile.RunResult;
import dev.stockbridge.reconcile.ShownStock;
import dev.stockbridge.reconcile.SourceStock;
import dev.stockbridge.reconcile.StockRows;
import dev.stockbridge.reconcile.alert.AlertSink;
import dev.stockbridge.reconcile.report.Reports;
import dev.stockbridge.reconcile.report.RunReport;
import dev.stockbridge.reconcile.report.WarehouseValue;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.state.InventoryState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The command-line runner for real platforms: syncs a commercetools project with Inventory Planner,
 * writes and uploads the planner feeds, and shows status, configured by a JSON file plus
 * environment variables for secrets. Every failure ends with one line on stderr saying what is
 * wrong and what to fix, and an exit code: 2 configuration, 3 authentication, 4 connectivity, 1
 * anything else.
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
          "  feeds publish     upload the Advanced sales-orders file over SFTP (feeds.sftp)",
          "  status            check both platforms and show journal, demand store and watermark",
          "",
          "options:",
          "  --config <file>   the configuration file (default: stockbridge.json)",
          "  --debug           print the stack trace of a failure",
          "  --help            print this help",
          "",
          "secrets come from the environment: " + Secrets.CT_CLIENT_SECRET + ", " + Secrets.IP_API_KEY
              + ", " + Secrets.SFTP_PASSWORD + " (feeds publish)");

  /** How long {@code sync --once} waits for the storefront writes. */
  private static final Duration DRAIN = Duration.ofSeconds(60);
  /** How many variants {@code feeds generate} reads the stock of at once. */
  private static final int STOCK_PAGE = 500;
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
   * @return the exit code: 0 success, 1 failure, 2 configuration, 3 authentication, 4 connectivity
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
      Platforms platforms = new Platforms(Settings.load(file), file.getParent(), secrets);
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
        if ("generate".equals(arguments.subcommand())) {
          generateFeeds(platforms);
        } else {
          publishFeeds(platforms);
        }
      }
      case "reconcile" -> reconcile(platforms);
      default -> throw new IllegalStateException("unparsed command " + arguments.command());
    }
  }

  private void status(Platforms platforms) {
    Path data = platforms.dataDirectory();
    out.println("journal        " + journalFacts(data.resolve("journal")));
    out.println("demand store   " + demandFacts(data.resolve("demand.store")));
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

  private static String journalFacts(Path directory) {
    if (!Files.exists(directory.resolve(FileJournal.FILE_NAME))) {
      return directory + ": empty (no sync has run)";
    }
    try (FileJournal journal = FileJournal.open(directory)) {
      Map<StockKey, Long> applied = new HashMap<>();
      List<Movement> movements = new ArrayList<>();
      journal.replay(new MovementJournal.Visitor() {
        @Override
        public void accepted(Movement movement) {
          movements.add(movement);
        }

        @Override
        public void applied(StockKey key, long sequence) {
          applied.merge(key, sequence, Math::max);
        }
      });
      long pending = movements.stream().filter(m -> m.sequence() > applied.getOrDefault(m.key(), 0L)).count();
      return directory + ": " + movements.size() + " movements, " + pending + " not marked applied (the next sync checks them against the storefront)";
    } catch (StockbridgeException e) {
      return directory + ": unavailable (" + e.getMessage() + ")";
    }
  }

  private static String demandFacts(Path file) {
    if (!Files.exists(file)) {
      return file + ": empty (no sync has run)";
    }
    try (FileDemandStore store = FileDemandStore.open(file)) {
      return file + ": " + store.size() + " demand lines";
    } catch (StockbridgeException e) {
      return file + ": unavailable (" + e.getMessage() + ")";
    }
  }

  private void sync(Platforms platforms, boolean once) throws InterruptedException {
    CommercetoolsConfig ctConfig = platforms.commercetools();
    PlannerClient planner = PlannerClient.create(platforms.planner());
    CatalogueMapping mapping = platforms.mapping();
    StockEngineBuilder engineBuilder = platforms.engine();
    Path data = platforms.dataDirectory();
    try (CommercetoolsConnector ct = CommercetoolsConnector.connect(ctConfig)) {
      OrderFeed feed = orderFeed(ct, mapping);
      // One cheap call to each platform before anything local opens: bad credentials and
      // unreachable hosts fail here, in one line.
      feed.watermark();
      planner.warehouses();
      directory(data);
      AtomicInteger unmapped = new AtomicInteger();
      SupplySignals signals = SupplySignals.create(mapping, signal -> unmapped.incrementAndGet(), Clock.systemDefaultZone());
      ExceptionTracker exceptions = exceptionTracker(data);
      Path ledger = data.resolve("receipts.ledger");
      // A new ledger only takes note of what the planner has received so far: that stock is on the
      // storefront already, and only what arrives from now on is a receipt.
      boolean baseline = !Files.exists(ledger);
      ReceiptTracker receipts = ReceiptTracker.create(mapping, receiptPolicy(platforms.settings().planner()),
          ReceiptLedger.file(ledger), signal -> unmapped.incrementAndGet());
      try (FileJournal journal = FileJournal.open(data.resolve("journal"));
          FileDemandStore demand = FileDemandStore.open(data.resolve("demand.store"));
          StockEngine engine =
              engineBuilder.storefront(ct.storefrontStock(LocationChannels.from(mapping))).journal(journal)
                  .exceptionStore(failure -> {
                    // Logged as by default, and kept with its movements for after a restart.
                    LoggerFactory.getLogger(ExceptionStore.class).warn("{}", failure);
                    exceptions.raise(failure);
                  })
                  .retry(Duration.ofMillis(50), Duration.ofSeconds(30), once ? 5 : -1).build()) {
        engine.start();
        while (true) {
          try {
            cycle(feed, planner, signals, receipts, baseline, engine, demand, unmapped);
            baseline = false;
          } catch (StockbridgeException e) {
            Failures.Failure failure = Failures.describe(e, platforms.endpoints());
            if (once || failure.exitCode() != Failures.CONNECTIVITY) {
              throw e;
            }
            out.println(secrets.redact(failure.message()) + "; retrying in " + CYCLE.toSeconds() + " s");
          }
          if (once) {
            finish(engine, data);
            return;
          }
          Thread.sleep(CYCLE.toMillis());
        }
      }
    }
  }

  private static ReceiptPolicy receiptPolicy(Settings.Planner planner) {
    return Settings.Planner.SELLABLE.equals(planner.receipts()) ? ReceiptPolicy.sellableOnReceipt() : ReceiptPolicy.inspectEverything();
  }

  private void cycle(OrderFeed feed, PlannerClient planner, SupplySignals signals, ReceiptTracker receipts, boolean baseline,
      StockEngine engine, FileDemandStore demand, AtomicInteger unmapped) {
    OrderBatch batch = feed.poll();
    long movements = 0;
    for (OrderEvent event : batch.events()) {
      movements += engine.submit(event).accepted();
    }
    demand.put(batch.demand());
    feed.commit(batch);
    // Read once: the orders feed both the supply signals and the receipts.
    List<PurchaseOrder> orders;
    try (Stream<PurchaseOrder> listing = planner.purchaseOrders(Query.all())) {
      orders = listing.toList();
    }
    SupplyReport report;
    try (Stream<PlannerVariant> variants = planner.variants(Query.all())) {
      report = signals.read(variants, orders.stream());
    }
    report.supply().forEach(engine::setSupply);
    long received = 0;
    for (PurchaseOrder order : orders) {
      received += receipts.receive(order, baseline ? noted -> { } : engine::submit).size();
    }
    out.println("sync: " + batch.events().size() + " order events (" + movements + " movements), " + batch.demand().size()
        + " demand lines, " + report.supply().size() + " supply updates, "
        + (baseline ? received + " received lines noted as the receipts baseline" : received + " receipts") + ", "
        + unmapped.getAndSet(0) + " unmapped planner values");
  }

  private void finish(StockEngine engine, Path data) throws InterruptedException {
    boolean drained = engine.drain(DRAIN);
    EngineHealth health = engine.health();
    out.println("engine: " + health.applied() + " movements applied, " + health.failed() + " failed, " + health.storefrontCalls() + " storefront calls, "
        + health.conflicts() + " conflicts");
    if (!drained) {
      throw new StockbridgeException("movements still waiting after " + DRAIN.toSeconds() + " s: they stay in the journal and the next sync applies them");
    }
    if (health.failed() > 0) {
      throw new StockbridgeException(health.failed() + " movements failed for good and went to the exception log: see the WARN lines above and "
          + data.resolve("exceptions.json"));
    }
  }

  /**
   * Compares what the planner counts as in stock with what the storefront shows, and the two
   * catalogues with the mapping; writes the HTML, JSON and CSV reports.
   */
  private void reconcile(Platforms platforms) {
    CatalogueMapping mapping = platforms.mapping();
    PlannerClient planner = PlannerClient.create(platforms.planner());
    Instant now = Instant.now();
    List<PlannerItem> items = new ArrayList<>();
    List<SourceStock> counted = new ArrayList<>();
    try (Stream<PlannerVariant> variants = planner.variants(Query.all())) {
      variants.filter(variant -> !variant.removed()).forEach(variant -> {
        for (WarehouseStock block : variant.warehouses()) {
          items.add(new PlannerItem(variant.id(), block.warehouse(), block.inStock().orElse(0),
              Math.max(0, block.purchaseOrdersQty().orElse(0)), block.leadTime(), variant.costPrice()));
          if (mapping.sku(variant.id()).isMapped() && mapping.location(block.warehouse()).isMapped() && block.inStock().isPresent()) {
            StockKey key = new StockKey(mapping.sku(variant.id()).orElseThrow(), mapping.location(block.warehouse()).orElseThrow());
            // The planner's in_stock is available stock (it may be negative after oversell).
            counted.add(SourceStock.of(Position.empty(key).plus(InventoryState.AVAILABLE, Math.max(0, block.inStock().getAsLong())), now));
          }
        }
      });
    }
    try (CommercetoolsConnector ct = CommercetoolsConnector.connect(platforms.commercetools())) {
      Set<Sku> storefrontSkus = ct.catalogue().skus();
      List<ShownStock> shown =
          ct.storefrontStockWithRetries(LocationChannels.from(mapping)).read(counted.stream().map(SourceStock::key).toList()).values().stream()
              .map(entry -> ShownStock.of(entry, now, LastWriter.UNKNOWN))
              .toList();
      Path reports = directory(platforms.dataDirectory().resolve("reports"));
      Path html = reports.resolve("reconciliation.html");
      Reconciler reconciler =
          Reconciler.builder()
              .differ(Differ.builder().bundles(platforms.bundles())
                  .progress((keys, found) -> out.println("reconcile: " + keys + " positions compared, " + found + " discrepancies so far"), 10_000)
                  .build())
              .tracker(exceptionTracker(directory(platforms.dataDirectory())))
              .alerts(AlertSink.slf4j())
              .reportLink(runId -> html.toUri())
              .build();
      RunResult result =
          reconciler.run(new RunInput(Optional.of(new CatalogueView(storefrontSkus, items, mapping)),
              StockRows.unsorted(counted.iterator()), StockRows.unsorted(shown.iterator())));
      RunReport report = new RunReport(result, List.of(), List.of(), WarehouseValue.of(items));
      write(html, writer -> Reports.html(report, writer));
      write(reports.resolve("reconciliation.json"), writer -> Reports.json(report, writer));
      write(reports.resolve("reconciliation.csv"), writer -> Reports.csv(report, writer));
      Map<DiscrepancyKind, Long> byKind = new java.util.TreeMap<>();
      result.discrepancies().forEach(d -> byKind.merge(d.kind(), 1L, Long::sum));
      out.println("reconcile: " + counted.size() + " planner positions against the storefront, " + result.discrepancies().size()
          + " discrepancies " + byKind + "; report " + html);
    }
  }

  /** The exceptions both commands keep, so a restart neither forgets nor re-alerts them. */
  private static ExceptionTracker exceptionTracker(Path data) {
    return ExceptionTracker.file(data.resolve("exceptions.json"), Clock.systemUTC());
  }

  private static void write(Path file, java.util.function.Consumer<java.io.Writer> content) {
    try (java.io.Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      content.accept(writer);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private void generateFeeds(Platforms platforms) {
    Settings.Feeds feeds = feedsSection(platforms);
    CatalogueMapping mapping = platforms.mapping();
    WarehouseId warehouse = WarehouseId.of(feeds.warehouse());
    List<Location> locations = mapping.warehouses().entrySet().stream().filter(e -> e.getValue().equals(warehouse)).map(Map.Entry::getKey).toList();
    if (locations.isEmpty()) {
      throw new ConfigException("feeds.warehouse " + warehouse.value() + " has no location in the locations mapping: map a location to it, or correct feeds.warehouse");
    }
    StarterFeeds starter = StarterFeeds.builder(mapping, warehouse).bundles(platforms.bundles(), BundleMode.COMPONENTS).build();
    FeedDirectory directory = FeedDirectory.of(platforms.dataDirectory().resolve("feeds"));
    try (CommercetoolsConnector ct = CommercetoolsConnector.connect(platforms.commercetools())) {
      StorefrontStock stock = ct.storefrontStockWithRetries(LocationChannels.from(mapping));
      List<Sku> unpriced = new ArrayList<>();
      FeedReport report = directory.publish(StarterFeeds.PRODUCTS, out -> starter.writeProducts(
          rows -> products(ct, stock, locations, unpriced, rows), out));
      out.println("feeds: wrote " + directory.path().resolve(StarterFeeds.PRODUCTS) + " (" + report.rowsWritten() + " rows from "
          + (report.rowsRead() + unpriced.size()) + " catalogue variants" + (unpriced.isEmpty() ? "" : "; skipped " + unpriced.size()
          + " without a price: " + unpriced.stream().limit(5).map(Sku::value).collect(Collectors.joining(", ")) + (unpriced.size() > 5 ? ", …" : "")) + ")");
    }
    try (FileDemandStore demand = FileDemandStore.open(directory(platforms.dataDirectory()).resolve("demand.store"))) {
      FeedReport report = directory.publish(StarterFeeds.SALES_ORDERS, out -> starter.writeSalesOrders(demand::forEach, out));
      out.println("feeds: wrote " + directory.path().resolve(StarterFeeds.SALES_ORDERS) + " (" + describe(report) + ")");
    }
  }

  /**
   * Streams the priced catalogue variants as products, a page at a time, each with the storefront's
   * available quantity summed over the feed warehouse's locations (0 without an entry); variants
   * without a price go to {@code unpriced} instead, since the planner needs one.
   */
  private static void products(CommercetoolsConnector ct, StorefrontStock stock, List<Location> locations, List<Sku> unpriced,
      Consumer<Product> rows) {
    List<CatalogueVariant> page = new ArrayList<>(STOCK_PAGE);
    Runnable flush = () -> {
      List<StockKey> keys = page.stream().flatMap(v -> locations.stream().map(location -> new StockKey(v.sku(), location))).toList();
      Map<Sku, Long> available = new HashMap<>();
      stock.read(keys).values().forEach(entry -> available.merge(entry.key().sku(), entry.availableQuantity(), Long::sum));
      for (CatalogueVariant variant : page) {
        rows.accept(Product.of(variant.sku(), variant.title(), variant.price().orElseThrow(), variant.createdAt(), available.getOrDefault(variant.sku(), 0L)));
      }
      page.clear();
    };
    ct.catalogue().variants(variant -> {
      if (variant.price().isEmpty()) {
        unpriced.add(variant.sku());
        return;
      }
      page.add(variant);
      if (page.size() == STOCK_PAGE) {
        flush.run();
      }
    });
    flush.run();
  }

  private void publishFeeds(Platforms platforms) {
    Settings.Feeds feeds = feedsSection(platforms);
    Settings.Sftp sftp = feeds.sftp();
    if (sftp == null) {
      throw new ConfigException("feeds.sftp is missing: feeds publish uploads the Advanced sales-orders file over SFTP; set feeds.sftp.host, user and knownHosts");
    }
    String password = secrets.require(Secrets.SFTP_PASSWORD, "the SFTP login's password");
    AdvancedFeeds advanced = AdvancedFeeds.builder(platforms.mapping()).bundles(platforms.bundles(), BundleMode.COMPONENTS).build();
    Path data = directory(platforms.dataDirectory());
    Path watermarkFile = directory(data.resolve("feeds")).resolve("advanced-sales-orders.watermark");
    Instant since = readWatermark(watermarkFile);
    String fileName = "sales-orders-" + Instant.now().toEpochMilli() + ".csv";
    SftpUploader.Builder builder = SftpUploader.builder(sftp.host(), sftp.port(), sftp.user(), platforms.path(sftp.knownHosts())).password(password);
    if (sftp.remoteDirectory() != null) {
      builder.remoteDirectory(sftp.remoteDirectory());
    }
    try (FileDemandStore demand = FileDemandStore.open(data.resolve("demand.store"));
        SftpUploader uploader = builder.build()) {
      AtomicReference<Instant> newest = new AtomicReference<>(since);
      FeedReport report =
          uploader.upload(fileName, out -> advanced.writeSalesOrders(consumer -> demand.forEachUpdatedSince(since, line -> {
            newest.accumulateAndGet(line.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
            consumer.accept(line);
          }), out));
      writeWatermark(watermarkFile, newest.get());
      out.println("feeds: uploaded " + fileName + " to " + sftp.host() + " (" + describe(report) + ")");
    }
  }

  private static Settings.Feeds feedsSection(Platforms platforms) {
    if (platforms.settings().feeds() == null) {
      throw new ConfigException("feeds is missing: set feeds.warehouse (the planner warehouse the feed is for) in the config file");
    }
    return platforms.settings().feeds();
  }

  private static String describe(FeedReport report) {
    return report.rowsWritten() + " rows from " + report.rowsRead() + " demand lines"
        + (report.complete() ? "" : "; held back, unmapped: " + report.problems());
  }

  private static OrderFeed orderFeed(CommercetoolsConnector ct, CatalogueMapping mapping) {
    return ct.orderFeed().locations(LocationChannels.from(mapping)).build();
  }

  private static Instant readWatermark(Path file) {
    try {
      return Files.exists(file) ? Instant.parse(Files.readString(file).strip()) : Instant.EPOCH;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeWatermark(Path file, Instant watermark) {
    try {
      Files.writeString(file, watermark.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StockbridgeException("could not write the feed watermark " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path directory(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ConfigException("dataDirectory " + directory + " cannot be created (" + e.getClass().getSimpleName() + "): point dataDirectory at a writable place", e);
    }
  }

  /** The parsed command line. */
  record Arguments(Path config, boolean debug, boolean help, boolean once, String command, String subcommand) {

    static Arguments parse(String[] args) {
      Path config = Path.of("stockbridge.json");
      boolean debug = false;
      boolean help = false;
      boolean once = false;
      List<String> words = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--config" -> {
            if (i + 1 >= args.length) {
              throw new UsageException("--config needs a file: --config stockbridge.json");
            }
            config = Path.of(args[++i]);
          }
          case "--debug" -> debug = true;
          case "--help", "-h" -> help = true;
          case "--once" -> once = true;
          default -> {
            if (args[i].startsWith("-")) {
              throw new UsageException("unknown option " + args[i] + ": run with --help");
            }
            words.add(args[i]);
          }
        }
      }
      if (help) {
        return new Arguments(config, debug, true, once, "", null);
      }
      if (words.isEmpty()) {
        throw new UsageException("no command given: use sync, reconcile, feeds generate, feeds publish or status (--help for more)");
      }
      String command = words.get(0);
      if (!List.of("sync", "reconcile", "feeds", "status").contains(command)) {
        throw new UsageException("unknown command " + command + ": use sync, reconcile, feeds generate, feeds publish or status (--help for more)");
      }
      String sub = words.size() > 1 ? words.get(1) : null;
      if ("feeds".equals(command) && !"generate".equals(sub) && !"publish".equals(sub)) {
        throw new UsageException("feeds needs generate or publish: feeds generate");
      }
      if (words.size() > ("feeds".equals(command) ? 2 : 1)) {
        throw new UsageException("unexpected argument " + words.get(words.size() - 1) + ": run with --help");
      }
      if (once && !"sync".equals(command)) {
        throw new UsageException("--once applies to sync only");
      }
      return new Arguments(config, debug, false, once, command, sub);
    }
  }
}
