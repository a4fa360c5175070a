package dev.stockbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.engine.StockEngine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A started standby builds no engine: only the lease's holder may recover and write the storefront. */
class StockbridgeLeaseTest {

  /** Held by someone else, always. */
  private static final class HeldElsewhere implements Lease {
    final AtomicInteger attempts = new AtomicInteger();

    @Override
    public boolean tryAcquire() {
      attempts.incrementAndGet();
      return false;
    }

    @Override
    public boolean held() {
      return false;
    }

    @Override
    public long token() {
      throw new IllegalStateException("not held");
    }

    @Override
    public String holder() {
      return "standby";
    }

    @Override
    public Optional<String> currentHolder() {
      return Optional.of("active");
    }

    @Override
    public void close() {}
  }

  @Test
  void shouldBuildNoEngine_whenAStartedInstanceNeverGetsTheLease() throws InterruptedException {
    HeldElsewhere lease = new HeldElsewhere();
    AtomicInteger engines = new AtomicInteger();
    try (Stockbridge runtime = Stockbridge.builder()
        .lease(lease, () -> {
          engines.incrementAndGet();
          throw new AssertionError("a standby built an engine");
        })
        .every(Duration.ofMillis(50))
        .leaseCheck(Duration.ofMillis(50))
        .build()) {
      runtime.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (lease.attempts.get() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(lease.attempts.get()).as("the cycles kept trying the lease").isGreaterThanOrEqualTo(3);
      assertThat(engines.get()).isZero();
      assertThat(runtime.active()).isFalse();
    }
  }
}
