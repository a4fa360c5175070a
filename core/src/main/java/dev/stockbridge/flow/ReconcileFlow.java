package dev.stockbridge.flow;

import dev.stockbridge.Checks;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.reconcile.CatalogueView;
import dev.stockbridge.reconcile.LastWriter;
import dev.stockbridge.reconcile.Reconciler;
import dev.stockbridge.reconcile.Reservation;
import dev.stockbridge.reconcile.ReservationSource;
import dev.stockbridge.reconcile.Reservations;
import dev.stockbridge.reconcile.RunInput;
import dev.stockbridge.reconcile.RunResult;
import dev.stockbridge.reconcile.ShownStock;
import dev.stockbridge.reconcile.SourceStock;
import dev.stockbridge.reconcile.StockRows;
import dev.stockbridge.reconcile.report.FlowFreshness;
import dev.stockbridge.reconcile.report.Reports;
import dev.stockbridge.reconcile.report.RunReport;
import dev.stockbridge.reconcile.report.WarehouseValue;
import dev.stockbridge.spi.StorefrontStock;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reconciliation: the counted stock (from a {@link StockCountSource}) against what the storefront
 * shows, and the planner catalogue against the storefront's, through a {@link Reconciler} (which
 * keeps the exceptions and alerts); then the HTML, JSON and CSV reports into a directory. Run it on
 * a schedule ({@link dev.stockbridge.reconcile.ReconciliationScheduler}) or on demand. Not
 * thread-safe: one thread runs it.
 */
public final class ReconcileFlow {

  private final StockCountSource stock;
  private final Supplier<Set<Sku>> storefrontSkus;
  private final StorefrontStock storefront;
  private final CatalogueMapping mapping;
  private final Reconciler reconciler;
  private final Path reports;
  private final ZoneId zone;
  private final Supplier<List<FlowFreshness>> freshness;
  private final Clock clock;
  private final ReservationSource reservations;

  private ReconcileFlow(Builder b) {
    this.stock = Checks.notNull("stock", b.stock);
    this.storefrontSkus = Checks.notNull("storefrontSkus", b.storefrontSkus);
    this.storefront = Checks.notNull("storefront", b.storefront);
    this.mapping = Checks.notNull("mapping", b.mapping);
    this.reconciler = Checks.notNull("reconciler", b.reconciler);
    this.reports = Checks.notNull("reports", b.reports);
    this.zone = b.zone;
    this.freshness = b.freshness;
    this.clock = b.clock;
    this.reservations = b.reservations;
  }

  /**
   * Starts configuring.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reconciles once and writes the reports.
   *
   * @return the run and where its report is
   * @throws StockbridgeException if a platform cannot be read or a report cannot be written
   */
  public ReconcileCycle runOnce() {
    Instant now = clock.instant();
    StockCount count = stock.read();
    CatalogueView catalogue = new CatalogueView(storefrontSkus.get(), count.items(), mapping);
    List<StockKey> keys = count.counted().stream().map(SourceStock::key).toList();
    List<ShownStock> shown = storefront.read(keys).values().stream()
        .map(entry -> ShownStock.of(entry, now, LastWriter.UNKNOWN))
        .toList();
    if (reservations.known()) {
      // Open reservations tell active ones (they explain available < on stock) from stuck ones.
      Map<StockKey, List<Reservation>> open = reservations.open(keys);
      shown = shown.stream().map(row -> row.withReservations(Reservations.of(open.getOrDefault(row.key(), List.of())))).toList();
    }
    RunResult result = reconciler.run(new RunInput(java.util.Optional.of(catalogue),
        StockRows.unsorted(count.counted().iterator()), StockRows.unsorted(shown.iterator())));
    RunReport report = new RunReport(result, List.of(), freshness.get(), WarehouseValue.of(catalogue.inScope()), zone);
    Path html = reports.resolve("reconciliation.html");
    write(html, writer -> Reports.html(report, writer));
    write(reports.resolve("reconciliation.json"), writer -> Reports.json(report, writer));
    write(reports.resolve("reconciliation.csv"), writer -> Reports.csv(report, writer));
    return new ReconcileCycle(result, count.counted().size(), html);
  }

  private static void write(Path file, Consumer<Writer> content) {
    try {
      Files.createDirectories(file.getParent());
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        content.accept(writer);
      }
    } catch (IOException e) {
      throw new StockbridgeException("cannot write the report " + file + " (" + e.getMessage() + ")", e);
    }
  }

  /** Configures a {@link ReconcileFlow}; not thread-safe. */
  public static final class Builder {
    private StockCountSource stock;
    private Supplier<Set<Sku>> storefrontSkus;
    private StorefrontStock storefront;
    private CatalogueMapping mapping;
    private Reconciler reconciler;
    private Path reports;
    private ZoneId zone = ZoneOffset.UTC;
    private Supplier<List<FlowFreshness>> freshness = List::of;
    private Clock clock = Clock.systemUTC();
    private ReservationSource reservations = ReservationSource.none();

    private Builder() {}

    /** Where the storefront's open reservations come from (default: none read, so a gap between on stock and available is taken for active reservations). @param source the source @return this builder */
    public Builder reservations(ReservationSource source) {
      this.reservations = Checks.notNull("reservations", source);
      return this;
    }

    /** Where the counted stock comes from. @param stock the source @return this builder */
    public Builder stock(StockCountSource stock) {
      this.stock = Checks.notNull("stock", stock);
      return this;
    }

    /** Every SKU the storefront publishes, read at each run. @param skus the supplier @return this builder */
    public Builder storefrontSkus(Supplier<Set<Sku>> skus) {
      this.storefrontSkus = Checks.notNull("storefrontSkus", skus);
      return this;
    }

    /** What the storefront shows. @param storefront the storefront @return this builder */
    public Builder storefront(StorefrontStock storefront) {
      this.storefront = Checks.notNull("storefront", storefront);
      return this;
    }

    /** The mapping between the catalogues. @param mapping the mapping @return this builder */
    public Builder mapping(CatalogueMapping mapping) {
      this.mapping = Checks.notNull("mapping", mapping);
      return this;
    }

    /** The reconciler (differ, exception tracker, alerts). @param reconciler the reconciler @return this builder */
    public Builder reconciler(Reconciler reconciler) {
      this.reconciler = Checks.notNull("reconciler", reconciler);
      return this;
    }

    /** Where the reports go, and the zone their times are in (default UTC). @param directory the directory @param zone the zone @return this builder */
    public Builder reports(Path directory, ZoneId zone) {
      this.reports = Checks.notNull("reports", directory);
      this.zone = Checks.notNull("zone", zone);
      return this;
    }

    /** The flows' freshness to show in the report (default: none). @param freshness the supplier @return this builder */
    public Builder freshness(Supplier<List<FlowFreshness>> freshness) {
      this.freshness = Checks.notNull("freshness", freshness);
      return this;
    }

    /** The clock (default: the system's). @param clock the clock @return this builder */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /** Builds the flow. @return the flow */
    public ReconcileFlow build() {
      return new ReconcileFlow(this);
    }
  }
}
