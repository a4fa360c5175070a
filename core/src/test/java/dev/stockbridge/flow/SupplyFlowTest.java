package dev.stockbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.spi.Supply;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Supply: only changed keys handed on; the planner's minimum stock held back from sale, not only shown. */
class SupplyFlowTest {

  private static final StockKey MUG = new StockKey(Sku.of("MUG"), Location.of("dc"));

  @Test
  void shouldHoldThePlannersMinimumStockBack_andHandOnOnlyWhatChanged() throws InterruptedException {
    InMemoryStorefront storefront = new InMemoryStorefront();
    storefront.create(MUG, 10);
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    long[] minimum = {3};
    SupplySource source = () -> new SupplyReading(
        Map.of(MUG, new Supply(Optional.empty(), OptionalInt.empty(), OptionalLong.of(minimum[0]))), List.of(), "");
    try (StockEngine engine = StockEngine.builder().storefront(storefront).journal(new InMemoryJournal()).exceptionStore(new CollectingExceptionStore())
        .batchWindow(Lane.ADJUSTMENT, Duration.ZERO).build()) {
      engine.start();
      SupplyFlow flow = new SupplyFlow(source, engine, clock);

      SupplyCycle first = flow.runOnce();
      assertThat(engine.drain(Duration.ofSeconds(10))).isTrue();
      long shownWithThree = storefront.entry(MUG).quantityOnStock();
      clock.advance(Duration.ofMinutes(1));
      SupplyCycle same = flow.runOnce();
      minimum[0] = 0;
      clock.advance(Duration.ofMinutes(1));
      SupplyCycle lifted = flow.runOnce();
      assertThat(engine.drain(Duration.ofSeconds(10))).isTrue();

      assertThat(first.updated()).isEqualTo(1);
      assertThat(shownWithThree).as("10 sellable, 3 held back for the planner's minimum stock").isEqualTo(7);
      assertThat(same.updated()).as("nothing changed: nothing handed on").isZero();
      assertThat(lifted.updated()).isEqualTo(1);
      assertThat(storefront.entry(MUG).quantityOnStock()).as("the minimum lifted: everything on sale again").isEqualTo(10);
    }
  }
}
