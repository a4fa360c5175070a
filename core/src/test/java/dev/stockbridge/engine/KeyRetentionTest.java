package dev.stockbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.journal.JournalStats;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.spi.LedgerMarks;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotency keys remembered for the journal's retention, across restarts and compactions. */
class KeyRetentionTest {

  private static final Location DC = Location.of("dc");
  private static final Sku TEE = Sku.of("TEE");
  private static final StockKey KEY = new StockKey(TEE, DC);

  @TempDir Path directory;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final CollectingExceptionStore exceptions = new CollectingExceptionStore();
  private FileJournal journal;
  private StockEngine engine;

  @AfterEach
  void stop() {
    close();
  }

  private void close() {
    if (engine != null) {
      engine.stop();
      engine = null;
    }
    if (journal != null) {
      journal.close();
      journal = null;
    }
  }

  private StockEngine start() {
    journal = FileJournal.builder(directory).clock(clock).retention(Duration.ofDays(1)).open();
    engine = StockEngine.builder().storefront(storefront).journal(journal).clock(clock).exceptionStore(exceptions)
        .consistencyLag(Duration.ZERO).build();
    engine.start();
    return engine;
  }

  private static OrderEvent order(String id, long quantity) {
    return new OrderEvent.Placed(id, List.of(OrderLine.of("1", TEE, quantity, DC)));
  }

  private long stock() throws InterruptedException {
    assertThat(engine.drain(Duration.ofSeconds(30))).isTrue();
    return storefront.entry(KEY).quantityOnStock();
  }

  @Test
  void redeliveryWithinTheRetention_isADuplicate_beforeAndAfterARestart() throws Exception {
    storefront.create(KEY, 100);
    start().submit(order("o1", 2));
    assertThat(stock()).isEqualTo(98);
    clock.advance(Duration.ofHours(20));

    assertThat(engine.submit(order("o1", 2)).duplicates()).isEqualTo(1);
    close();
    start();
    journal.compact();
    assertThat(engine.submit(order("o1", 2)).duplicates()).isEqualTo(1);
    assertThat(stock()).isEqualTo(98);
  }

  @Test
  void redeliveryOlderThanTheKeyRetention_isStillRecognised_byTheOrderLedger() throws Exception {
    storefront.create(KEY, 100);
    start().submit(order("o1", 2));
    assertThat(stock()).isEqualTo(98);
    clock.advance(Duration.ofDays(2));
    engine.submit(order("o2", 1)); // intake forgets what aged out as it accepts

    // The key is forgotten, but the order ledger (120 days by default) still knows the line.
    assertThat(engine.submit(order("o1", 2)).accepted()).isZero();
    assertThat(stock()).isEqualTo(97);
  }

  @Test
  void restartAfterCompaction_numbersNewMovementsAboveTheStorefrontsMark_noRebase() throws Exception {
    storefront.create(KEY, 100);
    start();
    for (int i = 1; i <= 5; i++) {
      engine.submit(order("o" + i, 1));
    }
    assertThat(stock()).isEqualTo(95);
    close();
    start();
    journal.compact(); // the first log has no time stamps: its movements count from now
    close();
    clock.advance(Duration.ofDays(3));
    start();
    journal.compact(); // every movement of the key applied and past the retention: only its summary stays
    assertThat(JournalStats.of(journal).movements()).isZero();
    close();

    start().submit(order("o6", 1));

    assertThat(stock()).isEqualTo(94);
    LedgerMarks marks = storefront.entry(KEY).marks();
    assertThat(marks.sequence(journal.ledger().id())).hasValue(6);
    assertThat(exceptions.raised()).isEmpty();
  }
}
