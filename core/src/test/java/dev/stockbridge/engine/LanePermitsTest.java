package dev.stockbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stockbridge.queue.Lane;
import dev.stockbridge.testing.Eventually;
import java.time.Duration;
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
  void shouldNeverWait_withoutALimit() {
    LanePermits unlimited = new LanePermits(0);
    assertThat(unlimited.limited()).isFalse();
    // At any limit at all, 1,000 permits would take far longer than this; without one they are
    // handed out at once, even while another thread holds the permits' monitor.
    Thread holder = new Thread(() -> {
      synchronized (unlimited) {
        try {
          Thread.sleep(30_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    holder.start();
    Eventually.await("the monitor to be held", () -> holder.getState() == Thread.State.TIMED_WAITING);
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
        for (int i = 0; i < 1_000; i++) {
          unlimited.acquire(Lane.BULK);
        }
      });
    } finally {
      holder.interrupt();
    }
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
