package dev.stockbridge.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.queue.DecrementQueue.Batch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DecrementQueueTest {

  private static final long SECOND = 1_000_000_000L;
  private static final Location DC = Location.of("dc");
  private static final long[] NO_WINDOWS = new long[4];

  private final Map<StockKey, Long> sequences = new HashMap<>();

  private Movement movement(String sku, MovementKind kind, long quantity) {
    StockKey key = new StockKey(Sku.of(sku), DC);
    long sequence = sequences.merge(key, 1L, Long::sum);
    return Movement.of(kind, key.sku(), DC, quantity, "test", kind + "/" + sku + "/" + sequence).withSequence(sequence);
  }

  @Test
  void shouldCoalesceWaitingMovements_intoOneBatchPerKey() {
    DecrementQueue queue = new DecrementQueue(100, NO_WINDOWS);
    queue.offer(movement("A", MovementKind.ORDER, -1), 0);
    queue.offer(movement("A", MovementKind.ORDER, -2), 0);
    queue.offer(movement("A", MovementKind.CANCELLATION, 1), 0);

    Batch batch = queue.poll(0, null);

    assertThat(batch.quantityDelta()).isEqualTo(-2);
    assertThat(batch.highestSequence()).isEqualTo(3);
    assertThat(batch.movements()).extracting(Movement::sequence).containsExactly(1L, 2L, 3L);
    assertThat(queue.poll(0, null)).isNull();
  }

  @Test
  void shouldServeOrderLaneFirst_whateverTheArrivalOrder() {
    DecrementQueue queue = new DecrementQueue(100, NO_WINDOWS);
    queue.offer(movement("ADJ", MovementKind.ADJUSTMENT, 5), 0);
    queue.offer(movement("FIX", MovementKind.CORRECTION, 1), 0);
    queue.offer(movement("RET", MovementKind.RETURN_RESTOCK, 1), 0);
    queue.offer(movement("ORD", MovementKind.ORDER, -1), 0);

    List<Lane> lanes = new ArrayList<>();
    for (Batch b; (b = queue.poll(0, null)) != null; ) {
      lanes.add(b.lane());
    }
    assertThat(lanes).containsExactly(Lane.ORDER, Lane.RESTOCK, Lane.ADJUSTMENT, Lane.BULK);
  }

  @Test
  void shouldPromoteKey_whenAnOrderJoinsWaitingAdjustments() {
    DecrementQueue queue = new DecrementQueue(100, new long[] {0, 0, 10 * SECOND, 0});
    queue.offer(movement("A", MovementKind.ADJUSTMENT, 5), 0);
    assertThat(queue.poll(SECOND, null)).as("adjustment still inside its window").isNull();

    queue.offer(movement("A", MovementKind.ORDER, -1), SECOND);
    Batch batch = queue.poll(SECOND, null);

    assertThat(batch.lane()).isEqualTo(Lane.ORDER);
    assertThat(batch.quantityDelta()).isEqualTo(4);
    assertThat(queue.poll(20 * SECOND, null)).as("the stale adjustment entry is skipped").isNull();
  }

  @Test
  void shouldHoldBatchedLane_untilWindowPasses() {
    DecrementQueue queue = new DecrementQueue(100, new long[] {0, 0, 5 * SECOND, 0});
    queue.offer(movement("A", MovementKind.RECEIPT, 5), 0);
    queue.offer(movement("A", MovementKind.RECEIPT, 3), 2 * SECOND);

    assertThat(queue.nanosUntilDue(2 * SECOND, null)).isEqualTo(3 * SECOND);
    assertThat(queue.poll(4 * SECOND, null)).isNull();
    assertThat(queue.poll(5 * SECOND, null).quantityDelta()).isEqualTo(8);
  }

  @Test
  void shouldHandOutNothingFromPausedLane_butStillServeOrders() {
    DecrementQueue queue = new DecrementQueue(100, NO_WINDOWS);
    boolean[] peak = {false, false, true, true};
    queue.offer(movement("A", MovementKind.ADJUSTMENT, 5), 0);
    queue.offer(movement("B", MovementKind.ORDER, -1), 0);

    assertThat(queue.poll(0, peak).key().sku().value()).isEqualTo("B");
    assertThat(queue.poll(0, peak)).isNull();
    assertThat(queue.nanosUntilDue(0, peak)).isEqualTo(Long.MAX_VALUE);
    assertThat(queue.poll(0, null).key().sku().value()).isEqualTo("A");
  }

  @Test
  void shouldNotHandOutKeyInFlight_andCoalesceWhatArrivesMeanwhile() {
    DecrementQueue queue = new DecrementQueue(100, NO_WINDOWS);
    queue.offer(movement("A", MovementKind.ORDER, -1), 0);
    Batch first = queue.poll(0, null);
    queue.offer(movement("A", MovementKind.ORDER, -1), 0);
    queue.offer(movement("A", MovementKind.ORDER, -1), 0);

    assertThat(queue.poll(0, null)).as("one writer per key").isNull();
    queue.done(first.key());
    Batch second = queue.poll(0, null);
    assertThat(second.quantityDelta()).isEqualTo(-2);
    assertThat(second.highestSequence()).isEqualTo(3);
    queue.done(second.key());
    assertThat(queue.isIdle()).isTrue();
  }

  @Test
  void shouldRefuseOffers_beyondCapacity() {
    DecrementQueue queue = new DecrementQueue(2, NO_WINDOWS);
    assertThat(queue.offer(movement("A", MovementKind.ORDER, -1), 0)).isTrue();
    assertThat(queue.offer(movement("B", MovementKind.ORDER, -1), 0)).isTrue();
    assertThat(queue.offer(movement("C", MovementKind.ORDER, -1), 0)).isFalse();
    queue.poll(0, null);
    assertThat(queue.remainingCapacity()).isEqualTo(1);
  }

  @Test
  void shouldRecordHowFarALaneWasOvertaken() {
    DecrementQueue queue = new DecrementQueue(100, NO_WINDOWS);
    queue.offer(movement("ADJ", MovementKind.ADJUSTMENT, 1), 0);
    for (int i = 0; i < 3; i++) {
      queue.offer(movement("O" + i, MovementKind.ORDER, -1), 0);
    }
    while (queue.poll(0, null) != null) {
      // drain
    }
    assertThat(queue.maxWaitDispatches(Lane.ORDER)).isEqualTo(2);
    assertThat(queue.maxWaitDispatches(Lane.ADJUSTMENT)).isEqualTo(3);
  }

  /** Coalesced application equals applying every movement one by one, whatever the interleaving. */
  @Property
  void coalescedEqualsSequential(@ForAll("operations") List<Op> operations) {
    sequences.clear();
    DecrementQueue queue = new DecrementQueue(10_000, NO_WINDOWS);
    Map<StockKey, Long> sequential = new HashMap<>();
    Map<StockKey, Long> coalesced = new HashMap<>();
    Map<StockKey, Long> marker = new HashMap<>();
    List<Batch> inFlight = new ArrayList<>();
    for (Op op : operations) {
      if (op.offer) {
        Movement m = movement(op.sku, op.kind, op.quantity);
        sequential.merge(m.key(), m.quantity(), Long::sum);
        queue.offer(m, 0);
      } else {
        Batch batch = queue.poll(0, null);
        if (batch != null) {
          inFlight.add(batch);
        } else if (!inFlight.isEmpty()) {
          complete(queue, inFlight.remove(0), coalesced, marker);
        }
      }
    }
    inFlight.forEach(b -> complete(queue, b, coalesced, marker));
    for (Batch b; (b = queue.poll(0, null)) != null; ) {
      complete(queue, b, coalesced, marker);
    }
    sequential.values().removeIf(v -> v == 0);
    coalesced.values().removeIf(v -> v == 0);
    assertThat(coalesced).isEqualTo(sequential);
    assertThat(queue.isIdle()).isTrue();
    assertThat(marker).allSatisfy((key, seq) -> assertThat(seq).isEqualTo(sequences.get(key)));
  }

  private static void complete(DecrementQueue queue, Batch batch, Map<StockKey, Long> stock, Map<StockKey, Long> marker) {
    long previous = marker.getOrDefault(batch.key(), 0L);
    assertThat(batch.movements().get(0).sequence()).as("batches of a key follow each other").isEqualTo(previous + 1);
    stock.merge(batch.key(), batch.quantityDelta(), Long::sum);
    marker.put(batch.key(), batch.highestSequence());
    queue.done(batch.key());
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> offer =
        Combinators.combine(
                Arbitraries.of("A", "B", "C"),
                Arbitraries.of(MovementKind.ORDER, MovementKind.CANCELLATION, MovementKind.ADJUSTMENT, MovementKind.CORRECTION),
                Arbitraries.integers().between(1, 50))
            .as((sku, kind, qty) -> new Op(true, sku, kind, kind == MovementKind.ORDER ? -qty : qty));
    Arbitrary<Op> poll = Arbitraries.just(new Op(false, null, null, 0));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, offer), net.jqwik.api.Tuple.of(2, poll)).list().ofMaxSize(200);
  }

  record Op(boolean offer, String sku, MovementKind kind, long quantity) {}
}
