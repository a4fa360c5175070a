package dev.stockbridge.reconcile.report;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Position;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.reconcile.CatalogueView;
import dev.stockbridge.reconcile.Differ;
import dev.stockbridge.reconcile.DiscrepancyKind;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.reconcile.LastWriter;
import dev.stockbridge.reconcile.PlannerItem;
import dev.stockbridge.reconcile.Reconciler;
import dev.stockbridge.reconcile.RunInput;
import dev.stockbridge.reconcile.RunResult;
import dev.stockbridge.reconcile.Reservation;
import dev.stockbridge.reconcile.Reservations;
import dev.stockbridge.reconcile.ShownStock;
import dev.stockbridge.reconcile.SourceStock;
import dev.stockbridge.reconcile.StockRows;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.InventoryState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A real reconciliation run of a London shop whose planner account also holds six other
 * warehouses, with every kind of discrepancy, a hostile SKU to prove escaping, a SKU the planner
 * holds at −3, movements in flight, and long hyphenated SKUs.
 */
final class ReportFixtures {

  static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final String HOSTILE = "<script>alert(\"x\")</script>&'";
  static final Location DC = Location.of("london-dc");
  static final WarehouseId LDN = WarehouseId.of("LDN");
  static final List<String> OTHER_WAREHOUSES = List.of("BER", "DUB", "MAD", "MIL", "PAR", "WAW");
  static final long OTHER_ROWS = 2_341;
  static final Movement MUG_SALE = Movement.of(MovementKind.ORDER, Sku.of("MUG-BLUE-350ML"), DC, -2,
      "order 1001 line 1", IdempotencyKeys.orderLine("1001", "1"));
  static final Movement GLASS_RECEIPT = Movement.of(MovementKind.RECEIPT, Sku.of("GLASS-TUMBLER-6PK"), DC, 6,
      "po 77", IdempotencyKeys.of(MovementKind.RECEIPT, "po-77"));

  static final String SPOON_WHY = "latency 1 (12 order units in 60 s × 900 ms of lag and p99), safety 1";

  private ReportFixtures() {}

  /** The run's result, every discrepancy kind among its findings. */
  static RunResult result() {
    MutableClock clock = new MutableClock(AT);
    BundleCatalogue bundles = BundleCatalogue.builder()
        .component(Sku.of("TEA-KIT"), Sku.of("TEA-LEAF-LOOSE"), 1)
        .component(Sku.of("TEA-KIT"), Sku.of("TEA-POT-CERAMIC"), 1)
        .build();
    CatalogueMapping.Builder mapping = CatalogueMapping.builder()
        .channel(SupplyChannel.of("web"), DC).warehouse(DC, LDN);
    List<String> mapped = List.of("MUG-BLUE-350ML", HOSTILE, "TEA-KIT", "TEA-LEAF-LOOSE", "TEA-POT-CERAMIC",
        "SCARF-WOOL-XL", "BOWL-STONE-LG", "CUP-RED-250ML", "PLATE-9", "GLASS-TUMBLER-6PK", "SPOON-SILVER-2");
    for (int i = 0; i < mapped.size(); i++) {
      mapping.sku(Sku.of(mapped.get(i)), VariantId.of("v" + i));
    }
    CatalogueMapping map = mapping.build();

    List<PlannerItem> planner = new ArrayList<>();
    for (String sku : mapped) {
      VariantId variant = map.variant(Sku.of(sku)).orElseThrow();
      if (sku.equals("CUP-RED-250ML")) {
        // Stocked only in Paris: the London shop's planner has no row for it.
        planner.add(item(variant, WarehouseId.of("PAR"), 30, Optional.of(new BigDecimal("1.00"))));
      } else {
        long inStock = sku.equals("BOWL-STONE-LG") ? -3 : 10;
        planner.add(item(variant, LDN, inStock, sku.equals("PLATE-9") ? Optional.empty() : Optional.of(new BigDecimal("2.50"))));
      }
    }
    planner.add(item(VariantId.of("v-fork"), LDN, 4, Optional.of(new BigDecimal("1.20"))));
    long rows = OTHER_ROWS - 1; // CUP-RED-250ML's Paris row counts among them
    for (int i = 0; i < rows; i++) {
      WarehouseId other = WarehouseId.of(OTHER_WAREHOUSES.get(i % OTHER_WAREHOUSES.size()));
      planner.add(item(VariantId.of("other-" + i), other, i % 9 - 2, Optional.empty()));
    }

    Set<Sku> storefront = new HashSet<>();
    mapped.stream().filter(s -> !s.equals("BOWL-STONE-LG")).forEach(s -> storefront.add(Sku.of(s)));
    storefront.add(Sku.of("SPOON-01"));

    List<SourceStock> source = new ArrayList<>();
    List<ShownStock> shown = new ArrayList<>();
    pair(source, shown, "MUG-BLUE-350ML", available(40), 47);
    pair(source, shown, HOSTILE, Map.of(InventoryState.AVAILABLE, 10L, InventoryState.INSPECTION, 4L), 14);
    pair(source, shown, "TEA-KIT", available(9), 9);
    pair(source, shown, "TEA-LEAF-LOOSE", available(3), 3);
    pair(source, shown, "TEA-POT-CERAMIC", available(5), 5);
    // 2 units in a cart whose reservation expired an hour ago and is still open
    shown.set(shown.size() - 1, entry("TEA-POT-CERAMIC", 5, 3, 0, OptionalInt.empty(),
        Reservations.of(List.of(new Reservation(2, AT.minus(Duration.ofHours(1)))))));
    pair(source, shown, "PLATE-9", available(12), 12);
    // available 10 of 12, but the one open reservation holds 1
    shown.set(shown.size() - 1, entry("PLATE-9", 12, 10, 0, OptionalInt.empty(),
        Reservations.of(List.of(new Reservation(1, AT.plus(Duration.ofMinutes(5)))))));
    pair(source, shown, "GLASS-TUMBLER-6PK", available(16), 10);
    pair(source, shown, "SPOON-SILVER-2", available(8), 8);
    // 2 of the 8 held back (a latency buffer and minimum stock), which agrees; but a backorder switch
    // nobody allowed
    shown.set(shown.size() - 1, new ShownStock(StockKey.of("SPOON-SILVER-2", DC.key()), 6, 6, 2, OptionalInt.of(0), Reservations.unknown(),
        AT, LastWriter.STOCKBRIDGE, SPOON_WHY));
    source.add(SourceStock.of(Position.empty(StockKey.of("SCARF-WOOL-XL", DC.key())).plus(InventoryState.AVAILABLE, 7),
        AT.minus(Duration.ofHours(30))));
    shown.add(new ShownStock(StockKey.of("SCARF-WOOL-XL", DC.key()), 7, AT, LastWriter.STOCKBRIDGE));
    // The planner holds −3 after an oversell; the storefront has no entry at all.
    source.add(new SourceStock(Position.empty(StockKey.of("BOWL-STONE-LG", DC.key())), -3, AT));
    shown.add(new ShownStock(StockKey.of("CUP-RED-250ML", DC.key()), 6, AT, LastWriter.OTHER));

    Differ differ = Differ.builder().clock(clock).bundles(bundles)
        .inFlight(key -> key.equals(MUG_SALE.key()) ? List.of(MUG_SALE)
            : key.equals(GLASS_RECEIPT.key()) ? List.of(GLASS_RECEIPT) : List.of())
        .build();
    Reconciler reconciler = Reconciler.builder().differ(differ).tracker(ExceptionTracker.inMemory(clock))
        .alerts(alert -> { }).clock(clock).build();
    return reconciler.run(new RunInput(Optional.of(new CatalogueView(storefront, planner, map)),
        StockRows.unsorted(source.iterator()), StockRows.unsorted(shown.iterator())));
  }

