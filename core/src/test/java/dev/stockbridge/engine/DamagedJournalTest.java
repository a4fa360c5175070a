package dev.stockbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.order.InMemoryOrderLedger;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.spi.OrderLedgerStore;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged journal record of an order the order ledger does not know (the ledger lost it: a crash
 * between journal and ledger, or a ledger of its own damaged): whether it was applied cannot be
 * decided, so it is held with an exception naming the damaged bytes' file, never applied twice.
 */
class DamagedJournalTest {

  private static final Location DC = Location.of("dc");
  private static final Sku TEE = Sku.of("TEE");

  @TempDir Path data;

  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final CollectingExceptionStore exceptions = new CollectingExceptionStore();

  private static List<OrderEvent> orders(int from, int to) {
    List<OrderEvent> events = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      events.add(new OrderEvent.Placed("order-" + i, List.of(OrderLine.of("l1", TEE, i, DC))));
    }
    return events;
  }

  private void run(OrderLedgerStore ledger, List<OrderEvent> events) throws Exception {
    try (FileJournal journal = FileJournal.open(data)) {
      StockEngine engine = StockEngine.builder().storefront(storefront).journal(journal).orderLedger(ledger)
          .exceptionStore(exceptions).retry(Duration.ofMillis(1), Duration.ofMillis(5), -1).consistencyLag(Duration.ZERO).build();
      engine.start();
      try {
        events.forEach(engine::submit);
        assertThat(engine.drain(Duration.ofSeconds(30))).isTrue();
      } finally {
        engine.stop();
      }
    }
  }

  @Test
  void anOrderTheLedgerLost_inADamagedJournalRecord_isHeldNamingTheFile_neverAppliedTwice() throws Exception {
    storefront.create(new StockKey(TEE, DC), 100);
    run(new InMemoryOrderLedger(), orders(1, 5));
    assertThat(storefront.entry(new StockKey(TEE, DC)).quantityOnStock()).isEqualTo(85);

    Path file = data.resolve(FileJournal.FILE_NAME);
    byte[] bytes = Files.readAllBytes(file);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("order-3");
    assertThat(at).isPositive();
    bytes[at + 2] ^= 0x20; // inside its idempotency key; the cause beside it still names the order
    Files.write(file, bytes);

    List<OrderEvent> again = orders(1, 6); // all five read again, and a new one
    run(new InMemoryOrderLedger(), again); // a ledger that knows none of them

    assertThat(storefront.entry(new StockKey(TEE, DC)).quantityOnStock()).as("85 less the new order's 6, nothing doubled").isEqualTo(79);
    assertThat(exceptions.raised()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo("UNDECIDED_AFTER_DAMAGE");
      assertThat(e.message()).contains("order order-3 line l1", FileJournal.FILE_NAME + ".damaged-at-");
    });
  }
}
