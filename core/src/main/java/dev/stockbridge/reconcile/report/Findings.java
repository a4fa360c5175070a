package dev.stockbridge.reconcile.report;

import dev.stockbridge.Movement;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.DiscrepancyKind;
import dev.stockbridge.reconcile.Owner;
import dev.stockbridge.reconcile.RunResult;
import dev.stockbridge.reconcile.UnmappedWarehouse;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The views of one run that every report format shares, so HTML and JSON never disagree: counts by
 * kind and owner, the worst drifts, and the exceptions in the order people work through them.
 */
final class Findings {

  /** Worst first; ties in a stable order. */
  static final Comparator<Discrepancy> WORST_FIRST =
      Comparator.comparingLong(Discrepancy::drift).reversed().thenComparing(Discrepancy::dedupeKey);

  private final RunResult result;
  private final Map<DiscrepancyKind, Long> byKind = new EnumMap<>(DiscrepancyKind.class);
  private final Map<Owner, Long> byOwner = new EnumMap<>(Owner.class);

  Findings(RunResult result) {
    this.result = result;
    for (Discrepancy d : result.discrepancies()) {
      byKind.merge(d.kind(), 1L, Long::sum);
      byOwner.merge(d.owner(), 1L, Long::sum);
    }
  }

  RunResult result() {
    return result;
  }

  Map<DiscrepancyKind, Long> byKind() {
    return Collections.unmodifiableMap(byKind);
  }

  Map<Owner, Long> byOwner() {
    return Collections.unmodifiableMap(byOwner);
  }

  /** Only real drifts: a catalogue finding without quantities has nothing to rank. */
  List<Discrepancy> worstDrifts(int limit) {
    return result.discrepancies().stream().filter(d -> d.residual() != 0).sorted(WORST_FIRST).limit(limit).toList();
  }

  long drifts() {
    return result.discrepancies().stream().filter(d -> d.residual() != 0).count();
  }

  /** One owner's exceptions, worst first. */
  List<Discrepancy> ownedBy(Owner owner) {
    return result.discrepancies().stream().filter(d -> d.owner() == owner).sorted(WORST_FIRST).toList();
  }

  /** Every exception, worst first. */
  List<Discrepancy> worstFirst() {
    return result.discrepancies().stream().sorted(WORST_FIRST).toList();
  }

  long plannerRowsOutOfScope() {
    return result.outOfScope().stream().mapToLong(UnmappedWarehouse::plannerRows).sum();
  }

  /** The net quantity of the movements in flight that explain part of a discrepancy. */
  static long inFlight(Discrepancy d) {
    return d.inFlight().stream().mapToLong(Movement::quantity).sum();
  }
}
