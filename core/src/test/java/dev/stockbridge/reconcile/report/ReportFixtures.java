package dev.stockbridge.reconcile.report;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.StockKey;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.reconcile.Cause;
import dev.stockbridge.reconcile.DiffStats;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.DiscrepancyKind;
import dev.stockbridge.reconcile.Owner;
import dev.stockbridge.reconcile.PlannerItem;
import dev.stockbridge.reconcile.RunResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** A realistic report, with a hostile SKU to prove escaping. */
final class ReportFixtures {

  static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");
  static final String HOSTILE = "<script>alert(\"x\")</script>&'";

  private ReportFixtures() {}

  static RunReport report() {
    StockKey mug = StockKey.of("MUG-BLUE", "london-dc");
    Movement sale = Movement.of(MovementKind.ORDER, mug.sku(), mug.location(), -2, "order 1001 line 1",
        IdempotencyKeys.orderLine("1001", "1"));
    List<Discrepancy> found = new ArrayList<>();
    found.add(new Discrepancy(DiscrepancyKind.QUANTITY_MISMATCH, mug.toString(), Optional.of(mug),
        OptionalLong.of(40), OptionalLong.of(47), 5, List.of(sale), Cause.MISSED_EVENT, Owner.OPS,
        "the storefront shows 47 of MUG-BLUE@london-dc, the source expects 40 after -2 in flight: residual +5"));
    StockKey hostile = StockKey.of(HOSTILE, "leeds");
    found.add(new Discrepancy(DiscrepancyKind.STATE_NOT_SELLABLE, hostile.toString(), Optional.of(hostile),
        OptionalLong.of(10), OptionalLong.of(14), 4, List.of(), Cause.STATE_NOT_SELLABLE_YET, Owner.OPS,
        "the source holds 4 in INSPECTION for " + HOSTILE));
    StockKey kit = StockKey.of("TEA-KIT", "london-dc");
    found.add(new Discrepancy(DiscrepancyKind.BUNDLE_DRIFT, kit.toString(), Optional.of(kit),
        OptionalLong.of(3), OptionalLong.of(9), 6, List.of(), Cause.BUNDLE_PARENT, Owner.ECOMMERCE,
        "bundle TEA-KIT@london-dc shows 9 but its components make 3"));
    found.add(Discrepancy.catalogue(DiscrepancyKind.UNMAPPED, "SPOON-01", Cause.UNMAPPED_SKU, Owner.ECOMMERCE,
        "storefront sku \"SPOON-01\" has no planner variant"));
    found.add(Discrepancy.catalogue(DiscrepancyKind.NEW_SKU_WITHOUT_PLANNING_DATA, "PLATE-9",
        Cause.MISSING_PLANNING_DATA, Owner.FINANCE, "published sku \"PLATE-9\" has no cost"));
    RunResult result = new RunResult("20261127T090000Z-3", AT, AT.plusSeconds(4),
        new DiffStats(120_000, found.size(), 17), found, List.of(), found.size(), List.of());
    List<RunSummary> history = List.of(
        new RunSummary("20261124T090000Z-1", AT.minus(Duration.ofDays(3)), 119_000,
            Map.of(DiscrepancyKind.QUANTITY_MISMATCH, 31L, DiscrepancyKind.UNMAPPED, 4L)),
        new RunSummary("20261125T090000Z-2", AT.minus(Duration.ofDays(2)), 119_500,
            Map.of(DiscrepancyKind.QUANTITY_MISMATCH, 12L, DiscrepancyKind.UNMAPPED, 2L)));
    List<FlowFreshness> flows = List.of(
        new FlowFreshness("orders → storefront", Optional.of(AT.minusSeconds(3)), Duration.ofSeconds(10)),
        new FlowFreshness("planner stock → reconciliation", Optional.of(AT.minus(Duration.ofHours(30))),
            Duration.ofHours(26)),
        new FlowFreshness("demand → planner (SFTP)", Optional.empty(), Duration.ofHours(24)));
    List<WarehouseValue> finance = WarehouseValue.of(List.of(
        new PlannerItem(VariantId.of("v1"), WarehouseId.of("LDN"), 40, 100, OptionalInt.of(14),
            Optional.of(new BigDecimal("3.20"))),
        new PlannerItem(VariantId.of("v2"), WarehouseId.of("LDN"), -3, 0, OptionalInt.of(14),
            Optional.of(new BigDecimal("10.00"))),
        new PlannerItem(VariantId.of("v3"), WarehouseId.of("LDS"), 12, 0, OptionalInt.empty(), Optional.empty())));
    return new RunReport(result, history, flows, finance);
  }
}
