package dev.stockbridge.examples.runner;

import dev.stockbridge.Sku;
import dev.stockbridge.commercetools.CommercetoolsConnector;
import dev.stockbridge.commercetools.LocationChannels;
import dev.stockbridge.flow.FeedCycle;
import dev.stockbridge.flow.FeedFlow;
import dev.stockbridge.flow.FeedPublication.PublishedFile;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.planner.feed.AdvancedFeeds;
import dev.stockbridge.planner.feed.AdvancedPublisher;
import dev.stockbridge.planner.feed.AdvancedSchedule;
import dev.stockbridge.planner.feed.AdvancedSync;
import dev.stockbridge.planner.feed.BundleMode;
import dev.stockbridge.planner.feed.FeedVendor;
import dev.stockbridge.planner.feed.NightlyUploads;
import dev.stockbridge.planner.feed.SftpUploader;
import dev.stockbridge.reconcile.Alert;
import dev.stockbridge.reconcile.AlertSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * {@code feeds publish}: the core {@link FeedFlow} with the planner connector's {@link
 * AdvancedPublisher} on the configured SFTP server (the full set the first time, then what
 * changed; an alert first if the planner's last deadline was missed), and the nightly schedule
 * around it. This class only wires the configuration and prints.
 */
final class AdvancedPublish {

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
   * Uploads every night in the window before the planner's deadline, until interrupted, through
   * the planner connector's {@link NightlyUploads}: network failures are retried every 10 minutes
   * until the deadline, a missed deadline alerts, other failures end the command.
   */
  void schedule(Settings.Feeds feeds) throws InterruptedException {
    ZoneId zone = zone(feeds);
    NightlyUploads nightly = new NightlyUploads(AdvancedSchedule.nightly(zone), clock, NightlyUploads.threadSleeper(clock), RETRY,
        e -> Failures.describe(e, platforms.endpoints()).exitCode() == Failures.CONNECTIVITY, AlertSink.slf4j());
    nightly.run(() -> run(feeds), new NightlyUploads.Listener() {
      @Override
      public void planned(Instant start, Instant deadline) {
        out.println("feeds: next upload at " + start.atZone(zone) + ", due by " + deadline.atZone(zone));
      }

      @Override
      public void retrying(RuntimeException failure, Instant again) {
        out.println(secrets.redact(Failures.describe(failure, platforms.endpoints()).message()) + "; retrying in " + RETRY.toMinutes() + " min");
      }

      @Override
      public void late(Alert alert) {
        out.println("feeds: ALERT " + alert.runId());
      }
    });
  }

  FeedCycle run(Settings.Feeds feeds) {
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
    Settings.Vendor vendor = feeds.vendor();
    // The vendor and warehouse rows change when the configuration does: stamped with the mapping file's time.
    Instant configured = modified(platforms.settings().mapping().json() != null
        ? platforms.path(platforms.settings().mapping().json()) : platforms.path(platforms.settings().mapping().locations()));
    AlertSink alerts = AlertSink.guarded(alert -> {
      AlertSink.slf4j().send(alert);
      out.println("feeds: ALERT " + alert.runId());
    });
    try (Stores stores = Stores.open(platforms.settings().store(), directory(data), secrets);
        SftpUploader uploader = builder.build();
        CommercetoolsConnector ct = CommercetoolsConnector.connect(platforms.commercetools())) {
      AdvancedSync sync = AdvancedSync.builder(advanced, uploader::upload, data.resolve("feeds").resolve("advanced")).clock(clock).build();
      AdvancedPublisher publisher = AdvancedPublisher.builder(sync, mapping, new FeedVendor(vendor.id(), vendor.name(), vendor.currency(), false, configured))
          .lateAlerts(schedule, alerts).build();
      FeedCycle run = new FeedFlow(ct.catalogueSource(), ct.storefrontStockWithRetries(LocationChannels.from(mapping)), stores.demand(), publisher, clock).runOnce();
      if (!run.unpriced().isEmpty()) {
        out.println("feeds: skipped " + run.unpriced().size() + " variants without a price (the planner requires one): "
            + run.unpriced().stream().limit(5).map(Sku::value).toList());
      }
      for (PublishedFile file : run.publication().files()) {
        out.println("feeds: uploaded " + file.name() + " to " + sftp.host() + " (" + describe(file) + ")");
      }
      out.println("feeds: " + run.publication().note() + "; the next must be up before " + schedule.deadlineAfter(clock.instant()).atZone(zone(feeds))
          + " (the planner imports an hour later)");
      return run;
    }
  }

  private static ZoneId zone(Settings.Feeds feeds) {
    try {
      return feeds.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(feeds.timeZone());
    } catch (DateTimeException e) {
      throw new ConfigException("feeds.timeZone " + feeds.timeZone() + " is not a time zone: use a region id such as Europe/London", e);
    }
  }

  static String describe(PublishedFile file) {
    return file.rowsWritten() + " rows from " + file.rowsRead() + " read" + held(file);
  }

  /**
   * The rows a feed held back, for one line: how many, and the first few unmapped values.
   *
   * @param file the published file
   * @return e.g. {@code "; held back 3 rows for want of a mapping: UNKNOWN_SKU TEAPOT (2 rows), …"},
   *     or empty when nothing was held back
   */
  static String held(PublishedFile file) {
    if (file.held().isEmpty()) {
      return "";
    }
    return "; held back " + file.rowsHeld() + " rows for want of a mapping: " + String.join(", ", file.held().stream().limit(3).toList())
        + (file.held().size() > 3 ? ", …" : "");
  }

  private static Path directory(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ConfigException("dataDirectory " + directory + " cannot be created (" + e.getClass().getSimpleName() + "): point dataDirectory at a writable place", e);
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
