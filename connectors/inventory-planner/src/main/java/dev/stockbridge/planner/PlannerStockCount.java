package dev.stockbridge.planner;

import dev.stockbridge.Checks;
import dev.stockbridge.InventoryState;
import dev.stockbridge.Location;
import dev.stockbridge.Position;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.flow.StockCount;
import dev.stockbridge.flow.StockCountSource;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.reconcile.PlannerItem;
import dev.stockbridge.reconcile.SourceStock;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.state.StatusMapping;
import dev.stockbridge.state.UnknownStatusException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inventory Planner as the counted stock for reconciliation: one read of the variant catalogue gives
 * every variant row per warehouse, and for the mapped keys the planner's {@code in_stock}, which is
 * available stock (negative after an oversell: the residual is computed from that signed figure).
 *
 * <p>Each planner warehouse's stock is in a warehouse status, resolved to an inventory state
 * through a {@link StatusMapping}: a warehouse the catalogue mapping maps to a location holds that
 * location's stock in status {@code available}; a status warehouse ({@link
 * Builder#statusWarehouse}, e.g. a quality-control warehouse in status {@code qc}) holds a
 * location's stock in its own status. Only sellable states count toward what the storefront should
 * show. A status the mapping does not know is an exception naming status and SKU (code {@value
 * #UNKNOWN_STATUS}), and those units are never counted sellable. Stateless between reads.
 */
public final class PlannerStockCount implements StockCountSource {

  /** The exception code of stock in a status the status mapping does not know. */
  public static final String UNKNOWN_STATUS = "UNKNOWN_STATUS";
  /** The status of a mapped warehouse's stock. */
  public static final String AVAILABLE = "available";

  private static final Logger LOG = LoggerFactory.getLogger(PlannerStockCount.class);

  private final PlannerClient client;
  private final CatalogueMapping mapping;
  private final Clock clock;
  private final StatusMapping statuses;
  private final Map<WarehouseId, StatusWarehouse> statusWarehouses;
  private final ExceptionStore exceptions;

  /** A planner warehouse that holds a location's stock in one status. */
  private record StatusWarehouse(Location location, String status) {}

  /**
   * Creates the source: mapped warehouses only, in status {@code available}, with the standard
   * status mapping; unknown statuses are logged.
   *
   * @param client the planner client
   * @param mapping the catalogue mapping
   * @param clock when a count was read
   */
  public PlannerStockCount(PlannerClient client, CatalogueMapping mapping, Clock clock) {
    this(builder(client, mapping).clock(clock));
  }

  private PlannerStockCount(Builder b) {
    this.client = b.client;
    this.mapping = b.mapping;
    this.clock = b.clock;
    this.statuses = b.statuses;
    this.statusWarehouses = Map.copyOf(b.statusWarehouses);
    this.exceptions = b.exceptions;
  }

  /**
   * Starts configuring a source.
   *
   * @param client the planner client
   * @param mapping the catalogue mapping
   * @return a builder with the system clock and the standard status mapping
   * @throws dev.stockbridge.InvalidValueException if an argument is null
   */
  public static Builder builder(PlannerClient client, CatalogueMapping mapping) {
    return new Builder(Checks.notNull("client", client), Checks.notNull("mapping", mapping));
  }

  @Override
  public StockCount read() {
    Instant now = clock.instant();
    List<PlannerItem> items = new ArrayList<>();
    Map<StockKey, Position> positions = new LinkedHashMap<>();
    Map<StockKey, Long> sellable = new HashMap<>();
    try (Stream<PlannerVariant> variants = client.variants(Query.all())) {
      variants.filter(variant -> !variant.removed()).forEach(variant -> {
        for (WarehouseStock block : variant.warehouses()) {
          items.add(new PlannerItem(variant.id(), block.warehouse(), block.inStock().orElse(0),
              Math.max(0, block.purchaseOrdersQty().orElse(0)), block.leadTime(), variant.costPrice()));
          if (!mapping.sku(variant.id()).isMapped() || block.inStock().isEmpty()) {
            continue;
          }
          Sku sku = mapping.sku(variant.id()).orElseThrow();
          StatusWarehouse where = where(block.warehouse());
          if (where != null) {
            count(new StockKey(sku, where.location()), where.status(), block.inStock().getAsLong(), now, positions, sellable);
          }
        }
      });
    }
    List<SourceStock> counted = new ArrayList<>(positions.size());
    positions.forEach((key, position) -> counted.add(new SourceStock(position, sellable.getOrDefault(key, 0L), now)));
    return new StockCount(items, counted);
  }

  /** The location and status of a warehouse's stock, or null when no location takes it. */
  private StatusWarehouse where(WarehouseId warehouse) {
    if (mapping.location(warehouse).isMapped()) {
      return new StatusWarehouse(mapping.location(warehouse).orElseThrow(), AVAILABLE);
    }
    return statusWarehouses.get(warehouse);
  }

  private void count(StockKey key, String status, long inStock, Instant now, Map<StockKey, Position> positions, Map<StockKey, Long> sellable) {
    Position position = positions.computeIfAbsent(key, Position::empty);
    InventoryState state;
    try {
      state = statuses.resolve(status, key.sku());
    } catch (UnknownStatusException e) {
      // Never sellable: the units stay out of the position, the exception names status and SKU.
      String message = e.getMessage() + " (" + inStock + " units at " + key.location() + ", not counted)";
      LOG.warn("{}", message);
      exceptions.raise(new StockException(UNKNOWN_STATUS, key, List.of(), message, now));
      return;
    }
    positions.put(key, position.plus(state, Math.max(0, inStock)));
    if (state.sellable()) {
      sellable.merge(key, inStock, Long::sum); // signed: an oversold planner row counts negative
    }
  }

  /** Configures a {@link PlannerStockCount}. Not thread-safe. */
  public static final class Builder {
    private final PlannerClient client;
    private final CatalogueMapping mapping;
    private Clock clock = Clock.systemUTC();
    private StatusMapping statuses = StatusMapping.standard();
    private final Map<WarehouseId, StatusWarehouse> statusWarehouses = new HashMap<>();
    private ExceptionStore exceptions = exception -> { };

    private Builder(PlannerClient client, CatalogueMapping mapping) {
      this.client = client;
      this.mapping = mapping;
    }

    /**
     * Sets the clock that dates each count.
     *
     * @param clock the clock
     * @return this builder
     * @throws dev.stockbridge.InvalidValueException if null
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * Sets how warehouse statuses map to inventory states.
     *
     * @param statuses the status mapping, {@link StatusMapping#standard()} by default
     * @return this builder
     * @throws dev.stockbridge.InvalidValueException if null
     */
    public Builder statuses(StatusMapping statuses) {
      this.statuses = Checks.notNull("statuses", statuses);
      return this;
    }

    /**
     * Counts a planner warehouse the catalogue mapping does not map as a location's stock in a
     * status, e.g. the returns warehouse {@code wh-qc} as {@code london-dc}'s stock in {@code qc}.
     *
     * @param warehouse the planner warehouse
     * @param location the location whose stock it holds
     * @param status the warehouse status of that stock, resolved through the status mapping
     * @return this builder
     * @throws dev.stockbridge.InvalidValueException if an argument is null or blank, or the
     *     catalogue mapping maps the warehouse already
     */
    public Builder statusWarehouse(WarehouseId warehouse, Location location, String status) {
      Checks.notNull("warehouse", warehouse);
      if (mapping.location(warehouse).isMapped()) {
        throw new dev.stockbridge.InvalidValueException("warehouse", warehouse, "is mapped to a location already: its stock is in status " + AVAILABLE);
      }
      statusWarehouses.put(warehouse, new StatusWarehouse(Checks.notNull("location", location), Checks.notBlank("status", status)));
      return this;
    }

    /**
     * Sets where stock in an unknown status is raised (by default it is only logged).
     *
     * @param exceptions the exception store
     * @return this builder
     * @throws dev.stockbridge.InvalidValueException if null
     */
    public Builder exceptions(ExceptionStore exceptions) {
      this.exceptions = Checks.notNull("exceptions", exceptions);
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     */
    public PlannerStockCount build() {
      return new PlannerStockCount(this);
    }
  }
}
