package dev.stockbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Channel;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link OrderLedgerStore} passes. Extend it and implement {@link #open()}; a
 * durable store also overrides {@link #reopen(OrderLedgerStore)}, so that every read here reads what
 * survived closing the store.
 */
public abstract class OrderLedgerStoreContract {

  private static final Location DC = Location.of("london-dc");
  private static final Instant T0 = Instant.parse("2026-11-27T18:00:00.123456789Z");

  private OrderLedgerStore store;

  /** For the subclass that names the store under test. */
  protected OrderLedgerStoreContract() {}

  /**
   * Opens an empty store.
   *
   * @return the store under test
   */
  protected abstract OrderLedgerStore open();

  /**
   * Closes a store and opens it again over the same storage; by default the same instance.
   *
   * @param store the open store
   * @return the store to go on with
   */
  protected OrderLedgerStore reopen(OrderLedgerStore store) {
    return store;
  }

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static OrderRecord placed(String orderId, Instant at) {
    OrderLine line = new OrderLine("l1", Sku.of("GIFT"), 3, DC, Optional.of(Channel.of("web")), InventoryMode.TRACK_ONLY);
    OrderRecord.Line recorded = new OrderRecord.Line(line, List.of(new OrderRecord.Part(Sku.of("MUG"), DC, 6)),
        Map.of("cancellation:c1", 1L));
    return new OrderRecord(orderId, List.of(recorded), List.of(), at);
  }

  private static OrderRecord parked(String orderId, Instant at) {
    OrderLine line = OrderLine.of("l2", Sku.of("TEE"), 2, DC);
    return new OrderRecord(orderId, List.of(), List.of(new OrderRecord.Parked(OrderRecord.Kind.RETURN, "r1", line, at)), at);
  }

  @Test
  void aStoredRecord_readsBackEqual_afterReopen() {
    OrderRecord record = placed("o/1 ✓", T0);
    store.put(List.of(record));
    store = reopen(store);
    assertThat(store.find("o/1 ✓")).contains(record);
    assertThat(store.find("other")).isEmpty();
  }

  @Test
  void aLaterRecordOfAnOrder_replacesTheEarlier() {
    store.put(List.of(parked("o1", T0)));
    OrderRecord later = placed("o1", T0.plusSeconds(5));
    store.put(List.of(later));
    store = reopen(store);
    assertThat(store.find("o1")).contains(later);
    assertThat(store.parked()).isEmpty();
  }

  @Test
  void parked_listsOnlyRecordsWithParkedEvents() {
    store.put(List.of(placed("o1", T0), parked("o2", T0)));
    store = reopen(store);
    assertThat(store.parked()).extracting(OrderRecord::orderId).containsExactly("o2");
  }

  @Test
  void idleSince_andRemove_prune() {
    store.put(List.of(placed("old", T0), placed("new", T0.plusSeconds(3600))));
    assertThat(store.idleSince(T0.plusSeconds(60))).containsExactly("old");
    store.remove(List.of("old", "never"));
    store = reopen(store);
    assertThat(store.find("old")).isEmpty();
    assertThat(store.find("new")).isPresent();
  }

  @Test
  void manyRecords_survive() {
    List<OrderRecord> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      records.add(placed("o" + i, T0.plusSeconds(i)));
    }
    store.put(records);
    store.remove(List.of("o0", "o1"));
    store = reopen(store);
    assertThat(store.find("o299")).contains(records.get(299));
    assertThat(store.idleSince(T0.plusSeconds(10))).containsExactlyInAnyOrder("o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9");
  }
}
