package dev.stockbridge.scenario;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.order.ReturnDisposition;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A seeded flash sale: orders on a few hot SKUs and on bundles sharing components, half of them
 * decremented by the storefront itself (TrackOnly), cancellations, returns through inspection,
 * planner receipts, and duplicate deliveries. Knows the exact stock every key must end with.
 */
final class FlashSale {

  static final List<Location> LOCATIONS = List.of(Location.of("dc-1"), Location.of("dc-2"));
  static final List<Sku> COMPONENTS = List.of(sku("C0"), sku("C1"), sku("C2"), sku("C3"), sku("C4"), sku("C5"), sku("C6"), sku("C7"));
  static final BundleCatalogue BUNDLES =
      BundleCatalogue.builder()
          .component(sku("B0"), sku("C0"), 1)
          .component(sku("B0"), sku("C1"), 2)
          .component(sku("B1"), sku("C0"), 1)
          .component(sku("B1"), sku("C2"), 1)
          .component(sku("B2"), sku("B0"), 1)
          .component(sku("B2"), sku("C3"), 1)
          .build();
  static final long INITIAL = 20_000;

  /** One step of the sale: what the platform does by itself, then what reaches the engine. */
  record Step(List<StockKey> platformSells, List<Long> platformQuantities, Object submission) {}

  final List<Step> steps = new ArrayList<>();
  final Map<StockKey, Long> expected = new HashMap<>();

  FlashSale(long seed, int orders) {
    Random random = new Random(seed);
    for (Location location : LOCATIONS) {
      COMPONENTS.forEach(c -> expected.put(new StockKey(c, location), INITIAL));
    }
    List<OrderEvent.Placed> placed = new ArrayList<>();
    for (int o = 0; o < orders; o++) {
      List<OrderLine> lines = new ArrayList<>();
      List<StockKey> sells = new ArrayList<>();
      List<Long> quantities = new ArrayList<>();
      int lineCount = 1 + random.nextInt(3);
      for (int l = 0; l < lineCount; l++) {
        Sku sku = pick(random);
        Location location = LOCATIONS.get(random.nextInt(LOCATIONS.size()));
        long quantity = 1 + random.nextInt(3);
        InventoryMode mode = random.nextBoolean() ? InventoryMode.TRACK_ONLY : InventoryMode.NONE;
        lines.add(new OrderLine("l" + l, sku, quantity, location, Optional.empty(), mode));
        if (mode == InventoryMode.TRACK_ONLY) {
          sells.add(new StockKey(sku, location));
          quantities.add(quantity);
        }
        effect(sku, location, -quantity);
      }
      OrderEvent.Placed event = new OrderEvent.Placed("o" + o, lines);
      placed.add(event);
      steps.add(new Step(sells, quantities, event));
      if (random.nextInt(10) == 0) {
        steps.add(new Step(List.of(), List.of(), event)); // delivered twice
      }
      if (random.nextInt(10) == 0) {
        OrderEvent.Placed earlier = placed.get(random.nextInt(placed.size()));
        OrderLine line = earlier.lines().get(0);
        if (earlier != event && cancelledOrReturned.add(earlier.orderId())) {
          if (random.nextBoolean()) {
            steps.add(new Step(List.of(), List.of(), new OrderEvent.Cancelled(earlier.orderId(), List.of(line))));
            effect(line.sku(), line.location(), line.quantity());
          } else {
            steps.add(new Step(List.of(), List.of(), new OrderEvent.Returned(earlier.orderId(), "r1", line, ReturnDisposition.IN_INSPECTION)));
            boolean passes = random.nextInt(10) < 6;
            steps.add(new Step(List.of(), List.of(), new OrderEvent.Returned(earlier.orderId(), "r1", line, passes ? ReturnDisposition.RESELLABLE : ReturnDisposition.DAMAGED)));
            if (passes) {
              effect(line.sku(), line.location(), line.quantity());
            }
          }
        }
      }
      if (random.nextInt(30) == 0) {
        Sku sku = COMPONENTS.get(random.nextInt(COMPONENTS.size()));
        Location location = LOCATIONS.get(random.nextInt(LOCATIONS.size()));
        long quantity = 10 + random.nextInt(50);
        steps.add(new Step(List.of(), List.of(), Movement.of(MovementKind.RECEIPT, sku, location, quantity, "PO-" + o, IdempotencyKeys.of(MovementKind.RECEIPT, "PO-" + o + "/1"))));
        effect(sku, location, quantity);
      }
    }
  }

  private final java.util.Set<String> cancelledOrReturned = new java.util.HashSet<>();

  /** Creates every entry the sale touches, bundles derived from their components. */
  void stock(InMemoryStorefront storefront) {
    for (Location location : LOCATIONS) {
      COMPONENTS.forEach(c -> storefront.create(new StockKey(c, location), INITIAL));
      for (Sku bundle : BUNDLES.bundles()) {
        storefront.create(new StockKey(bundle, location), BUNDLES.availableToSell(bundle, c -> INITIAL));
      }
    }
  }

  /** Applies the platform's own effect of a step (TrackOnly decrements). Once per step. */
  static void platform(Step step, InMemoryStorefront storefront) {
    for (int i = 0; i < step.platformSells().size(); i++) {
      storefront.sell(step.platformSells().get(i), step.platformQuantities().get(i));
    }
  }

  /** Hands a step's submission to the engine. */
  static void submit(Step step, StockEngine engine) {
    if (step.submission() instanceof OrderEvent event) {
      engine.submit(event);
    } else {
      engine.submit((Movement) step.submission());
    }
  }

  /** The bundle values the storefront must show once the components are final. */
  Map<StockKey, Long> expectedBundles() {
    Map<StockKey, Long> bundles = new HashMap<>();
    for (Location location : LOCATIONS) {
      for (Sku bundle : BUNDLES.bundles()) {
        bundles.put(new StockKey(bundle, location), BUNDLES.availableToSell(bundle, c -> expected.get(new StockKey(c, location))));
      }
    }
    return bundles;
  }

  private void effect(Sku sku, Location location, long quantity) {
    if (BUNDLES.isBundle(sku)) {
      BUNDLES.components(sku).forEach((c, q) -> expected.merge(new StockKey(c, location), quantity * q, Long::sum));
    } else {
      expected.merge(new StockKey(sku, location), quantity, Long::sum);
    }
  }

  private static Sku pick(Random random) {
    int roll = random.nextInt(100);
    if (roll < 60) {
      return COMPONENTS.get(random.nextInt(3)); // the hot three
    }
    if (roll < 80) {
      return sku("B" + random.nextInt(3));
    }
    return COMPONENTS.get(3 + random.nextInt(COMPONENTS.size() - 3));
  }

  private static Sku sku(String value) {
    return Sku.of(value);
  }
}
