package dev.stockbridge.planner;

import dev.stockbridge.StockKey;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.StorefrontKey;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.spi.Supply;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Turns Inventory Planner's figures into supply signals for the storefront:
 *
 * <ul>
 *   <li>expected delivery: the earliest {@code expected_date} among open purchase orders with units
 *       still to arrive for the (SKU, location), at the start of that day in the configured zone;
 *   <li>restockable days: the warehouse's {@code lead_time};
 *   <li>safety stock: the warehouse's {@code minimum_stock} (negative values read as 0);
 *   <li>replenishment and sell-out forecasts, as records for reports.
 * </ul>
 *
 * <p>Variants and warehouses without a mapping are raised to the {@link UnmappedListener}, never
 * dropped silently. Memory grows with the mapped keys, not with the listings, which are consumed
 * as streams. Immutable and thread-safe.
 */
public final class SupplySignals {

  private final CatalogueMapping mapping;
  private final UnmappedListener unmapped;
  private final Clock clock;

  private SupplySignals(CatalogueMapping mapping, UnmappedListener unmapped, Clock clock) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.unmapped = Objects.requireNonNull(unmapped, "unmapped");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates the signals.
   *
   * @param mapping maps planner variants and warehouses to storefront SKUs and locations
   * @param unmapped hears about variants and warehouses the mapping lacks
   * @param clock the clock whose zone turns dates into instants and whose date anchors sell-out
   *     days
   * @return the signals
   */
  public static SupplySignals create(CatalogueMapping mapping, UnmappedListener unmapped, Clock clock) {
    return new SupplySignals(mapping, unmapped, clock);
  }

  /**
   * Reads variants and purchase orders into supply fields and forecasts. Closed, cancelled and
   * draft orders are skipped.
   *
   * @param variants the variants with their per-warehouse blocks
   * @param orders purchase orders, of any status
   * @return the supply per key and the forecasts
   */
  public SupplyReport read(Stream<PlannerVariant> variants, Stream<PurchaseOrder> orders) {
    Map<StockKey, Optional<LocalDate>> deliveries = new LinkedHashMap<>();
    orders.filter(PurchaseOrder::open).forEach(order -> {
      for (PurchaseOrderItem item : order.items()) {
        if (item.remaining() <= 0 || order.expectedDate().isEmpty()) {
          continue;
        }
        LocalDate due = order.expectedDate().get();
        map(item.variant(), order.warehouse(), "purchase order " + order.id()).ifPresent(key ->
            deliveries.merge(key, Optional.of(due), (a, b) -> a.get().isBefore(b.get()) ? a : b));
      }
    });
    Map<StockKey, Supply> supply = new LinkedHashMap<>();
    List<ReplenishmentForecast> replenishment = new ArrayList<>();
    List<SellOutForecast> sellOut = new ArrayList<>();
    LocalDate today = LocalDate.now(clock);
    variants.forEach(variant -> {
      for (WarehouseStock block : variant.warehouses()) {
        Optional<StockKey> mapped = map(variant.id(), block.warehouse(), "variant " + variant.id());
        if (mapped.isEmpty()) {
          continue;
        }
        StockKey key = mapped.get();
        OptionalLong safety = block.minimumStock();
        supply.put(key, new Supply(
            deliveries.getOrDefault(key, Optional.empty()).map(this::startOfDay),
            block.leadTime().isPresent() ? OptionalInt.of(Math.max(0, block.leadTime().getAsInt())) : OptionalInt.empty(),
            safety.isPresent() ? OptionalLong.of(Math.max(0, safety.getAsLong())) : OptionalLong.empty()));
        long toOrder = block.toOrder().orElse(0);
        if (block.replenishment().orElse(0) > 0 || toOrder > 0) {
          replenishment.add(new ReplenishmentForecast(key, block.replenishment().orElse(0), toOrder, block.replenishDate()));
        }
        block.daysUntilSellOut().ifPresent(days -> sellOut.add(
            new SellOutForecast(key, days, today.plusDays(days), block.dailySalesVelocity())));
      }
    });
    // Keys with incoming goods but no variant block in this read still learn their delivery date.
    deliveries.forEach((key, due) -> supply.computeIfAbsent(key,
        k -> new Supply(due.map(this::startOfDay), OptionalInt.empty(), OptionalLong.empty())));
    return new SupplyReport(supply, replenishment, sellOut);
  }

  private Instant startOfDay(LocalDate day) {
    ZoneId zone = clock.getZone();
    return day.atStartOfDay(zone).toInstant();
  }

  private Optional<StockKey> map(VariantId variant, WarehouseId warehouse, String source) {
    Lookup<StorefrontKey> lookup = mapping.toStorefront(variant, warehouse);
    if (lookup instanceof Lookup.Unmapped<StorefrontKey> missing) {
      unmapped.unmapped(new UnmappedSignal(missing, variant, warehouse, source));
      return Optional.empty();
    }
    return Optional.of(lookup.orElseThrow().stockKey());
  }
}
