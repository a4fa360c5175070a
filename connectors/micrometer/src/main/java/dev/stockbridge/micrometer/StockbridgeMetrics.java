package dev.stockbridge.micrometer;

import dev.stockbridge.Checks;
import dev.stockbridge.engine.EngineHealth;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.reconcile.TrackedException;
import dev.stockbridge.runtime.FlowStatus;
import dev.stockbridge.runtime.Stockbridge;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Stockbridge's meters on a Micrometer registry. Everything is read from the running {@link
 * Stockbridge} when the registry is scraped (lane depth and oldest wait, movements by outcome,
 * storefront calls, conflicts and retries, each flow's age since its last success and its failures);
 * the open exceptions by kind and owner are refreshed by {@link #refreshExceptions()}, which the host
 * calls after each cycle (listing them reads the exception store). Meter names:
 *
 * <ul>
 *   <li>{@code stockbridge.lane.waiting{lane}}, {@code stockbridge.lane.oldest.wait{lane}} (seconds)
 *   <li>{@code stockbridge.movements{outcome=accepted|duplicate|applied|failed}} (counter)
 *   <li>{@code stockbridge.storefront.calls}, {@code stockbridge.storefront.conflicts}, {@code
 *       stockbridge.storefront.retries} (counters)
 *   <li>{@code stockbridge.flow.since.success{flow}} (seconds; NaN before the first success), {@code
 *       stockbridge.flow.failures{flow}} (counter)
 *   <li>{@code stockbridge.exceptions.open{kind,owner}}
 * </ul>
 *
 * Thread-safe: meters read immutable snapshots.
 */
public final class StockbridgeMetrics {

  private final Stockbridge stockbridge;
  private final Supplier<List<TrackedException>> openExceptions;
  private final MultiGauge exceptions;

  private StockbridgeMetrics(MeterRegistry registry, Stockbridge stockbridge, Supplier<List<TrackedException>> openExceptions, Clock clock) {
    this.stockbridge = stockbridge;
    this.openExceptions = openExceptions;
    for (Lane lane : Lane.values()) {
      Tags tags = Tags.of("lane", lane.name().toLowerCase(java.util.Locale.ROOT));
      Gauge.builder("stockbridge.lane.waiting", this, m -> m.lane(lane).map(l -> (double) l.waitingKeys()).orElse(0.0))
          .tags(tags).description("keys waiting in the lane").strongReference(true).register(registry);
      Gauge.builder("stockbridge.lane.oldest.wait", this, m -> m.lane(lane).map(l -> l.oldestWait().toNanos() / 1e9).orElse(0.0))
          .tags(tags).baseUnit("seconds").description("how long the lane's oldest key has waited").strongReference(true).register(registry);
    }
    counter(registry, "stockbridge.movements", Tags.of("outcome", "accepted"), h -> h.accepted(), "movements accepted into the journal");
    counter(registry, "stockbridge.movements", Tags.of("outcome", "duplicate"), h -> h.duplicates(), "movements ignored as seen before");
    counter(registry, "stockbridge.movements", Tags.of("outcome", "applied"), h -> h.applied(), "movements applied to the storefront");
    counter(registry, "stockbridge.movements", Tags.of("outcome", "failed"), h -> h.failed(), "movements raised as exceptions");
    counter(registry, "stockbridge.storefront.calls", Tags.empty(), h -> h.storefrontCalls(), "requests sent to the storefront");
    counter(registry, "stockbridge.storefront.conflicts", Tags.empty(), h -> h.conflicts(), "updates refused for a stale version");
    counter(registry, "stockbridge.storefront.retries", Tags.empty(), h -> h.retries(), "attempts retried");
    for (String flow : List.of("orders", "supply", "inspections")) {
      Tags tags = Tags.of("flow", flow);
      Gauge.builder("stockbridge.flow.since.success", this, m -> m.flow(flow).flatMap(FlowStatus::lastSuccess)
              .map(at -> Duration.between(at, clock.instant()).toMillis() / 1e3).orElse(Double.NaN))
          .tags(tags).baseUnit("seconds").description("time since the flow last succeeded").strongReference(true).register(registry);
      FunctionCounter.builder("stockbridge.flow.failures", this, m -> m.flow(flow).map(s -> (double) s.failures()).orElse(0.0))
          .tags(tags).description("runs of the flow that failed").register(registry);
    }
    this.exceptions = MultiGauge.builder("stockbridge.exceptions.open").description("open exceptions by kind and owner").register(registry);
  }

  /**
   * Binds the meters.
   *
   * @param registry the registry, e.g. a {@code PrometheusMeterRegistry}
   * @param stockbridge the running Stockbridge
   * @param openExceptions lists the open exceptions (e.g. {@code () -> tracker.list(EnumSet.of(OPEN))})
   * @param clock the clock for the flows' ages
   * @return the bound meters; call {@link #refreshExceptions()} after each cycle
   */
  public static StockbridgeMetrics bind(MeterRegistry registry, Stockbridge stockbridge, Supplier<List<TrackedException>> openExceptions, Clock clock) {
    StockbridgeMetrics metrics = new StockbridgeMetrics(Checks.notNull("registry", registry), Checks.notNull("stockbridge", stockbridge),
        Checks.notNull("openExceptions", openExceptions), Checks.notNull("clock", clock));
    metrics.refreshExceptions();
    return metrics;
  }

  /** Reads the open exceptions again and sets {@code stockbridge.exceptions.open} per kind and owner. */
  public void refreshExceptions() {
    Map<List<String>, Long> counts = openExceptions.get().stream()
        .collect(Collectors.groupingBy(e -> List.of(e.code(), e.owner().name().toLowerCase(java.util.Locale.ROOT)), Collectors.counting()));
    exceptions.register(counts.entrySet().stream()
        .map(entry -> MultiGauge.Row.of(Tags.of("kind", entry.getKey().get(0), "owner", entry.getKey().get(1)), entry.getValue()))
        .toList(), true);
  }

  private void counter(MeterRegistry registry, String name, Tags tags, ToDoubleFunction<EngineHealth> value, String description) {
    FunctionCounter.builder(name, this, m -> value.applyAsDouble(m.stockbridge.engine().health())).tags(tags).description(description).register(registry);
  }

  private Optional<EngineHealth.LaneHealth> lane(Lane lane) {
    return Optional.ofNullable(stockbridge.engine().health().lanes().get(lane));
  }

  private Optional<FlowStatus> flow(String flow) {
    return Optional.ofNullable(stockbridge.flows().get(flow));
  }
}
