package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.InventoryState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compares the storefront with the planner and the stock source, and explains each difference.
 *
 * <p>The stock view pairs a {@link SourceStock} with a {@link ShownStock} per (SKU, location). When
 * both sides arrive sorted by key, they are merged in one pass in constant memory; otherwise both
 * sides are held in memory and joined by key hash. A raw gap
 * within tolerance costs nothing more; a larger one is adjusted for the movements still in flight
 * ({@link InFlight}, and orders placed inside the storefront's consistency lag, which may or may not
 * show yet) and only a residual beyond tolerance becomes a {@link Discrepancy}, with its cause
 * inferred from the evidence: surplus held in a non-sellable state, the entry's last writer, a
 * stale source. The storefront side counts what it shows plus what it holds back (safety stock,
 * buffers: {@link ShownStock#sellable()}), so a holdback explains a gap, never a discrepancy. Each
 * entry is also checked on its own: its available quantity against its quantity on stock less its
 * open reservations (reservations stuck past their deadline are a finding, active ones explain the
 * gap), and {@code restockableInDays} where the {@link StorefrontPolicy} allows no backorders.
 * Bundles are checked against the min-rule over their components' storefront
 * quantities; memory for that grows with the bundles and their components, not with the view.
 *
 * <p>The catalogue view compares SKU sets: storefront variants, planner variants and the mapping.
 *
 * <p>Immutable and thread-safe; each call is independent. Build one with {@link #builder()}.
 */
public final class Differ {

  private final Tolerance tolerance;
  private final InFlight inFlight;
  private final RecentOrders recentOrders;
  private final Duration consistencyLag;
  private final Duration freshnessTarget;
  private final BundleCatalogue bundles;
  private final Set<Sku> components;
  private final Clock clock;
  private final ProgressListener progress;
  private final long progressEvery;
  private final EntryChecks entryChecks;

  private Differ(Builder b) {
    this.tolerance = b.tolerance;
    this.inFlight = b.inFlight;
    this.recentOrders = b.recentOrders;
    this.consistencyLag = b.consistencyLag;
    this.freshnessTarget = b.freshnessTarget;
    this.bundles = b.bundles;
    Set<Sku> leaves = new HashSet<>();
    b.bundles.bundles().forEach(bundle -> leaves.addAll(b.bundles.components(bundle).keySet()));
    this.components = Set.copyOf(leaves);
    this.clock = b.clock;
    this.progress = b.progress;
    this.progressEvery = b.progressEvery;
    this.entryChecks = new EntryChecks(b.policy, b.reservationGrace, b.tolerance);
  }

  /**
   * A builder with exact tolerance, nothing in flight, a 10 s consistency lag, a 26 h freshness
   * target, no bundles, backorders allowed nowhere, reservations stuck 10 minutes past their
   * deadline and the system clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Diffs the stock view. Merges when both sides are sorted, hash-joins otherwise.
   *
   * @param source the expected side, at most one row per key
   * @param shown the storefront side, at most one row per key
   * @param out receives each discrepancy as it is found (bundle drifts last)
   * @return the totals
   * @throws UnsortedInputException if a side declared sorted is not
   * @throws InvalidValueException if an argument is null or the storefront side has two rows for
   *     one key in a hash join
   */
  public DiffStats diffStock(
      StockRows<SourceStock> source, StockRows<ShownStock> shown, Consumer<? super Discrepancy> out) {
    Checks.notNull("source", source);
    Checks.notNull("shown", shown);
    Run run = new Run(Checks.notNull("out", out));
    if (source.sorted() && shown.sorted()) {
      MergeJoin.join(source.rows(), shown.rows(), run::compare);
    } else {
      HashJoin.join(source.rows(), shown.rows(), run::compare);
    }
    run.checkBundles();
    DiffStats stats = new DiffStats(run.keys, run.found, run.explained, run.differing, run.held.result());
    progress.finished(stats);
    return stats;
  }

  /**
   * Diffs the catalogue view: unmapped SKUs and variants, SKUs missing on either side, and
   * published SKUs without planning data. Only the planner items {@linkplain CatalogueView#inScope()
   * in scope} take part: a variant stocked only in warehouses no location maps to is not unmapped.
   *
   * @param view the catalogue view
   * @param out receives each discrepancy, in subject order
   * @return how many were found
   * @throws InvalidValueException if an argument is null
   */
  public long diffCatalogue(CatalogueView view, Consumer<? super Discrepancy> out) {
    Checks.notNull("view", view);
    Checks.notNull("out", out);
    return CatalogueDiff.diff(view, out);
  }

  /** The state of one stock diff. */
  private final class Run {
    private final Consumer<? super Discrepancy> out;
    private final Instant now = clock.instant();
    private final Instant staleBefore = now.minus(freshnessTarget);
    private final Instant lagSince = now.minus(consistencyLag);
    private final boolean hasBundles = !bundles.bundles().isEmpty();
    private final List<ShownStock> bundleRows = new ArrayList<>();
    private final Map<StockKey, Long> componentShown = new HashMap<>();
    private final Set<StockKey> differingBundles = new HashSet<>();
    private final Holdings.Tally held = new Holdings.Tally();
    private long keys;
    private long found;
    private long explained;
    private long differing;
    private long untilProgress = progressEvery;

    Run(Consumer<? super Discrepancy> out) {
      this.out = out;
    }

    /** Compares one key and files it under exactly one outcome: agrees, explained or differing. */
    void compare(SourceStock s, ShownStock w) {
      keys++;
      if (--untilProgress == 0) {
        untilProgress = progressEvery;
        progress.progress(keys, found);
      }
      long before = found;
      if (w != null) {
        entryChecks.check(w, now, this::emit);
        held.add(w);
      }
      if (hasBundles && bundleSide(s, w)) {
        if (found > before) {
          differing++;
          differingBundles.add(w.key());
        }
        return; // its drift is checked by checkBundles
      }
      boolean wasExplained = compareRow(s, w);
      if (found > before) {
        differing++;
      } else if (wasExplained) {
        explained++;
      }
    }

    /** Emits what is wrong with one key; true if in-flight movements explained its gap. */
    private boolean compareRow(SourceStock s, ShownStock w) {
      if (w == null) {
        emit(new Discrepancy(
            DiscrepancyKind.MISSING_IN_STOREFRONT, s.key().toString(), Optional.of(s.key()),
            OptionalLong.of(s.expected()), OptionalLong.empty(), -s.expected(), List.of(),
            Cause.NOT_IN_STOREFRONT, Owner.ECOMMERCE,
            "the source holds " + s.expected() + " of " + s.key() + " but the storefront has no entry"));
        return false;
      }
      if (s == null) {
        emit(new Discrepancy(
            DiscrepancyKind.MISSING_IN_PLANNER, w.key().toString(), Optional.of(w.key()),
            OptionalLong.empty(), OptionalLong.of(w.quantity()), w.quantity(), List.of(),
            Cause.NOT_IN_PLANNER, Owner.OPS,
            "the storefront shows " + w.quantity() + " of " + w.key() + " but the source has no row"));
        return false;
      }
      boolean stale = s.asOf().isBefore(staleBefore);
      if (stale) {
        emit(new Discrepancy(
            DiscrepancyKind.STALE, s.key().toString(), Optional.of(s.key()),
            OptionalLong.of(s.expected()), OptionalLong.of(w.sellable()), 0, List.of(),
            Cause.STALE_FEED, Owner.OPS,
            "the source position of " + s.key() + " is from " + s.asOf() + ", older than "
                + freshnessTarget));
      }
      long gap = w.sellable() - s.expected();
      return !tolerance.allows(gap, s.expected()) && explain(s, w, stale);
    }

    /** Handles bundle and component rows; true if the row is a bundle's and needs nothing more. */
    private boolean bundleSide(SourceStock s, ShownStock w) {
      Sku sku = (s != null ? s.key() : w.key()).sku();
      if (bundles.isBundle(sku)) {
        if (w != null) {
          bundleRows.add(w);
        }
        return true;
      }
      if (w != null && components.contains(sku)) {
        componentShown.put(w.key(), w.quantity());
      }
      return false;
    }

    /** Accounts for in-flight movements; true if they explain the gap, else emits the residual. */
    private boolean explain(SourceStock s, ShownStock w, boolean stale) {
      StockKey key = s.key();
      List<Movement> unapplied = inFlight.unapplied(key);
      List<PlacedOrder> lagging = recentOrders.placedSince(key, lagSince);
      long sure = 0;
      for (Movement m : unapplied) {
        sure += m.quantity();
      }
      long lag = 0;
      for (PlacedOrder o : lagging) {
        lag += o.movement().quantity();
      }
      // A lagging order may or may not show yet: the storefront's eventual value lies in a range.
      long low = w.sellable() + sure + Math.min(0, lag);
      long high = w.sellable() + sure + Math.max(0, lag);
      long expected = s.expected();
      long residual = expected < low ? low - expected : expected > high ? high - expected : 0;
      if (tolerance.allows(residual, expected)) {
        return true;
      }
      List<Movement> moving = new ArrayList<>(unapplied);
      lagging.forEach(o -> moving.add(o.movement()));
      String inFlightText = moving.isEmpty() ? "" : " after " + (sure + lag) + " in flight";
      String shows = "the storefront shows " + w.quantity() + (w.heldBack() > 0 ? " (+" + w.heldBack() + " held back)" : "")
          + " of " + key;
      String states = residual > 0 ? nonSellableMatch(s, residual) : "";
      if (!states.isEmpty()) {
        emit(new Discrepancy(
            DiscrepancyKind.STATE_NOT_SELLABLE, key.toString(), Optional.of(key),
            OptionalLong.of(expected), OptionalLong.of(w.sellable()), residual, moving,
            Cause.STATE_NOT_SELLABLE_YET, Owner.OPS,
            shows + ", " + residual
                + " more than the " + expected + " sellable" + inFlightText + "; the source holds "
                + states));
        return false;
      }
      Cause cause = stale ? Cause.STALE_FEED : switch (w.lastWriter()) {
        case OTHER -> Cause.MANUAL_EDIT;
        case STOCKBRIDGE -> Cause.MISSED_EVENT;
        case UNKNOWN -> Cause.UNKNOWN;
      };
      emit(new Discrepancy(
          DiscrepancyKind.QUANTITY_MISMATCH, key.toString(), Optional.of(key),
          OptionalLong.of(expected), OptionalLong.of(w.sellable()), residual, moving, cause,
          Owner.OPS,
          shows + ", the source expects " + expected
              + inFlightText + ": residual " + (residual > 0 ? "+" : "") + residual));
      return false;
    }

    /** Non-sellable states whose quantity, alone or together, accounts for the surplus. */
    private String nonSellableMatch(SourceStock s, long surplus) {
      long total = 0;
      List<String> held = new ArrayList<>();
      String single = "";
      for (Map.Entry<InventoryState, Long> e : s.position().quantities().entrySet()) {
        if (!e.getKey().sellable() && e.getKey().onHand()) {
          total += e.getValue();
          held.add(e.getValue() + " in " + e.getKey());
          if (single.isEmpty() && tolerance.allows(e.getValue() - surplus, s.expected())) {
            single = e.getValue() + " in " + e.getKey();
          }
        }
      }
      if (!single.isEmpty()) {
        return single;
      }
      return total > 0 && tolerance.allows(total - surplus, s.expected()) ? String.join(" and ", held) : "";
    }

    void checkBundles() {
      bundleRows.sort(Comparator.comparing(ShownStock::key));
      for (ShownStock w : bundleRows) {
        long expected = bundles.availableToSell(
            w.key().sku(), c -> componentShown.getOrDefault(new StockKey(c, w.key().location()), 0L));
        long gap = w.quantity() - expected;
        if (!tolerance.allows(gap, expected)) {
          if (!differingBundles.contains(w.key())) {
            differing++;
          }
          emit(new Discrepancy(
              DiscrepancyKind.BUNDLE_DRIFT, w.key().toString(), Optional.of(w.key()),
              OptionalLong.of(expected), OptionalLong.of(w.quantity()), gap, List.of(),
              Cause.BUNDLE_PARENT, Owner.ECOMMERCE,
              "bundle " + w.key() + " shows " + w.quantity() + " but its components make "
                  + expected));
        }
      }
    }

    private void emit(Discrepancy d) {
      found++;
      out.accept(d);
    }
  }

  /** Configures a {@link Differ}. Not thread-safe; {@link #build()} copies what it needs. */
  public static final class Builder {
    private Tolerance tolerance = Tolerance.EXACT;
    private InFlight inFlight = InFlight.none();
    private RecentOrders recentOrders = RecentOrders.none();
    private Duration consistencyLag = Duration.ofSeconds(10);
    private Duration freshnessTarget = Duration.ofHours(26);
    private BundleCatalogue bundles = BundleCatalogue.empty();
    private Clock clock = Clock.systemUTC();
    private ProgressListener progress = ProgressListener.none();
    private long progressEvery = 100_000;
    private StorefrontPolicy policy = StorefrontPolicy.showAll();
    private Duration reservationGrace = Duration.ofMinutes(10);

    private Builder() {}

    /**
     * Sets the storefront policy the engine writes under: an entry with {@code restockableInDays}
     * where it allows no backorders is a {@link DiscrepancyKind#BACKORDERS_WITHOUT_POLICY}.
     *
     * @param policy the policy; by default backorders are allowed nowhere
     * @return this builder
     * @throws InvalidValueException if null
     */
    public Builder policy(StorefrontPolicy policy) {
      this.policy = Checks.notNull("policy", policy);
      return this;
    }

    /**
     * Sets how long past its deadline an open reservation may stay before it is {@link
     * DiscrepancyKind#RESERVATION_STUCK} (commercetools expires reservations a few minutes late).
     *
     * @param grace the grace, 10 minutes by default
     * @return this builder
     * @throws InvalidValueException if null or negative
     */
    public Builder reservationGrace(Duration grace) {
      this.reservationGrace = Checks.notNegative("reservationGrace", grace);
      return this;
    }

    /**
     * Sets the gap tolerated between the sides.
     *
     * @param tolerance the tolerance
     * @return this builder
     * @throws InvalidValueException if null
     */
    public Builder tolerance(Tolerance tolerance) {
      this.tolerance = Checks.notNull("tolerance", tolerance);
      return this;
    }

    /**
     * Sets the view of accepted movements the storefront does not show yet.
     *
     * @param inFlight the view
     * @return this builder
     * @throws InvalidValueException if null
     */
    public Builder inFlight(InFlight inFlight) {
      this.inFlight = Checks.notNull("inFlight", inFlight);
      return this;
    }

    /**
     * Sets where recent orders come from, and the storefront's consistency lag: orders placed
     * within the lag before the diff count as in flight.
     *
     * @param orders the recent orders
     * @param lag the lag, e.g. 10 s for commercetools order-caused changes
     * @return this builder
     * @throws InvalidValueException if null or the lag is negative
     */
    public Builder recentOrders(RecentOrders orders, Duration lag) {
      this.recentOrders = Checks.notNull("recentOrders", orders);
      if (Checks.notNull("lag", lag).isNegative()) {
        throw new InvalidValueException("lag", lag, "must not be negative");
      }
      this.consistencyLag = lag;
      return this;
    }

    /**
     * Sets how old a source position may be before it is {@link DiscrepancyKind#STALE}.
     *
     * @param target the freshness target
     * @return this builder
     * @throws InvalidValueException if null, zero or negative
     */
    public Builder freshnessTarget(Duration target) {
      if (Checks.notNull("freshnessTarget", target).isNegative() || target.isZero()) {
        throw new InvalidValueException("freshnessTarget", target, "must be positive");
      }
      this.freshnessTarget = target;
      return this;
    }

    /**
     * Sets the bundles whose entries are checked against their components.
     *
     * @param bundles the bundle catalogue
     * @return this builder
     * @throws InvalidValueException if null
     */
    public Builder bundles(BundleCatalogue bundles) {
      this.bundles = Checks.notNull("bundles", bundles);
      return this;
    }

    /**
     * Sets the clock that dates the diff.
     *
     * @param clock the clock
     * @return this builder
     * @throws InvalidValueException if null
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * Sets the progress listener and how often it hears.
     *
     * @param listener the listener
     * @param everyKeys report every this many keys
     * @return this builder
     * @throws InvalidValueException if null or not positive
     */
    public Builder progress(ProgressListener listener, long everyKeys) {
      this.progress = Checks.notNull("progress", listener);
      if (everyKeys <= 0) {
        throw new InvalidValueException("everyKeys", everyKeys, "must be positive");
      }
      this.progressEvery = everyKeys;
      return this;
    }

    /**
     * Builds the differ.
     *
     * @return the differ
     */
    public Differ build() {
      return new Differ(this);
    }
  }
}
