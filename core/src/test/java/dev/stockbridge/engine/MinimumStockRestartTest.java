package dev.stockbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The planner's minimum stock across a restart: the entry records it with the units it holds back,
 * so an engine that restarts between a minimum-stock change and the planner's next read keeps
 * holding them back while orders and receipts land, and never shows them, even briefly.
 */
class MinimumStockRestartTest {

  private static final StockKey TEE = new StockKey(Sku.of("TEE"), Location.of("dc"));

  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final InMemoryJournal journal = new InMemoryJournal();
  private final CollectingExceptionStore exceptions = new CollectingExceptionStore();
  private StockEngine engine;
  private int ids;

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.stop();
    }
  }

  /** A new engine over the same storefront and journal, as after a restart: told no minimum stock. */
  private StockEngine restart() {
    if (engine != null) {
      engine.stop();
    }
    engine = StockEngine.builder()
        .storefront(storefront)
        .journal(journal)
        .exceptionStore(exceptions)
        .batchWindow(Lane.ADJUSTMENT, Duration.ZERO)
        .retry(Duration.ofMillis(1), Duration.ofMillis(5), -1)
        .consistencyLag(Duration.ZERO)
        .build();
    engine.start();
    return engine;
  }

  private void drain() throws InterruptedException {
    assertThat(engine.drainAll(Duration.ofSeconds(10))).as("drained").isTrue();
  }

  private Movement receipt(long quantity) {
    String id = "PO-" + ++ids;
    return Movement.of(MovementKind.RECEIPT, TEE.sku(), TEE.location(), quantity, id, IdempotencyKeys.of(MovementKind.RECEIPT, id));
  }

  private Movement sale(long quantity) {
    String id = "sale-" + ++ids;
    return Movement.of(MovementKind.ORDER, TEE.sku(), TEE.location(), -quantity, id, IdempotencyKeys.orderLine(id, "1"));
  }

  private StockEntry entry() {
    return storefront.entry(TEE);
  }

  @Test
  void shouldKeepHoldingTheMinimumStock_whenOrdersLandAfterARestartBeforeThePlannersNextRead() throws Exception {
    storefront.create(TEE, 10);
    restart().changeMinimumStock(TEE, 3, "planner-1");
    drain();
    assertThat(entry().quantityOnStock()).isEqualTo(7);
    assertThat(entry().minimumStock()).isEqualTo(3);

    restart();
    engine.submit(sale(1));
    drain();

    assertThat(entry().quantityOnStock()).as("shown after the restart").isEqualTo(6);
    assertThat(entry().heldBack()).isEqualTo(3);
    assertThat(engine.heldBack(TEE)).hasValueSatisfying(figure -> assertThat(figure.held()).isEqualTo(3));
    // the planner's next read repeats the minimum stock: nothing changes
    engine.changeMinimumStock(TEE, 3, "planner-2");
    drain();
    assertThat(entry().quantityOnStock()).isEqualTo(6);
    assertThat(entry().sellable()).isEqualTo(9);
  }

  @Test
  void shouldNeverShowTheHeldUnits_whenTheStorefrontSellsRightAfterARestart() throws Exception {
    storefront.create(TEE, 10);
    restart().changeMinimumStock(TEE, 4, "planner-1");
    drain();

    restart();
    // a TrackOnly order the storefront took itself: the engine only re-checks the entry
    storefront.sell(TEE, 2);
    engine.submit(new OrderEvent.Placed("o-1", List.of(new OrderLine("l-1", TEE.sku(), 2, TEE.location(), Optional.empty(), InventoryMode.TRACK_ONLY))));
    drain();

    assertThat(entry().quantityOnStock()).isEqualTo(4);
    assertThat(entry().heldBack()).isEqualTo(4);
  }

  @Test
  void shouldHoldTheFullMinimumAgain_whenStockArrivesAfterARestartBelowTheHoldback() throws Exception {
    storefront.create(TEE, 2);
    restart().changeMinimumStock(TEE, 5, "planner-1");
    drain();
    assertThat(entry().quantityOnStock()).as("below the holdback: 0, not negative").isZero();
    assertThat(entry().heldBack()).isEqualTo(2);
    assertThat(entry().minimumStock()).isEqualTo(5);

    restart();
    engine.submit(receipt(10));
    drain();

    assertThat(entry().quantityOnStock()).isEqualTo(7);
    assertThat(entry().heldBack()).isEqualTo(5);
  }

  @Test
  void shouldReleaseTheHeldUnits_whenThePlannersFirstReadAfterARestartLowersTheMinimum() throws Exception {
    storefront.create(TEE, 10);
    restart().changeMinimumStock(TEE, 3, "planner-1");
    drain();

    restart();
    engine.changeMinimumStock(TEE, 0, "planner-2");
    drain();

    assertThat(entry().quantityOnStock()).isEqualTo(10);
    assertThat(entry().heldBack()).isZero();
    assertThat(entry().minimumStock()).isZero();
  }

  @Test
  void shouldApplyTheNewMinimum_whenThePlannersFirstReadAfterARestartRaisesIt() throws Exception {
    storefront.create(TEE, 10);
    restart().changeMinimumStock(TEE, 3, "planner-1");
    drain();

    restart();
    engine.changeMinimumStock(TEE, 5, "planner-2");
    engine.submit(sale(1));
    drain();

    assertThat(entry().quantityOnStock()).isEqualTo(4);
    assertThat(entry().heldBack()).isEqualTo(5);
    assertThat(entry().minimumStock()).isEqualTo(5);
    assertThat(exceptions.raised()).isEmpty();
  }
}
