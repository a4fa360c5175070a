package dev.stockbridge.planner.feed;

import dev.stockbridge.Checks;
import dev.stockbridge.Location;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.flow.FeedInput;
import dev.stockbridge.flow.FeedProduct;
import dev.stockbridge.flow.FeedPublication;
import dev.stockbridge.flow.FeedPublisher;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.reconcile.AlertSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Advanced connection as a {@link FeedPublisher} for {@link dev.stockbridge.flow.FeedFlow}: one
 * {@link AdvancedSync} run per publish (the full set the first time, then what changed), with the
 * mapping's warehouses, one vendor every variant is linked to, the priced catalogue (every run: the
 * catalogue says when a variant was created, not when it changed), each variant's available stock
 * per mapped location (a snapshot) and the demand lines updated since the sync's watermark. With a
 * schedule, it first alerts when the planner's last deadline passed without an upload. Not
 * thread-safe: one thread publishes.
 */
public final class AdvancedPublisher implements FeedPublisher {

  private final AdvancedSync sync;
  private final CatalogueMapping mapping;
  private final FeedVendor vendor;
  private final Instant configured;
  private final AdvancedSchedule schedule;
  private final AlertSink alerts;

  private AdvancedPublisher(Builder b) {
    this.sync = b.sync;
    this.mapping = b.mapping;
    this.vendor = b.vendor;
    this.configured = b.vendor.updatedAt();
    this.schedule = b.schedule;
    this.alerts = b.alerts;
  }

  /**
   * Starts configuring.
   *
   * @param sync the Advanced sync, with its transport (e.g. {@link SftpUploader}) and state
   * @param mapping the catalogue mapping: its locations are the warehouses and the stock's keys
   * @param vendor the vendor every variant is linked to; its {@code updatedAt} stamps the
   *     warehouse rows too (when the configuration last changed)
   * @return a builder
   * @throws dev.stockbridge.InvalidValueException if an argument is null
   */
  public static Builder builder(AdvancedSync sync, CatalogueMapping mapping, FeedVendor vendor) {
    return new Builder(sync, mapping, vendor);
  }

  @Override
  public Set<Location> locations() {
    return Set.copyOf(mapping.warehouses().keySet());
  }

  @Override
  public FeedPublication publish(FeedInput input) {
    // Before the first upload ever there is nothing to be late with: this run is the first.
    Optional<Instant> last = sync.lastUpload();
    if (schedule != null) {
      last.flatMap(at -> schedule.late(input.at(), last)).ifPresent(alerts::send);
    }
    AdvancedSync.Result result = sync.run(new Source(input));
    List<FeedPublication.PublishedFile> files = result.files().stream()
        .map(file -> file.report().published(file.subdirectory() + "/" + file.fileName())).toList();
    return new FeedPublication(files, (result.initial() ? "initial full set, " : "") + files.size() + " files in run " + result.run());
  }

  /** One run's rows; the products are read once and kept for the run's four files. */
  private final class Source implements AdvancedSource {

    private final FeedInput input;
    private List<FeedProduct> products;

    Source(FeedInput input) {
      this.input = input;
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
      rows.accept(vendor);
    }

    @Override
    public void variants(Instant since, Consumer<FeedVariant> rows) {
      for (FeedProduct product : products()) {
        rows.accept(new FeedVariant(product.sku(), product.title(), Optional.empty(), product.sku().value(), product.price(), product.currency(),
            product.createdAt(), input.at(), false));
      }
    }

    @Override
    public void variantVendors(Instant since, Consumer<VariantVendor> rows) {
      for (FeedProduct product : products()) {
        Instant at = product.createdAt().isAfter(configured) ? product.createdAt() : configured;
        rows.accept(new VariantVendor(product.sku(), vendor.vendorId(), Optional.empty(), vendor.currency(), Optional.empty(), OptionalLong.empty(), false, at));
      }
    }

    @Override
    public void stock(Instant since, Consumer<VariantStock> rows) {
      for (FeedProduct product : products()) {
        for (Location location : mapping.warehouses().keySet()) {
          rows.accept(VariantStock.of(product.sku(), location, product.available().getOrDefault(location, 0L), false, input.at()));
        }
      }
    }

    @Override
    public void demand(Instant since, Consumer<DemandLine> rows) {
      input.demandUpdatedSince(since, rows);
    }

    private List<FeedProduct> products() {
      if (products == null) {
        List<FeedProduct> read = new ArrayList<>();
        input.products(read::add);
        products = read;
      }
      return products;
    }
  }

  /** Configures an {@link AdvancedPublisher}; not thread-safe. */
  public static final class Builder {
    private final AdvancedSync sync;
    private final CatalogueMapping mapping;
    private final FeedVendor vendor;
    private AdvancedSchedule schedule;
    private AlertSink alerts;

    private Builder(AdvancedSync sync, CatalogueMapping mapping, FeedVendor vendor) {
      this.sync = Checks.notNull("sync", sync);
      this.mapping = Checks.notNull("mapping", mapping);
      this.vendor = Checks.notNull("vendor", vendor);
    }

    /**
     * Alerts when the planner's last deadline passed without an upload, checked before each one.
     *
     * @param schedule the planner account's nightly import
     * @param alerts where the alert goes (wrap a sink in {@link AlertSink#guarded} so a failing
     *     sink never stops an upload)
     * @return this builder
     */
    public Builder lateAlerts(AdvancedSchedule schedule, AlertSink alerts) {
      this.schedule = Checks.notNull("schedule", schedule);
      this.alerts = Checks.notNull("alerts", alerts);
      return this;
    }

    /**
     * Builds it.
     *
     * @return the publisher
     */
    public AdvancedPublisher build() {
      return new AdvancedPublisher(this);
    }
  }
}
