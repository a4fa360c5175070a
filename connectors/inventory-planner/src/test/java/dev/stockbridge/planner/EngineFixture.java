package dev.stockbridge.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import dev.stockbridge.storefront.InMemoryStorefront;
import dev.stockbridge.simulation.CollectingExceptionStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The core engine over the in-memory storefront, with a mapping of MUG-1 (c1_1) at w1 to dc. */
final class EngineFixture implements AutoCloseable {

  static final StockKey MUG = StockKey.of("MUG-1", "dc");
  static final StockKey CUP = StockKey.of("CUP-2", "dc");
  static final CatalogueMapping MAPPING = CatalogueMapping.builder()
      .sku(Sku.of("MUG-1"), VariantId.of("c1_1"))
      .sku(Sku.of("CUP-2"), VariantId.of("c1_2"))
      .channel(SupplyChannel.of("web"), Location.of("dc"))
      .warehouse(Location.of("dc"), WarehouseId.of("w1"))
      .build();

  final InMemoryStorefront storefront = new InMemoryStorefront();
  final CollectingExceptionStore exceptions = new CollectingExceptionStore();
  final List<UnmappedSignal> unmapped = new CopyOnWriteArrayList<>();
  final StockEngine engine = StockEngine.builder()
      .storefront(storefront)
      .journal(new InMemoryJournal())
      .exceptionStore(exceptions)
      .batchWindow(Lane.ADJUSTMENT, Duration.ZERO)
      .batchWindow(Lane.BULK, Duration.ZERO)
      .build();

  EngineFixture(long mugs, long cups) {
    storefront.create(MUG, mugs);
    storefront.create(CUP, cups);
    engine.start();
  }

  void drain() throws InterruptedException {
    assertThat(engine.drain(Duration.ofSeconds(10))).as("engine drained").isTrue();
    assertThat(exceptions.raised()).isEmpty();
  }

  long onStock(StockKey key) {
    return storefront.entry(key).quantityOnStock();
  }

  @Override
  public void close() {
    engine.stop();
  }
}
