package dev.stockbridge.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.engine.Lane;
import dev.stockbridge.testing.Eventually;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LanePermitsTest {

  @Test
  void shouldServeTheHigherLaneFirst_whenBothWaitForThePermit() throws Exception {
    LanePermits permits = new LanePermits(1); // one permit a second
    permits.acquire(Lane.ORDER); // the permit of this second is gone
    List<Lane> served = new CopyOnWriteArrayList<>();

    Thread bulk = new Thread(() -> take(permits, Lane.BULK, served));
    bulk.start();
    Eventually.await("the bulk call to wait", () -> permits.waiting(Lane.BULK) == 1);
    Thread order = new Thread(() -> take(permits, Lane.ORDER, served));
    order.start();
    Eventually.await("the order call to wait", () -> permits.waiting(Lane.ORDER) == 1 || !served.isEmpty());

    order.join(10_000);
    bulk.join(10_000);
    assertThat(served).containsExactly(Lane.ORDER, Lane.BULK);
  }

  @Test
  void shouldNeverWait_withoutALimit() throws Exception {
    LanePermits unlimited = new LanePermits(0);
    for (int i = 0; i < 1_000; i++) {
      unlimited.acquire(Lane.BULK);
    }
    assertThat(unlimited.waiting(Lane.BULK)).isZero();
  }

  private static void take(LanePermits permits, Lane lane, List<Lane> served) {
    try {
      permits.acquire(lane);
      served.add(lane);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
