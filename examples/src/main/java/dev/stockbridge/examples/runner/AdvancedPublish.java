package dev.stockbridge.examples.runner;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.commercetools.CatalogueVariant;
import dev.stockbridge.commercetools.CommercetoolsConnector;
import dev.stockbridge.commercetools.LocationChannels;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.demand.DemandStore;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.planner.feed.AdvancedFeeds;
import dev.stockbridge.planner.feed.AdvancedSchedule;
import dev.stockbridge.planner.feed.AdvancedSource;
import dev.stockbridge.planner.feed.AdvancedSync;
import dev.stockbridge.planner.feed.BundleMode;
import dev.stockbridge.planner.feed.FeedProblem;
import dev.stockbridge.planner.feed.FeedReport;
import dev.stockbridge.planner.feed.FeedVariant;
import dev.stockbridge.planner.feed.FeedVendor;
import dev.stockbridge.planner.feed.FeedWarehouse;
import dev.stockbridge.planner.feed.SftpUploader;
import dev.stockbridge.planner.feed.VariantStock;
import dev.stockbridge.planner.feed.VariantVendor;
import dev.stockbridge.reconcile.AlertSink;
import dev.stockbridge.spi.StorefrontStock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code feeds publish}: one {@link AdvancedSync} to the configured SFTP server. The first run
 * sends the full set, later runs what changed: warehouses from the mapping, the configured
 * vendor, the commercetools catalogue's priced variants (all of them every run: the catalogue
 * says when a variant was created, not when it changed) each linked to the vendor, their
 * available stock per mapped location (a snapshot, every run) and the demand store's lines updated
 * since. Before uploading it checks whether the planner's last deadline was missed and alerts.
 */
final class AdvancedPublish {

  private static final int STOCK_PAGE = 500;

  private final Platforms platforms;
  private final Secrets secrets;
  private final PrintStream out;
  private final Clock clock;

  AdvancedPublish(Platforms platforms, Secrets secrets, PrintStream out, Clock clock) {
    this.platforms = platforms;
    this.secrets = secrets;
    this.out = out;
    this.clock = clock;
  }

  static BundleMode bundleMode(Settings.Feeds feeds) {
    return Settings.Feeds.EXPLODED.equals(feeds.bundles()) ? BundleMode.COMPONENTS : BundleMode.BUNDLES;
  }

  /** How long a scheduled upload waits after a network failure before trying again. */
  private static final java.time.Duration RETRY = java.time.Duration.ofMinutes(10);

  /**
   * Uploads every night in the window before the planner's deadline, until interrupted: starts an
   * hour before the deadline, retries network failures every 10 minutes until the deadline, and
   * alerts when the deadline passes without an upload. Other failures end the command.
   */
  void schedule(Settings.Feeds feeds) throws InterruptedException {
    AdvancedSchedule schedule = AdvancedSchedule.nightly(zone(feeds));
    while (true) {
      Instant now = clock.instant();
      Instant deadline = schedule.deadlineAfter(now);
      Instant start = schedule.nextRun(now);
      out.println("feeds: next upload at " + start.atZone(zone(feeds)) + ", due by " + deadline.atZone(zone(feeds)));
      sleepUntil(start);
      boolean uploaded = false;
      while (!uploaded && clock.instant().isBefore(deadline)) {
        try {
          run(feeds);
          uploaded = true;
        } catch (dev.stockbridge.StockbridgeException e) {
          Failures.Failure failure = Failures.describe(e, platforms.endpoints());
          if (failure.exitCode() != Failures.CONNECTIVITY) {
            throw e;
          }
          out.println(secrets.redact(failure.message()) + "; retrying in " + RETRY.toMinutes() + " min");
          Instant retry = clock.instant().plus(RETRY);
          sleepUntil(retry.isBefore(deadline) ? retry : deadline);
        }
      }
      if (!uploaded) {
        schedule.late(deadline.plusSeconds(1), Optional.empty()).ifPresent(alert -> {
          AlertSink.guarded(AlertSink.slf4j()).send(alert);
          out.println("feeds: ALERT " + alert.runId());
        });
      }
      sleepUntil(deadline); // then plan the next night
    }
  }

