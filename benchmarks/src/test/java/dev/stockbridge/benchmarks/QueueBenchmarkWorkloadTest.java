package dev.stockbridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** Checks that both dispatchers do the same work on the workloads the benchmark claims to run. */
class QueueBenchmarkWorkloadTest {

  private static final Blackhole STOREFRONT =
      new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

  @Test
  void shouldWriteTheSameTotal_whenEitherDispatcherDrainsTheSameBursts() {
    Movement[][] bursts = Workload.hotKeys(20, 8, 1_000, 7);
    CoalescingDispatcher queue = new CoalescingDispatcher(1_000);
    NaiveDispatcher naive = new NaiveDispatcher(1_000);

    for (Movement[] burst : bursts) {
      long expected = Arrays.stream(burst).mapToLong(Movement::quantity).sum();
      assertThat(queue.dispatch(burst, STOREFRONT)).isEqualTo(expected);
      assertThat(naive.dispatch(burst, STOREFRONT)).isEqualTo(expected);
    }
  }

  @Test
  void shouldSpreadBurstsOverTheGivenKeys_whenHotKeys() {
    Movement[][] bursts = Workload.hotKeys(20, 4, 1_000, 7);

    Set<StockKey> keys =
        Arrays.stream(bursts).flatMap(Arrays::stream).map(Movement::key).collect(Collectors.toSet());
    assertThat(keys).hasSize(20);
  }

  @Test
  void shouldPutEveryMovementOfABurstOnItsOwnKey_whenDistinctKeys() {
    Movement[][] bursts = Workload.distinctKeys(10_000, 4, 1_000, 7);

    for (Movement[] burst : bursts) {
      Set<StockKey> keys = new HashSet<>();
      Arrays.stream(burst).forEach(movement -> keys.add(movement.key()));
      assertThat(keys).hasSize(burst.length);
    }
  }

  @Test
  void shouldSequenceEachKeyFromOneWithoutGaps_whenHotKeys() {
    Movement[][] bursts = Workload.hotKeys(20, 4, 1_000, 7);

    Map<StockKey, Long> last = new HashMap<>();
    for (Movement movement : Arrays.stream(bursts).flatMap(Arrays::stream).toList()) {
      Long previous = last.put(movement.key(), movement.sequence());
      assertThat(movement.sequence()).isEqualTo(previous == null ? 1 : previous + 1);
    }
  }
}
