package dev.stockbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.InventoryState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MovementJournal} passes. Extend it and implement {@link #open()}; a
 * durable journal also overrides {@link #reopen(MovementJournal)}, so that every replay here reads
 * what survived closing the journal.
 */
public abstract class MovementJournalContract {

  /** For the subclass that names the store under test. */
  protected MovementJournalContract() {}

  private static final Location DC = Location.of("london-dc");

  private MovementJournal journal;

  /**
   * Opens an empty journal.
   *
   * @return the journal under test
   */
  protected abstract MovementJournal open();

  /**
   * Closes a journal and opens it again over the same storage. A journal that does not outlive
   * its object keeps the open instance, which is the default.
   *
   * @param journal the open journal
   * @return the journal to go on with
   */
  protected MovementJournal reopen(MovementJournal journal) {
    return journal;
  }

  @BeforeEach
  void openJournal() {
    journal = open();
  }

  @AfterEach
  void closeJournal() {
    journal.close();
  }

  @Test
  void shouldReplayNothing_whenNothingWasAppended() {
    assertThat(replayAfterReopen()).isEmpty();
  }

  @Test
  void shouldReplayMovementsInAppendOrder_whenAppendedInBatches() {
    List<Movement> first = List.of(movement("TEE", 1), movement("MUG", 1), movement("TEE", 2));
    List<Movement> second = List.of(movement("CAP", 1));
    journal.append(first);
    journal.append(second);
    journal.append(List.of());

    assertThat(replayAfterReopen())
        .containsExactly(first.get(0), first.get(1), first.get(2), second.get(0));
  }

  @Test
  void shouldReplayAppliedMarksInOrder_whenInterleavedWithMovements() {
    StockKey tee = new StockKey(Sku.of("TEE"), DC);
    journal.append(List.of(movement("TEE", 1), movement("TEE", 2)));
    journal.applied(tee, 1);
    journal.append(List.of(movement("TEE", 3)));
    journal.applied(tee, 3);

    assertThat(replayAfterReopen())
        .containsExactly(
            movement("TEE", 1), movement("TEE", 2), new Mark(tee, 1), movement("TEE", 3),
            new Mark(tee, 3));
  }

  @Test
  void shouldReplayEveryMovementOnceInItsThreadsOrder_whenManyThreadsAppend() throws Exception {
    int threads = 8;
    int appendsPerThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String sku = "SKU-" + t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  long sequence = 0;
                  for (int i = 0; i < appendsPerThread; i++) {
                    // Batches of one to three movements, so that batches interleave.
                    List<Movement> batch = new ArrayList<>();
                    for (int n = 0; n <= i % 3; n++) {
                      batch.add(movement(sku, ++sequence));
                    }
                    journal.append(batch);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }

    Map<String, List<Long>> sequencesBySku =
        replayAfterReopen().stream()
            .map(Movement.class::cast)
            .collect(
                Collectors.groupingBy(
                    movement -> movement.sku().value(),
                    Collectors.mapping(Movement::sequence, Collectors.toList())));
    long perThread = IntStream.range(0, appendsPerThread).map(i -> i % 3 + 1).sum();
    List<Long> expected = LongStream.rangeClosed(1, perThread).boxed().toList();
    assertThat(sequencesBySku)
        .hasSize(threads)
        .allSatisfy((sku, sequences) -> assertThat(sequences).isEqualTo(expected));
  }

  @Test
  void shouldKeepEveryField_whenStateIsUserRegisteredAndTextIsUnicode() {
    InventoryState consignment = new InventoryState("CONSIGNMENT", true, false);
    InventoryState display = new InventoryState("VITRINE-ÉTÉ", false, true);
    List<Movement> movements =
        List.of(
            new Movement(
                MovementKind.RECEIPT, Sku.of("TASSE-GRÖẞE-L"), Location.of("köln-lager"),
                consignment, 12, "Lieferung 🚚 42", "receipt/42", 7),
            new Movement(
                MovementKind.ADJUSTMENT, Sku.of("茶碗"), DC, display, -3, "count 9", "count/9",
                Long.MAX_VALUE),
            new Movement(
                MovementKind.ORDER, Sku.of("TEE"), DC, InventoryState.AVAILABLE,
                -1_000_000_000_000L, "order 1 line 1", "order/1/1", 1));
    journal.append(movements);

    assertThat(replayAfterReopen()).containsExactlyElementsOf(movements);
  }

  @Test
  void shouldAppendNothing_whenBatchHoldsAnUnsequencedMovement() {
    Movement unsequenced = Movement.of(MovementKind.RECEIPT, Sku.of("TEE"), DC, 5, "PO 1", "po/1");

    assertThatThrownBy(() -> journal.append(List.of(movement("TEE", 1), unsequenced)))
        .hasMessageContaining("po/1")
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("sequence"));
    assertThat(replayAfterReopen()).isEmpty();
  }

  @Test
  void shouldRejectNegativeAppliedSequence_whenMarkingApplied() {
    StockKey tee = new StockKey(Sku.of("TEE"), DC);

    assertThatThrownBy(() -> journal.applied(tee, -1))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("sequence"));
  }

  @Test
  void shouldRefuseEveryCall_whenClosed() {
    journal.append(List.of(movement("TEE", 1)));
    journal.close();

    assertThatThrownBy(() -> journal.append(List.of(movement("TEE", 2))))
        .isInstanceOf(StockbridgeException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> journal.applied(new StockKey(Sku.of("TEE"), DC), 1))
        .isInstanceOf(StockbridgeException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> replay(journal))
        .isInstanceOf(StockbridgeException.class)
        .hasMessageContaining("closed");
    assertThatCode(journal::close).doesNotThrowAnyException();
  }

  /**
   * Reopens the journal under test and replays it.
   *
   * @return the replayed records: {@link Movement}s and {@link Mark}s, in order
   */
  protected List<Object> replayAfterReopen() {
    journal = reopen(journal);
    return replay(journal);
  }

  /**
   * Replays a journal into a list.
   *
   * @param journal the journal
   * @return the replayed records: {@link Movement}s and {@link Mark}s, in order
   */
  public static List<Object> replay(MovementJournal journal) {
    List<Object> records = new ArrayList<>();
    journal.replay(
        new MovementJournal.Visitor() {
          @Override
          public void accepted(Movement movement) {
            records.add(movement);
          }

          @Override
          public void applied(StockKey key, long sequence) {
            records.add(new Mark(key, sequence));
          }
        });
    return records;
  }

  /**
   * A sequenced receipt of one unit of available stock at one location.
   *
   * @param sku the SKU
   * @param sequence the sequence, at least 1
   * @return the movement
   */
  public static Movement movement(String sku, long sequence) {
    String cause = "PO " + sequence;
    return Movement.of(MovementKind.RECEIPT, Sku.of(sku), DC, 1, cause, sku + "/" + sequence)
        .withSequence(sequence);
  }

  /**
   * An applied mark as replayed.
   *
   * @param key the key
   * @param sequence the highest sequence applied
   */
  public record Mark(StockKey key, long sequence) {}
}