  /** The report of {@link #result()} with history, flows, finance, in London time. */
  static RunReport report() {
    RunResult result = result();
    List<RunSummary> history = List.of(
        new RunSummary("20261124T090000Z-1", AT.minus(Duration.ofDays(3)), 14,
            Map.of(DiscrepancyKind.QUANTITY_MISMATCH, 6L, DiscrepancyKind.UNMAPPED, 4L)),
        new RunSummary("20261125T090000Z-2", AT.minus(Duration.ofDays(2)), 14,
            Map.of(DiscrepancyKind.QUANTITY_MISMATCH, 3L, DiscrepancyKind.UNMAPPED, 2L)));
    List<FlowFreshness> flows = List.of(
        new FlowFreshness("orders → storefront", Optional.of(AT.minusSeconds(3)), Duration.ofSeconds(10)),
        new FlowFreshness("planner stock → reconciliation", Optional.of(AT.minus(Duration.ofHours(30))),
            Duration.ofHours(26)),
        new FlowFreshness("demand → planner (SFTP)", Optional.empty(), Duration.ofHours(24)));
    List<WarehouseValue> finance = WarehouseValue.of(List.of(
        item(VariantId.of("v1"), LDN, 40, Optional.of(new BigDecimal("3.20")), 100),
        item(VariantId.of("v2"), LDN, -3, Optional.of(new BigDecimal("10.00")), 0),
        item(VariantId.of("v3"), WarehouseId.of("LDS"), 12, Optional.empty(), 0)));
    return new RunReport(result, history, flows, finance, LONDON);
  }

  private static Map<InventoryState, Long> available(long units) {
    return Map.of(InventoryState.AVAILABLE, units);
  }

  private static void pair(List<SourceStock> source, List<ShownStock> shown, String sku,
      Map<InventoryState, Long> states, long showing) {
    StockKey key = StockKey.of(sku, DC.key());
    source.add(SourceStock.of(new Position(key, states), AT));
    shown.add(new ShownStock(key, showing, AT, LastWriter.STOCKBRIDGE));
  }

  private static ShownStock entry(String sku, long onStock, long available, long held, OptionalInt restockable, Reservations reservations) {
    return new ShownStock(StockKey.of(sku, DC.key()), onStock, available, held, restockable, reservations, AT, LastWriter.STOCKBRIDGE);
  }

  private static PlannerItem item(VariantId variant, WarehouseId warehouse, long inStock, Optional<BigDecimal> cost) {
    return item(variant, warehouse, inStock, cost, 0);
  }

  private static PlannerItem item(VariantId variant, WarehouseId warehouse, long inStock, Optional<BigDecimal> cost,
      long onOrder) {
    return new PlannerItem(variant, warehouse, inStock, onOrder, OptionalInt.of(14), cost);
  }
}
