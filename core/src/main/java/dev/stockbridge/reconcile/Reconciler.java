package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.Movement;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.engine.PeakWindow;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a reconciliation: diffs both views, corrects what the {@link CorrectionPolicy} allows
 * (never inside a peak window), tracks everything else in the {@link ExceptionTracker}, closes what
 * is no longer seen, and sends one grouped alert for what is new or reopened. A discrepancy that
 * persists from run to run is not alerted again.
 *
 * <p>Thread-safe if its parts are; runs should not overlap (the {@link ReconciliationScheduler}
 * never overlaps them).
 */
public final class Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Differ differ;
  private final ExceptionTracker tracker;
  private final AlertSink alerts;
  private final Corrections corrections;
  private final CorrectionPolicy policy;
  private final List<PeakWindow> peakWindows;
  private final Function<String, Optional<URI>> reportLink;
  private final Clock clock;
  private final AtomicLong runs = new AtomicLong();

  private Reconciler(Builder b) {
    this.differ = b.differ;
    this.tracker = b.tracker;
    this.alerts = AlertSink.guarded(b.alerts);
    this.corrections = b.corrections;
    this.policy = b.policy;
    this.peakWindows = List.copyOf(b.peakWindows);
    this.reportLink = b.reportLink;
    this.clock = b.clock;
  }

  /**
   * A builder; differ and tracker are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs one full reconciliation.
   *
   * @param input the views to compare
   * @return what the run found and did
   * @throws UnsortedInputException if a side declared sorted is not; nothing is tracked or resolved
   */
  public RunResult run(RunInput input) {
    Checks.notNull("input", input);
    Instant startedAt = clock.instant();
    String runId = RUN_ID.format(startedAt) + "-" + runs.incrementAndGet();
    List<Discrepancy> found = new ArrayList<>();
    input.catalogue().ifPresent(view -> differ.diffCatalogue(view, found::add));
    DiffStats stats = differ.diffStock(input.source(), input.shown(), found::add);

    boolean peak = peakWindows.stream().anyMatch(w -> w.contains(startedAt));
    List<Movement> fixes = new ArrayList<>();
    List<Discrepancy> forPeople = new ArrayList<>();
    for (Discrepancy d : found) {
      Optional<Movement> fix = peak ? Optional.empty() : policy.correction(d, runId);
      fix.ifPresentOrElse(fixes::add, () -> forPeople.add(d));
    }
    if (!fixes.isEmpty()) {
      try {
        corrections.submit(fixes);
      } catch (StockbridgeException e) {
        LOG.warn("run {}: {} corrections were not accepted, handing them to people: {}",
            runId, fixes.size(), e.getMessage());
        fixes.clear();
        forPeople.clear();
        forPeople.addAll(found);
      }
    }
    List<Discrepancy> alerting = new ArrayList<>();
    // One batch: a durable tracker saves the whole run at once instead of once per discrepancy.
    List<TrackedException> closed = tracker.batch(t -> {
      Set<String> seen = new HashSet<>();
      for (Discrepancy d : forPeople) {
        seen.add(d.dedupeKey());
        if (t.record(d) != ExceptionTracker.Sighting.REPEATED) {
          alerting.add(d);
        }
      }
      return t.autoResolve(seen);
    });
    Instant finishedAt = clock.instant();
    if (!alerting.isEmpty()) {
      alerts.send(Alert.of(runId, finishedAt, alerting, reportLink.apply(runId)));
    }
    LOG.info("run {}: {} keys, {} discrepancies, {} corrected, {} alerted, {} auto-resolved",
        runId, stats.keysCompared(), found.size(), fixes.size(), alerting.size(), closed.size());
    List<UnmappedWarehouse> outOfScope = input.catalogue().map(CatalogueView::outOfScope).orElse(List.of());
    return new RunResult(runId, startedAt, finishedAt, stats, found, fixes, alerting.size(), closed, outOfScope);
  }

  /** Configures a {@link Reconciler}. Not thread-safe. */
  public static final class Builder {
    private Differ differ;
    private ExceptionTracker tracker;
    private AlertSink alerts = AlertSink.slf4j();
    private Corrections corrections = movements -> {
      throw new StockbridgeException("no correction target configured");
    };
    private CorrectionPolicy policy = CorrectionPolicy.never();
    private List<PeakWindow> peakWindows = List.of();
    private Function<String, Optional<URI>> reportLink = runId -> Optional.empty();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the differ. Required.
     *
     * @param differ the differ
     * @return this builder
     */
    public Builder differ(Differ differ) {
      this.differ = Checks.notNull("differ", differ);
      return this;
    }

    /**
     * Sets the exception tracker. Required.
     *
     * @param tracker the tracker
     * @return this builder
     */
    public Builder tracker(ExceptionTracker tracker) {
      this.tracker = Checks.notNull("tracker", tracker);
      return this;
    }

    /**
     * Sets where grouped alerts go; SLF4J by default. Failures are logged, never fail a run.
     *
     * @param alerts the sink
     * @return this builder
     */
    public Builder alerts(AlertSink alerts) {
      this.alerts = Checks.notNull("alerts", alerts);
      return this;
    }

    /**
     * Sets the correction policy and where approved corrections go.
     *
     * @param policy what may be corrected
     * @param corrections where corrections go, e.g. {@code engine::submit}
     * @return this builder
     */
    public Builder corrections(CorrectionPolicy policy, Corrections corrections) {
      this.policy = Checks.notNull("policy", policy);
      this.corrections = Checks.notNull("corrections", corrections);
      return this;
    }

    /**
     * Sets the peak windows inside which nothing is corrected; take the engine's list.
     *
     * @param windows the peak windows
     * @return this builder
     */
    public Builder peakWindows(List<PeakWindow> windows) {
      this.peakWindows = List.copyOf(Checks.notNull("windows", windows));
      return this;
    }

    /**
     * Sets where a run's report will be published, for alerts to point at.
     *
     * @param link the report's URI for a run id
     * @return this builder
     */
    public Builder reportLink(Function<String, URI> link) {
      Checks.notNull("link", link);
      this.reportLink = runId -> Optional.of(link.apply(runId));
      return this;
    }

    /**
     * Sets the clock that dates runs.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * Builds the reconciler.
     *
     * @return the reconciler
     * @throws dev.stockbridge.InvalidValueException if the differ or tracker is missing
     */
    public Reconciler build() {
      Checks.notNull("differ", differ);
      Checks.notNull("tracker", tracker);
      return new Reconciler(this);
    }
  }
}
