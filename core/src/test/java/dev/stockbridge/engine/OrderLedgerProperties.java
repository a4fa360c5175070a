package dev.stockbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.order.InMemoryOrderLedger;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.order.ReturnDisposition;
import dev.stockbridge.spi.OrderRecord;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the interleaving of an order, its redeliveries and its cancellations and returns (before
 * or after the order, each delivered any number of times), no line gets back more than it sold, and
 * the stock ends at what a sequential reading of the events gives.
 */
class OrderLedgerProperties {

  private static final Location DC = Location.of("dc");
  private static final List<Sku> SKUS = List.of(Sku.of("A"), Sku.of("B"));
  private static final long INITIAL = 100;
  private static final long[] SOLD = {3, 5};

  /** One step: 0 = the order placed (again), 1 = cancellation, 2 = resellable return; line 0 or 1; id 0..2; units 1..7. */
  record Step(int kind, int line, int id, long units) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1),
            Arbitraries.integers().between(0, 2), Arbitraries.longs().between(1, 7))
        .as(Step::new).list().ofMinSize(1).ofMaxSize(20);
  }

  private static OrderLine line(int index, long units) {
    return OrderLine.of("l" + index, SKUS.get(index), units, DC);
  }

  @Property(tries = 60)
  void restockedNeverExceedsSold_andStockIsWhatTheEventsGive(@ForAll("steps") List<Step> steps) throws Exception {
    InMemoryStorefront storefront = new InMemoryStorefront();
    SKUS.forEach(sku -> storefront.create(new StockKey(sku, DC), INITIAL));
    InMemoryOrderLedger ledger = new InMemoryOrderLedger();
    StockEngine engine = StockEngine.builder().storefront(storefront).journal(new InMemoryJournal()).orderLedger(ledger)
        .exceptionStore(e -> {}).consistencyLag(Duration.ZERO).batchWindow(Lane.ADJUSTMENT, Duration.ZERO).build();
    engine.start();
    try {
      // the model: restocks by (kind, id, line), first delivery's units, applied in order once placed
      boolean placed = false;
      Map<String, Long> parked = new LinkedHashMap<>();
      long[] restocked = new long[2];
      Map<String, Boolean> counted = new HashMap<>();
      for (Step step : steps) {
        if (step.kind() == 0) {
          engine.submit(new OrderEvent.Placed("o", List.of(line(0, SOLD[0]), line(1, SOLD[1]))));
          if (!placed) {
            placed = true;
            for (Map.Entry<String, Long> p : parked.entrySet()) {
              apply(p.getKey(), p.getValue(), restocked, counted);
            }
          }
          continue;
        }
        String id = "id" + step.id();
        OrderLine asked = line(step.line(), step.units());
        engine.submit(step.kind() == 1
            ? new OrderEvent.Cancelled("o", List.of(asked), id)
            : new OrderEvent.Returned("o", id, asked, ReturnDisposition.RESELLABLE));
        String key = step.kind() + "/" + id + "/" + step.line();
        if (placed) {
          apply(key, step.units(), restocked, counted);
        } else {
          parked.putIfAbsent(key, step.units());
        }
      }
      assertThat(engine.drain(Duration.ofSeconds(30))).isTrue();
      for (int i = 0; i < 2; i++) {
        long sold = placed ? SOLD[i] : 0;
        assertThat(storefront.entry(new StockKey(SKUS.get(i), DC)).quantityOnStock()).as("stock of line %s", i)
            .isEqualTo(INITIAL - sold + restocked[i]);
        assertThat(restocked[i]).isLessThanOrEqualTo(sold);
        if (placed) {
          OrderRecord.Line recorded = ledger.find("o").orElseThrow().line("l" + i).orElseThrow();
          assertThat(recorded.restocked()).isEqualTo(restocked[i]).isLessThanOrEqualTo(recorded.line().quantity());
        }
      }
    } finally {
      engine.stop();
    }
  }

  private static void apply(String key, long units, long[] restocked, Map<String, Boolean> counted) {
    if (counted.putIfAbsent(key, true) != null) {
      return;
    }
    int line = Integer.parseInt(key.substring(key.lastIndexOf('/') + 1));
    restocked[line] += Math.min(units, SOLD[line] - restocked[line]);
  }
}
