package dev.stockbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.demand.InMemoryDemandStore;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.flow.Checkpoints;
import dev.stockbridge.flow.OrderFlow;
import dev.stockbridge.flow.OrderPage;
import dev.stockbridge.flow.OrderSource;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running sync records each flow's freshness where another process reads it. */
class FlowRecordTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;

  @Test
  void shouldRecordEachCycle_forAReaderOfTheSameFile() {
    MutableClock clock = new MutableClock(T0);
    AtomicBoolean down = new AtomicBoolean();
    OrderSource source = new OrderSource() {
      @Override
      public OrderPage poll() {
        if (down.get()) {
          throw new IllegalStateException("commercetools is down");
        }
        return new OrderPage(List.of(), List.of(), Optional.of(T0), false);
      }

      @Override
      public void commit(OrderPage page) {}

      @Override
      public OrderPage reread(String orderId) {
        return OrderPage.of(List.of(), List.of());
      }
    };
    Path file = dir.resolve("checkpoints.json");
    Checkpoints reader = Checkpoints.file(file);
    assertThat(FlowRecord.read(reader, "orders")).isEqualTo(new FlowRecord("orders", Optional.empty(), Optional.empty()));
    try (Stockbridge stockbridge = Stockbridge.builder()
        .engine(StockEngine.builder().storefront(new InMemoryStorefront()).journal(new InMemoryJournal()).build())
        .orders(OrderFlow.builder().source(source).demand(new InMemoryDemandStore()).checkpoints(Checkpoints.file(file)).startAt(T0).clock(clock))
        .recordFlows(Checkpoints.file(file))
        .clock(clock)
        .build()) {
      stockbridge.runOnce();
      FlowRecord first = FlowRecord.read(reader, "orders");
      assertThat(first.lastSuccess()).contains(T0);
      assertThat(first.lastRunFailed()).isFalse();
      assertThat(first.against(Duration.ofMinutes(5)).fresh(T0.plusSeconds(299))).isTrue();
      assertThat(FlowRecord.read(reader, "supply").lastRun()).as("a flow not configured records nothing").isEmpty();

      clock.advance(Duration.ofMinutes(10));
      down.set(true);
      stockbridge.runOnce();

      FlowRecord failed = FlowRecord.read(reader, "orders");
      assertThat(failed.lastRun()).contains(T0.plusSeconds(600));
      assertThat(failed.lastSuccess()).as("the last success stays").contains(T0);
      assertThat(failed.lastRunFailed()).isTrue();
      assertThat(failed.against(Duration.ofMinutes(5)).fresh(clock.instant())).isFalse();
      assertThat(reader.get(OrderFlow.START)).as("the flow's own checkpoint is kept beside them").contains(T0);
    }
  }
}
