package dev.stockbridge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.SharedPools;
import dev.stockbridge.Sku;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderIntake;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.order.ReturnDisposition;
import dev.stockbridge.Channel;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.spi.StockException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OrderBookTest {

  private static final Location DC = Location.of("dc");
  private static final Sku MUG = Sku.of("MUG");
  private static final Sku KIT = Sku.of("KIT");
  private static final Sku LID = Sku.of("LID");
  private static final OrderIntake INTAKE = new OrderIntake(
      BundleCatalogue.builder().component(KIT, MUG, 1).component(KIT, LID, 2).build(), SharedPools.none());

  private static final OrderEvent.Placed PLACED = new OrderEvent.Placed("o-1",
      List.of(OrderLine.of("l-1", MUG, 3, DC), OrderLine.of("l-2", KIT, 2, DC)));

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration PARK = Duration.ofHours(1);
  private static final Duration RETENTION = Duration.ofDays(120);

  private final List<StockException> raised = new ArrayList<>();

  private OrderBook book() {
    return new OrderBook(INTAKE, raised::add, PARK, RETENTION);
  }

  /** A new owner's book, restored from every changelog record written so far, in order. */
  private OrderBook restored(List<OrderBook.Change> changelog) {
    OrderBook book = book();
    changelog.forEach(change -> book.restore(change.key(), change.state()));
    return book;
  }

  private static Map<Sku, Long> bySku(List<Movement> movements) {
    return movements.stream().collect(Collectors.groupingBy(Movement::sku, Collectors.summingLong(Movement::quantity)));
  }

  @Test
  void accept_placedTwice_decrementsOnce() {
    OrderBook book = book();
    assertThat(bySku(book.accept(PLACED, T0).movements())).isEqualTo(Map.of(MUG, -5L, LID, -4L));
    OrderBook.Outcome again = book.accept(PLACED, T0);
    assertThat(again.movements()).isEmpty();
    assertThat(again.changelog()).as("nothing to log for a duplicate").isEmpty();
  }

  @Test
  void accept_cancellationBeforeItsOrder_isParkedThenCappedAtWhatWasSold() {
    OrderBook book = book();
    OrderEvent.Cancelled cancelled = new OrderEvent.Cancelled("o-1", List.of(OrderLine.of("l-1", MUG, 9, DC)), "c-1");
    OrderBook.Outcome parked = book.accept(cancelled, T0);
    assertThat(parked.movements()).isEmpty();
    assertThat(parked.changelog()).as("the parked event is logged").extracting(OrderBook.Change::key).containsExactly("o-1");
    assertThat(book.accept(cancelled, T0).movements()).as("parked once").isEmpty();
    assertThat(bySku(book.accept(PLACED, T0).movements())).as("sold 5 mugs, 3 of them cancelled; 4 lids sold")
        .isEqualTo(Map.of(MUG, -2L, LID, -4L));
    assertThat(raised).as("a cancellation of 9 where 3 were sold").extracting(StockException::code).containsExactly("OVER_RESTOCK");
  }

  @Test
  void accept_returnsOfMoreThanSold_restockNoMoreThanTheLineSold_andRaiseTheRest() {
    OrderBook book = book();
    book.accept(PLACED, T0);
    List<Movement> first = book.accept(returned("r-1", "l-2", KIT, 1), T0).movements();
    List<Movement> second = book.accept(returned("r-2", "l-2", KIT, 5), T0).movements();
    List<Movement> third = book.accept(returned("r-3", "l-2", KIT, 1), T0).movements();
    assertThat(bySku(first)).isEqualTo(Map.of(MUG, 1L, LID, 2L));
    assertThat(bySku(second)).as("one kit left to give back").isEqualTo(Map.of(MUG, 1L, LID, 2L));
    assertThat(third).isEmpty();
    assertThat(raised).extracting(StockException::code).containsExactly("OVER_RESTOCK", "OVER_RESTOCK");
  }

  @Test
  void restore_fromTheChangelog_keepsWhatWasCountedAndGivenBack_andTheLinesChannel() {
    OrderBook book = book();
    OrderLine web = new OrderLine("l-1", MUG, 3, DC, Optional.of(Channel.of("web")), InventoryMode.NONE);
    List<OrderBook.Change> changelog = new ArrayList<>(book.accept(new OrderEvent.Placed("o-1", List.of(web)), T0).changelog());
    changelog.addAll(book.accept(returned("r-1", "l-1", MUG, 2), T0).changelog());
    OrderBook restored = restored(changelog);
    assertThat(restored.accept(new OrderEvent.Placed("o-1", List.of(web)), T0).movements()).as("placed before the move").isEmpty();
    assertThat(restored.accept(returned("r-1", "l-1", MUG, 2), T0).movements()).as("counted before the move").isEmpty();
    OrderBook.Outcome cancelled = restored.accept(new OrderEvent.Cancelled("o-1", List.of(OrderLine.of("l-1", MUG, 3, DC)), "c-1"), T0);
    assertThat(bySku(cancelled.movements())).as("2 of 3 mugs given back before the move").isEqualTo(Map.of(MUG, 1L));
    assertThat(new String(cancelled.changelog().get(0).state(), java.nio.charset.StandardCharsets.UTF_8))
        .as("the channel the line was sold through survives the move").contains("\"channel\":\"web\"");
  }

  @Test
  void sweep_raisesAParkedReturnAfterTheWait_andForgetsIdleOrdersAndMovements_asTombstones() {
    OrderBook book = book();
    List<OrderBook.Change> changelog = new ArrayList<>(book.accept(PLACED, T0).changelog());
    changelog.addAll(book.accept(new OrderEvent.Returned("o-unknown", "r-9", OrderLine.of("l-1", MUG, 1, DC), ReturnDisposition.RESELLABLE), T0)
        .changelog());
    Movement receipt = Movement.of(dev.stockbridge.MovementKind.RECEIPT, MUG, DC, 4, "PO 17", "receipt/po-17/1");
    changelog.addAll(book.accept(receipt, T0).changelog());

    assertThat(book.sweep(T0.plus(Duration.ofMinutes(30)))).as("nothing due yet").isEmpty();
    List<OrderBook.Change> waited = book.sweep(T0.plus(PARK).plusSeconds(1));
    assertThat(raised).extracting(StockException::code).containsExactly("UNKNOWN_ORDER");
    assertThat(waited).as("the parked return is gone").containsExactly(new OrderBook.Change("o-unknown", null));
    changelog.addAll(waited);

    List<OrderBook.Change> forgotten = book.sweep(T0.plus(RETENTION).plusSeconds(1));
    assertThat(forgotten).extracting(OrderBook.Change::key).containsExactlyInAnyOrder("o-1", OrderBook.MOVEMENT_PREFIX + "receipt/po-17/1");
    assertThat(forgotten).extracting(OrderBook.Change::state).containsOnly((byte[]) null);
    changelog.addAll(forgotten);
    assertThat(book.size()).isZero();
    assertThat(restored(changelog).size()).as("a new owner restores nothing of them").isZero();
  }

  @Test
  void restore_aTombstone_forgetsTheOrder() {
    OrderBook book = book();
    List<OrderBook.Change> changelog = new ArrayList<>(book.accept(PLACED, T0).changelog());
    assertThat(restored(changelog).size()).isEqualTo(1);
    changelog.add(new OrderBook.Change("o-1", null));
    assertThat(restored(changelog).size()).isZero();
  }

  @Test
  void accept_aMovementTwice_appliesItOnceExpandedToTheBundlesComponents() {
    OrderBook book = book();
    Movement receipt = Movement.of(dev.stockbridge.MovementKind.RECEIPT, KIT, DC, 4, "PO 17", "receipt/po-17/1");
    OrderBook.Outcome first = book.accept(receipt, T0);
    assertThat(bySku(first.movements())).isEqualTo(Map.of(MUG, 4L, LID, 8L));
    assertThat(book.accept(receipt, T0).movements()).isEmpty();
    Movement other = Movement.of(dev.stockbridge.MovementKind.RECEIPT, KIT, DC, 5, "PO 17", "receipt/po-17/1");
    assertThat(book.accept(other, T0).movements()).as("same key, other content: the first stands").isEmpty();
    assertThat(restored(first.changelog()).accept(receipt, T0).movements()).as("known after a move").isEmpty();
  }

  @Test
  void accept_aMovementTheIntakeRefuses_leavesTheBookAsItWas() {
    OrderBook book = book();
    Movement tooMany = Movement.of(dev.stockbridge.MovementKind.RECEIPT, KIT, DC, dev.stockbridge.Quantities.MAX, "PO 18", "receipt/po-18/1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> book.accept(tooMany, T0))
        .as("2 lids a kit overflow what a storefront holds").isInstanceOf(dev.stockbridge.InvalidValueException.class);
    assertThat(book.size()).isZero();
    Movement corrected = Movement.of(dev.stockbridge.MovementKind.RECEIPT, KIT, DC, 4, "PO 18", "receipt/po-18/1");
    assertThat(bySku(book.accept(corrected, T0).movements())).as("not taken for a duplicate").isEqualTo(Map.of(MUG, 4L, LID, 8L));
  }

  private static OrderEvent.Returned returned(String returnId, String lineId, Sku sku, long units) {
    return new OrderEvent.Returned("o-1", returnId, OrderLine.of(lineId, sku, units, DC), ReturnDisposition.RESELLABLE);
  }
}
