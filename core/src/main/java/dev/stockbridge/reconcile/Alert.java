package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One grouped alert for a reconciliation run: how many new discrepancies of each kind and owner,
 * the worst few as samples, and where the full report is. A thousand mismatches make one alert.
 *
 * @param runId the run that found them
 * @param raisedAt when the run finished
 * @param total how many new or reopened discrepancies the run found
 * @param byKind the count per kind, kinds without any omitted
 * @param byOwner the count per owner, owners without any omitted
 * @param samples the worst discrepancies, largest drift first
 * @param report where the full report is, if published
 */
public record Alert(
    String runId,
    Instant raisedAt,
    long total,
    Map<DiscrepancyKind, Long> byKind,
    Map<Owner, Long> byOwner,
    List<Discrepancy> samples,
    Optional<URI> report) {

  /** How many samples {@link #of} keeps. */
  public static final int SAMPLES = 5;

  /**
   * Validates and copies.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null or the total is negative
   */
  public Alert {
    Checks.token("runId", runId, 256);
    Checks.notNull("raisedAt", raisedAt);
    Checks.nonNegative("total", total);
    byKind = Collections.unmodifiableMap(new EnumMap<>(enumMap(DiscrepancyKind.class, byKind)));
    byOwner = Collections.unmodifiableMap(new EnumMap<>(enumMap(Owner.class, byOwner)));
    samples = List.copyOf(Checks.notNull("samples", samples));
    Checks.notNull("report", report);
  }

  /**
   * Groups discrepancies into one alert.
   *
   * @param runId the run
   * @param raisedAt when
   * @param discrepancies the new or reopened discrepancies
   * @param report where the full report is, if published
   * @return the alert
   * @throws dev.stockbridge.InvalidValueException if a part is null
   */
  public static Alert of(
      String runId, Instant raisedAt, List<Discrepancy> discrepancies, Optional<URI> report) {
    Map<DiscrepancyKind, Long> kinds = new EnumMap<>(DiscrepancyKind.class);
    Map<Owner, Long> owners = new EnumMap<>(Owner.class);
    for (Discrepancy d : Checks.notNull("discrepancies", discrepancies)) {
      kinds.merge(d.kind(), 1L, Long::sum);
      owners.merge(d.owner(), 1L, Long::sum);
    }
    List<Discrepancy> worst = discrepancies.stream()
        .sorted(Comparator.comparingLong(Discrepancy::drift).reversed()
            .thenComparing(Discrepancy::dedupeKey))
        .limit(SAMPLES)
        .toList();
    return new Alert(runId, raisedAt, discrepancies.size(), kinds, owners, worst, report);
  }

  /**
   * A one-line summary, e.g. {@code "Stock reconciliation run r1: 3 new discrepancies (2
   * QUANTITY_MISMATCH, 1 UNMAPPED)"}.
   *
   * @return the summary
   */
  public String summary() {
    StringBuilder text = new StringBuilder("Stock reconciliation run ").append(runId).append(": ")
        .append(total).append(total == 1 ? " new discrepancy" : " new discrepancies");
    if (!byKind.isEmpty()) {
      text.append(" (");
      String sep = "";
      for (Map.Entry<DiscrepancyKind, Long> e : byKind.entrySet()) {
        text.append(sep).append(e.getValue()).append(' ').append(e.getKey());
        sep = ", ";
      }
      text.append(')');
    }
    return text.toString();
  }

  private static <K extends Enum<K>> Map<K, Long> enumMap(Class<K> type, Map<K, Long> map) {
    Map<K, Long> copy = new EnumMap<>(type);
    copy.putAll(Checks.notNull("counts", map));
    return copy;
  }
}
