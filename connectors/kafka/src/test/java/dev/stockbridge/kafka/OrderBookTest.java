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
import java.util.List;
import java.util.Map;
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

  private static Map<Sku, Long> bySku(List<Movement> movements) {
    return movements.stream().collect(Collectors.groupingBy(Movement::sku, Collectors.summingLong(Movement::quantity)));
  }

  @Test
  void accept_placedTwice_decrementsOnce() {
    OrderBook book = new OrderBook(INTAKE);
    assertThat(bySku(book.accept(PLACED).movements())).isEqualTo(Map.of(MUG, -5L, LID, -4L));
    OrderBook.Outcome again = book.accept(PLACED);
    assertThat(again.movements()).isEmpty();
    assertThat(again.state()).as("nothing to log for a duplicate").isNull();
  }

  @Test
  void accept_cancellationBeforeItsOrder_isParkedThenCappedAtWhatWasSold() {
    OrderBook book = new OrderBook(INTAKE);
    OrderEvent.Cancelled cancelled = new OrderEvent.Cancelled("o-1", List.of(OrderLine.of("l-1", MUG, 9, DC)), "c-1");
    OrderBook.Outcome parked = book.accept(cancelled);
    assertThat(parked.movements()).isEmpty();
    assertThat(parked.state()).as("the parked event is logged").isNotNull();
    assertThat(book.accept(cancelled).movements()).as("parked once").isEmpty();
    assertThat(bySku(book.accept(PLACED).movements())).as("sold 5 mugs, 3 of them cancelled; 4 lids sold")
        .isEqualTo(Map.of(MUG, -2L, LID, -4L));
  }

  @Test
  void accept_returnsOfMoreThanSold_restockNoMoreThanTheLineSold() {
    OrderBook book = new OrderBook(INTAKE);
    book.accept(PLACED);
    List<Movement> first = book.accept(new OrderEvent.Returned("o-1", "r-1", OrderLine.of("l-2", KIT, 1, DC),
        ReturnDisposition.RESELLABLE)).movements();
    List<Movement> second = book.accept(new OrderEvent.Returned("o-1", "r-2", OrderLine.of("l-2", KIT, 5, DC),
        ReturnDisposition.RESELLABLE)).movements();
    List<Movement> third = book.accept(new OrderEvent.Returned("o-1", "r-3", OrderLine.of("l-2", KIT, 1, DC),
        ReturnDisposition.RESELLABLE)).movements();
    assertThat(bySku(first)).isEqualTo(Map.of(MUG, 1L, LID, 2L));
    assertThat(bySku(second)).as("one kit left to give back").isEqualTo(Map.of(MUG, 1L, LID, 2L));
    assertThat(third).isEmpty();
  }

  @Test
  void restore_fromTheChangelog_keepsWhatWasCountedAndGivenBack() {
    OrderBook book = new OrderBook(INTAKE);
    OrderBook.Outcome placed = book.accept(PLACED);
    OrderBook.Outcome returned = book.accept(new OrderEvent.Returned("o-1", "r-1", OrderLine.of("l-1", MUG, 2, DC),
        ReturnDisposition.RESELLABLE));
    OrderBook restored = new OrderBook(INTAKE);
    restored.restore(placed.orderId(), placed.state());
    restored.restore(returned.orderId(), returned.state());
    assertThat(restored.accept(PLACED).movements()).as("placed before the move").isEmpty();
    assertThat(restored.accept(new OrderEvent.Returned("o-1", "r-1", OrderLine.of("l-1", MUG, 2, DC),
        ReturnDisposition.RESELLABLE)).movements()).as("counted before the move").isEmpty();
    assertThat(bySku(restored.accept(new OrderEvent.Cancelled("o-1", List.of(OrderLine.of("l-1", MUG, 3, DC)), "c-1"))
        .movements())).as("2 of 3 mugs given back before the move").isEqualTo(Map.of(MUG, 1L));
  }

  @Test
  void restore_aTombstone_forgetsTheOrder() {
    OrderBook book = new OrderBook(INTAKE);
    book.restore("o-1", book.accept(PLACED).state());
    book.restore("o-1", null);
    assertThat(book.size()).isZero();
  }

  @Test
  void accept_aMovementTwice_appliesItOnceExpandedToTheBundlesComponents() {
    OrderBook book = new OrderBook(INTAKE);
    Movement receipt = Movement.of(dev.stockbridge.MovementKind.RECEIPT, KIT, DC, 4, "PO 17", "receipt/po-17/1");
    OrderBook.Outcome first = book.accept(receipt);
    assertThat(bySku(first.movements())).isEqualTo(Map.of(MUG, 4L, LID, 8L));
    assertThat(book.accept(receipt).movements()).isEmpty();
    Movement other = Movement.of(dev.stockbridge.MovementKind.RECEIPT, KIT, DC, 5, "PO 17", "receipt/po-17/1");
    assertThat(book.accept(other).movements()).as("same key, other content: the first stands").isEmpty();
    OrderBook restored = new OrderBook(INTAKE);
    restored.restore(first.orderId(), first.state());
    assertThat(restored.accept(receipt).movements()).as("known after a move").isEmpty();
  }
}