  private void sleepUntil(Instant at) throws InterruptedException {
    long millis = java.time.Duration.between(clock.instant(), at).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  void run(Settings.Feeds feeds) {
    Settings.Sftp sftp = feeds.sftp();
    if (sftp == null) {
      throw new ConfigException("feeds.sftp is missing: feeds publish uploads the Advanced files over SFTP; set feeds.sftp.host, user and knownHosts");
    }
    if (feeds.vendor() == null) {
      throw new ConfigException("feeds.vendor is missing: the Advanced connection needs at least one vendor; set feeds.vendor.id, name and currency");
    }
    AdvancedSchedule schedule = AdvancedSchedule.nightly(zone(feeds));
    String password = secrets.require(Secrets.SFTP_PASSWORD, "the SFTP login's password");
    CatalogueMapping mapping = platforms.mapping();
    AdvancedFeeds advanced = AdvancedFeeds.builder(mapping).bundles(platforms.bundles(), bundleMode(feeds)).build();
    Path data = platforms.dataDirectory();
    SftpUploader.Builder builder = SftpUploader.builder(sftp.host(), sftp.port(), sftp.user(), platforms.path(sftp.knownHosts())).password(password);
    if (sftp.remoteDirectory() != null) {
      builder.remoteDirectory(sftp.remoteDirectory());
    }
    try (Stores stores = Stores.open(platforms.settings().store(), directory(data), secrets);
        SftpUploader uploader = builder.build();
        CommercetoolsConnector ct = CommercetoolsConnector.connect(platforms.commercetools())) {
      DemandStore demand = stores.demand();
      AdvancedSync sync = AdvancedSync.builder(advanced, uploader::upload, data.resolve("feeds").resolve("advanced")).clock(clock).build();
      Instant now = clock.instant();
      // Before the first upload ever there is nothing to be late with: this run is the first.
      Optional<Instant> last = sync.lastUpload();
      last.flatMap(at -> schedule.late(now, last)).ifPresent(alert -> {
        AlertSink.guarded(AlertSink.slf4j()).send(alert);
        out.println("feeds: ALERT " + alert.runId());
      });
      AdvancedSync.Result result = sync.run(new Source(ct, mapping, demand, feeds.vendor(), now));
      for (AdvancedSync.Uploaded file : result.files()) {
        out.println("feeds: uploaded " + file.subdirectory() + "/" + file.fileName() + " to " + sftp.host() + " (" + describe(file.report()) + ")");
      }
      out.println("feeds: " + (result.initial() ? "initial full set, " : "") + result.files().size() + " files in run " + result.run()
          + "; the next must be up before " + schedule.deadlineAfter(clock.instant()).atZone(zone(feeds))
          + " (the planner imports an hour later)");
    }
  }

  private static ZoneId zone(Settings.Feeds feeds) {
    try {
      return feeds.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(feeds.timeZone());
    } catch (DateTimeException e) {
      throw new ConfigException("feeds.timeZone " + feeds.timeZone() + " is not a time zone: use a region id such as Europe/London", e);
    }
  }

  static String describe(FeedReport report) {
    return report.rowsWritten() + " rows from " + report.rowsRead() + " read" + held(report);
  }

  /**
   * The rows a feed held back, for one line: how many, and the first few unmapped values.
   *
   * @param report the feed's report
   * @return e.g. {@code "; held back 3 rows for want of a mapping: sku \"TEAPOT\" has no planner
   *     variant (2 rows), …"}, or empty when nothing was held back
   */
  static String held(FeedReport report) {
    if (report.complete()) {
      return "";
    }
    long rows = report.problems().stream().mapToLong(FeedProblem::rows).sum();
    String first = report.problems().stream().limit(3)
        .map(problem -> problem.reason() + " " + problem.key() + " (" + problem.rows() + " rows)")
        .collect(java.util.stream.Collectors.joining(", "));
    return "; held back " + rows + " rows for want of a mapping: " + first + (report.problems().size() > 3 ? ", …" : "");
  }

  private static Path directory(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ConfigException("dataDirectory " + directory + " cannot be created (" + e.getClass().getSimpleName() + "): point dataDirectory at a writable place", e);
    }
  }

