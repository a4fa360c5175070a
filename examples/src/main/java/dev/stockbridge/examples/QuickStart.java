package dev.stockbridge.examples;

import dev.stockbridge.Channel;
import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.AtsControls;
import dev.stockbridge.ats.AtsPolicy;
import dev.stockbridge.ats.Buffer;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.engine.EngineHealth;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.order.ReturnDisposition;
import dev.stockbridge.state.StatusMapping;
import dev.stockbridge.state.UnknownStatusException;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A runnable tour of Stockbridge on the embedded default (in-memory storefront, file journal in a
 * temporary directory): a burst of orders on a T-shirt, a cap and a kit that bundles them, half of
 * them decremented by the storefront itself, a return through inspection, a planner receipt, and
 * the guards that refuse unmapped SKUs and unknown warehouse statuses. Ends with the final stock
 * against the expected value.
 */
public final class QuickStart {

  private static final Location DC = Location.of("london-dc");
  private static final Sku TEE = Sku.of("TEE-RED-M");
  private static final Sku CAP = Sku.of("CAP-BLACK");
  private static final Sku KIT = Sku.of("KIT-SUMMER");

  private QuickStart() {}

  /**
   * Runs the tour.
   *
   * @param args ignored
   * @throws Exception if the temporary journal cannot be created
   */
  public static void main(String[] args) throws Exception {
    BundleCatalogue bundles = BundleCatalogue.builder().component(KIT, TEE, 1).component(KIT, CAP, 2).build();
    InMemoryStorefront storefront = new InMemoryStorefront();
    storefront.create(new StockKey(TEE, DC), 500);
    storefront.create(new StockKey(CAP, DC), 800);
    storefront.create(new StockKey(KIT, DC), 400);

    Path journalDirectory = Files.createTempDirectory("stockbridge-journal");
    try (FileJournal journal = FileJournal.open(journalDirectory);
        StockEngine engine = StockEngine.builder().storefront(storefront).journal(journal).bundles(bundles).build()) {
      engine.start();
      long teeSold = 0;
      long capSold = 0;
      List<OrderEvent> orders = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        Sku sku = i % 3 == 0 ? KIT : i % 3 == 1 ? TEE : CAP;
        InventoryMode mode = i % 2 == 0 ? InventoryMode.TRACK_ONLY : InventoryMode.NONE;
        if (mode == InventoryMode.TRACK_ONLY) {
          storefront.sell(new StockKey(sku, DC), 1); // what commercetools does itself for TrackOnly
        }
        orders.add(new OrderEvent.Placed("order-" + i, List.of(new OrderLine("line-1", sku, 1, DC, Optional.empty(), mode))));
        teeSold += sku.equals(CAP) ? 0 : 1;
        capSold += sku.equals(TEE) ? 0 : sku.equals(KIT) ? 2 : 1;
      }
      orders.forEach(engine::submit);
      orders.forEach(engine::submit); // an at-least-once feed delivers everything again: ignored

      OrderLine returned = OrderLine.of("line-1", TEE, 1, DC);
      engine.submit(new OrderEvent.Returned("order-1", "rma-1", returned, ReturnDisposition.IN_INSPECTION));
      engine.submit(new OrderEvent.Returned("order-1", "rma-1", returned, ReturnDisposition.RESELLABLE));
      engine.submit(Movement.of(MovementKind.RECEIPT, CAP, DC, 50, "PO-1001 line 1", IdempotencyKeys.of(MovementKind.RECEIPT, "PO-1001/1")));
      engine.drain(Duration.ofSeconds(30));

      EngineHealth health = engine.health();
      System.out.printf("accepted %d movements, ignored %d duplicates, %d storefront calls, %d conflicts%n",
          health.accepted(), health.duplicates(), health.storefrontCalls(), health.conflicts());
      report(storefront, TEE, 500 - teeSold + 1);
      report(storefront, CAP, 800 - capSold + 50);
      long kit = Math.min(storefront.entry(new StockKey(TEE, DC)).quantityOnStock(), storefront.entry(new StockKey(CAP, DC)).quantityOnStock() / 2);
      report(storefront, KIT, kit);
    }

    AtsPolicy policy = AtsPolicy.builder().channel(Channel.of("marketplace"), AtsControls.none().withBuffer(Buffer.percent(10)).withCap(50)).build();
    System.out.println("marketplace ATS: " + policy.explain(new StockKey(TEE, DC), Channel.of("marketplace"), 120, 5, 15));

    CatalogueMapping mapping =
        CatalogueMapping.builder()
            .sku(TEE, VariantId.of("ip-1001"))
            .channel(SupplyChannel.of("uk-warehouse"), DC)
            .warehouse(DC, WarehouseId.of("wh-london"))
            .build();
    Lookup<?> unknown = mapping.toPlanner(Sku.of("SOCK-GREY"), SupplyChannel.of("uk-warehouse"));
    System.out.println("planner lookup of SOCK-GREY: " + (unknown instanceof Lookup.Unmapped<?> u ? u.message() : unknown));
    try {
      StatusMapping.standard().resolve("B-stock", TEE);
    } catch (UnknownStatusException e) {
      System.out.println("refused: " + e.getMessage());
    }
  }

  private static void report(InMemoryStorefront storefront, Sku sku, long expected) {
    long actual = storefront.entry(new StockKey(sku, DC)).quantityOnStock();
    System.out.printf("%-11s storefront %4d, expected %4d, drift %d%n", sku, actual, expected, actual - expected);
  }
}
