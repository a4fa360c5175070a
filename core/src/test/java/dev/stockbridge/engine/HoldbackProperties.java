package dev.stockbridge.engine;

import dev.stockbridge.queue.Lane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Channel;
import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.AtsControls;
import dev.stockbridge.ats.AtsPolicy;
import dev.stockbridge.ats.Buffer;
import dev.stockbridge.ats.StorefrontPolicy;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Holdbacks are movements: whatever the interleaving, the entry ends at max(0, sellable − holdback). */
class HoldbackProperties {

  private static final StockKey KEY = new StockKey(Sku.of("TEE"), Location.of("dc"));

  /** 0 = sale, 1 = receipt, 2 = minimum stock change, 3 = buffer change; with an amount. */
  @Provide
  Arbitrary<List<Tuple2<Integer, Integer>>> steps() {
    return Arbitraries.integers().between(0, 3).flatMap(kind -> Arbitraries.integers().between(0, 30).map(n -> Tuple.of(kind, n)))
        .list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 40)
  void shownEqualsSellableLessHoldback_onceDrained(@ForAll("steps") List<Tuple2<Integer, Integer>> steps) throws Exception {
    InMemoryStorefront storefront = new InMemoryStorefront();
    storefront.create(KEY, 20);
    StockEngine engine =
        StockEngine.builder().storefront(storefront).journal(new InMemoryJournal())
            .batchWindow(Lane.ADJUSTMENT, Duration.ZERO).batchWindow(Lane.BULK, Duration.ZERO)
            .retry(Duration.ofMillis(1), Duration.ofMillis(5), -1).consistencyLag(Duration.ZERO).build();
    engine.start();
    try {
      long sellable = 20;
      long minimum = 0;
      long buffer = 0;
      int i = 0;
      for (Tuple2<Integer, Integer> step : steps) {
        i++;
        int n = step.get2();
        switch (step.get1()) {
          case 0 -> {
            long quantity = Math.min(n, sellable);
            if (quantity > 0) {
              engine.submit(Movement.of(MovementKind.ORDER, KEY.sku(), KEY.location(), -quantity, "sale " + i, IdempotencyKeys.orderLine("o" + i, "1")));
              sellable -= quantity;
            }
          }
          case 1 -> {
            if (n > 0) {
              engine.submit(Movement.of(MovementKind.RECEIPT, KEY.sku(), KEY.location(), n, "po " + i, IdempotencyKeys.of(MovementKind.RECEIPT, "po-" + i)));
              sellable += n;
            }
          }
          case 2 -> {
            engine.changeMinimumStock(KEY, n, "run-" + i);
            minimum = n;
          }
          default -> {
            AtsPolicy ats = AtsPolicy.builder().channel(Channel.of("dc"), AtsControls.none().withBuffer(Buffer.units(n))).build();
            engine.changePolicy(StorefrontPolicy.builder().ats(ats).build(), List.of(KEY), "policy-" + i);
            buffer = n;
          }
        }
      }
      assertThat(engine.drainAll(Duration.ofSeconds(30))).isTrue();

      assertThat(storefront.entry(KEY).quantityOnStock()).isEqualTo(Math.max(0, sellable - minimum - buffer));
      assertThat(storefront.entry(KEY).sellable()).isEqualTo(sellable);
    } finally {
      engine.stop();
    }
  }
}
