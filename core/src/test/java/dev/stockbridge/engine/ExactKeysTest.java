package dev.stockbridge.engine;

import dev.stockbridge.queue.Lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.SharedPools;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keys that cannot collide, conflicts that are never silent, pools counted once. */
class ExactKeysTest {

  private static final Location DC = Location.of("dc");
  private static final Sku TEE = Sku.of("TEE");
  private static final Sku MUG = Sku.of("MUG");
  private static final Sku GIFT = Sku.of("GIFT");

  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final CollectingExceptionStore exceptions = new CollectingExceptionStore();
  private StockEngine engine;

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.stop();
    }
  }

  private StockEngine start(SharedPools pools) {
    engine = StockEngine.builder()
        .storefront(storefront)
        .journal(new InMemoryJournal())
        .bundles(BundleCatalogue.builder().component(GIFT, MUG, 1).build())
        .sharedPools(pools)
        .exceptionStore(exceptions)
        .batchWindow(Lane.ADJUSTMENT, Duration.ZERO)
        .batchWindow(Lane.BULK, Duration.ZERO)
        .retry(Duration.ofMillis(1), Duration.ofMillis(5), -1)
        .consistencyLag(Duration.ZERO)
        .build();
    engine.start();
    return engine;
  }

  private long stock(Sku sku, Location location) throws InterruptedException {
    assertThat(engine.drain(Duration.ofSeconds(30))).isTrue();
    return storefront.entry(new StockKey(sku, location)).quantityOnStock();
  }

  @Test
  void orderIdsWithSlashes_neverShareAKey_bothDecrement() throws Exception {
    storefront.create(new StockKey(TEE, DC), 100);
    start(SharedPools.none());

    engine.submit(new OrderEvent.Placed("a/b", List.of(OrderLine.of("c", TEE, 2, DC))));
    SubmitResult second = engine.submit(new OrderEvent.Placed("a", List.of(OrderLine.of("b/c", TEE, 3, DC))));

    assertThat(second.accepted()).isEqualTo(1);
    assertThat(stock(TEE, DC)).isEqualTo(95);
    assertThat(IdempotencyKeys.orderLine("a/b", "c")).isNotEqualTo(IdempotencyKeys.orderLine("a", "b/c"));
  }

  @Test
  void bundleComponentKey_neverEqualsAPlainLineKey_bothDecrement() throws Exception {
    storefront.create(new StockKey(MUG, DC), 100);
    storefront.create(new StockKey(GIFT, DC), 100);
    start(SharedPools.none());

    engine.submit(new OrderEvent.Placed("o", List.of(OrderLine.of("l", GIFT, 4, DC))));
    engine.submit(new OrderEvent.Placed("o", List.of(OrderLine.of("l/MUG", MUG, 5, DC))));

    assertThat(stock(MUG, DC)).isEqualTo(91);
  }

  @Test
  void sameKeyWithOtherContent_isAConflictWithBothVersions_appliedOnce() throws Exception {
    storefront.create(new StockKey(TEE, DC), 100);
    start(SharedPools.none());

    engine.submit(new OrderEvent.Placed("o1", List.of(OrderLine.of("l1", TEE, 2, DC))));
    SubmitResult again = engine.submit(new OrderEvent.Placed("o1", List.of(OrderLine.of("l1", TEE, 7, DC))));
    SubmitResult same = engine.submit(new OrderEvent.Placed("o1", List.of(OrderLine.of("l1", TEE, 2, DC))));

    assertThat(again).isEqualTo(new SubmitResult(0, 0, 1));
    assertThat(same).isEqualTo(new SubmitResult(0, 1, 0));
    assertThat(stock(TEE, DC)).isEqualTo(98);
    assertThat(exceptions.raised()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo("CONTENT_CONFLICT");
      assertThat(e.movements()).extracting(Movement::quantity).containsExactly(-2L, -7L);
    });
  }

  @Test
  void poolLevelEvent_throughTwoMembers_countsOnceForThePool() throws Exception {
    Location a = Location.of("web");
    Location b = Location.of("app");
    storefront.create(new StockKey(TEE, a), 10);
    storefront.create(new StockKey(TEE, b), 10);
    start(SharedPools.of(List.of(List.of(a, b))));

    String key = IdempotencyKeys.of(MovementKind.RECEIPT, "PO-1");
    engine.submit(Movement.of(MovementKind.RECEIPT, TEE, a, 5, "PO-1", key));
    SubmitResult viaB = engine.submit(Movement.of(MovementKind.RECEIPT, TEE, b, 5, "PO-1", key));

    assertThat(viaB.accepted()).isZero();
    assertThat(stock(TEE, a)).isEqualTo(15);
    assertThat(stock(TEE, b)).isEqualTo(15);
  }

  @Test
  void loneSurrogateInAnId_isRefusedAtIntake() {
    start(SharedPools.none());
    assertThatThrownBy(() -> engine.submit(new OrderEvent.Placed("o\uD800", List.of(OrderLine.of("l1", TEE, 1, DC)))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("surrogate");
    assertThatThrownBy(() -> Sku.of("TEE\uDC00"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("surrogate");
  }

  @Test
  void legacyKey_ofAnOlderJournal_isStillADuplicate_whenTheContentIsTheSame() throws Exception {
    storefront.create(new StockKey(TEE, DC), 100);
    InMemoryJournal journal = new InMemoryJournal();
    // Journaled by a version that joined ids with '/' unescaped.
    journal.append(List.of(Movement.of(MovementKind.ORDER, TEE, DC, -2, "order a/b line c", "order/a/b/c").withSequence(1)));
    journal.applied(new StockKey(TEE, DC), 1);
    engine = StockEngine.builder().storefront(storefront).journal(journal).exceptionStore(exceptions)
        .consistencyLag(Duration.ZERO).build();
    engine.start();

    SubmitResult redelivered = engine.submit(new OrderEvent.Placed("a/b", List.of(OrderLine.of("c", TEE, 2, DC))));
    SubmitResult collided = engine.submit(new OrderEvent.Placed("a", List.of(OrderLine.of("b/c", TEE, 3, DC))));

    assertThat(redelivered.duplicates()).isEqualTo(1);
    assertThat(collided.accepted()).isEqualTo(1);
    assertThat(stock(TEE, DC)).isEqualTo(97);
  }
}
