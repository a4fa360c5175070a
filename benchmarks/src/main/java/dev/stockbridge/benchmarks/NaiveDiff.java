package dev.stockbridge.benchmarks;

import dev.stockbridge.StockKey;
import dev.stockbridge.reconcile.Cause;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.DiscrepancyKind;
import dev.stockbridge.reconcile.Owner;
import dev.stockbridge.reconcile.ShownStock;
import dev.stockbridge.reconcile.SourceStock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The baseline: what one would write first. Both sides into a {@code HashMap} of records, the
 * union of their keys, then a stream that compares each key and keeps the discrepancies. Finds the
 * same discrepancies as the differ with exact tolerance and nothing in flight.
 */
final class NaiveDiff {

  private NaiveDiff() {}

  static List<Discrepancy> diff(SourceStock[] sourceRows, ShownStock[] shownRows) {
    Map<StockKey, SourceStock> source =
        Arrays.stream(sourceRows).collect(Collectors.toMap(SourceStock::key, Function.identity()));
    Map<StockKey, ShownStock> shown =
        Arrays.stream(shownRows).collect(Collectors.toMap(ShownStock::key, Function.identity()));
    Set<StockKey> keys = new HashSet<>(source.keySet());
    keys.addAll(shown.keySet());
    return keys.stream()
        .map(key -> compare(key, source.get(key), shown.get(key)))
        .filter(Objects::nonNull)
        .toList();
  }

  private static Discrepancy compare(StockKey key, SourceStock s, ShownStock w) {
    if (w == null) {
      return new Discrepancy(DiscrepancyKind.MISSING_IN_STOREFRONT, key.toString(), Optional.of(key),
          OptionalLong.of(s.expected()), OptionalLong.empty(), -s.expected(), List.of(), Cause.NOT_IN_STOREFRONT,
          Owner.ECOMMERCE, "the source holds " + s.expected() + " of " + key + " but the storefront has no entry");
    }
    if (s == null) {
      return new Discrepancy(DiscrepancyKind.MISSING_IN_PLANNER, key.toString(), Optional.of(key),
          OptionalLong.empty(), OptionalLong.of(w.quantity()), w.quantity(), List.of(), Cause.NOT_IN_PLANNER,
          Owner.OPS, "the storefront shows " + w.quantity() + " of " + key + " but the source has no row");
    }
    long residual = w.quantity() - s.expected();
    if (residual == 0) {
      return null;
    }
    return new Discrepancy(DiscrepancyKind.QUANTITY_MISMATCH, key.toString(), Optional.of(key),
        OptionalLong.of(s.expected()), OptionalLong.of(w.quantity()), residual, List.of(), Cause.MISSED_EVENT,
        Owner.OPS, "the storefront shows " + w.quantity() + " of " + key + ", the source expects " + s.expected()
            + ": residual " + (residual > 0 ? "+" : "") + residual);
  }
}