  /** The runner's rows: mapping, configuration, commercetools and the demand store. */
  private final class Source implements AdvancedSource {

    private final CommercetoolsConnector ct;
    private final CatalogueMapping mapping;
    private final DemandStore demand;
    private final Settings.Vendor vendor;
    private final Instant now;
    private final Instant configured;
    private List<CatalogueVariant> priced;

    Source(CommercetoolsConnector ct, CatalogueMapping mapping, DemandStore demand, Settings.Vendor vendor, Instant now) {
      this.ct = ct;
      this.mapping = mapping;
      this.demand = demand;
      this.vendor = vendor;
      this.now = now;
      this.configured = modified(platforms.settings().mapping().json() != null
          ? platforms.path(platforms.settings().mapping().json()) : platforms.path(platforms.settings().mapping().locations()));
    }

    @Override
    public void warehouses(Instant since, Consumer<FeedWarehouse> rows) {
      Set<WarehouseId> seen = new HashSet<>();
      mapping.warehouses().forEach((location, warehouse) -> {
        if (seen.add(warehouse)) {
          rows.accept(new FeedWarehouse(location, location.key(), Optional.empty(), false, configured));
        }
      });
    }

    @Override
    public void vendors(Instant since, Consumer<FeedVendor> rows) {
      rows.accept(new FeedVendor(vendor.id(), vendor.name(), vendor.currency(), false, configured));
    }

    @Override
    public void variants(Instant since, Consumer<FeedVariant> rows) {
      for (CatalogueVariant variant : priced()) {
        rows.accept(new FeedVariant(variant.sku(), variant.title(), Optional.empty(), variant.sku().value(),
            variant.price().orElseThrow(), variant.currency().orElseThrow(), variant.createdAt(), now, false));
      }
    }

    @Override
    public void variantVendors(Instant since, Consumer<VariantVendor> rows) {
      for (CatalogueVariant variant : priced()) {
        Instant at = variant.createdAt().isAfter(configured) ? variant.createdAt() : configured;
        rows.accept(new VariantVendor(variant.sku(), vendor.id(), Optional.empty(), vendor.currency(), Optional.empty(),
            OptionalLong.empty(), false, at));
      }
    }

    @Override
    public void stock(Instant since, Consumer<VariantStock> rows) {
      StorefrontStock stock = ct.storefrontStock(LocationChannels.from(mapping));
      List<Location> locations = List.copyOf(mapping.warehouses().keySet());
      List<CatalogueVariant> variants = priced();
      for (int from = 0; from < variants.size(); from += STOCK_PAGE) {
        List<StockKey> keys = new ArrayList<>();
        for (CatalogueVariant variant : variants.subList(from, Math.min(variants.size(), from + STOCK_PAGE))) {
          locations.forEach(location -> keys.add(new StockKey(variant.sku(), location)));
        }
        Map<StockKey, Long> available = new HashMap<>();
        stock.read(keys).values().forEach(entry -> available.put(entry.key(), entry.availableQuantity()));
        for (StockKey key : keys) {
          rows.accept(VariantStock.of(key.sku(), key.location(), available.getOrDefault(key, 0L), false, now));
        }
      }
    }

    @Override
    public void demand(Instant since, Consumer<DemandLine> rows) {
      demand.forEachUpdatedSince(since, rows);
    }

    /** The priced variants, read once per run; unpriced ones cannot be sent (PRICE is required). */
    private List<CatalogueVariant> priced() {
      if (priced == null) {
        List<CatalogueVariant> read = new ArrayList<>();
        List<Sku> unpriced = new ArrayList<>();
        ct.catalogue().variants(variant -> {
          if (variant.price().isPresent()) {
            read.add(variant);
          } else {
            unpriced.add(variant.sku());
          }
        });
        if (!unpriced.isEmpty()) {
          out.println("feeds: skipped " + unpriced.size() + " variants without a price (the planner requires one): "
              + unpriced.stream().limit(5).map(Sku::value).toList());
        }
        priced = read;
      }
      return priced;
    }
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }
}
