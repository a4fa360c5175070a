package dev.stockbridge.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.StockbridgeException;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.storefront.InMemoryStorefront;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.testing.FaultyStorefront;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the engine at a random storefront call (sometimes after the write took effect, before the
 * engine heard of it), keeps only the journal file and the storefront, restarts, and redelivers every
 * event, as an at-least-once feed would. The end state must equal the crash-free expectation.
 */
class CrashRecoveryTest {

  @TempDir Path directory;

  @RepeatedTest(25)
  void restartAfterCrash_endsExactlyWhereACrashFreeRunEnds(RepetitionInfo repetition) throws Exception {
    long seed = 7_000L + repetition.getCurrentRepetition();
    Random random = new Random(seed);
    FlashSale sale = new FlashSale(seed, 400);
    InMemoryStorefront storefront = new InMemoryStorefront();
    sale.stock(storefront);
    FaultyStorefront crashing = new FaultyStorefront(storefront, seed, 0.02, 0.02, 1 + random.nextInt(600), random.nextBoolean());
    CollectingExceptionStore exceptions = new CollectingExceptionStore();

    FileJournal journal = FileJournal.open(directory);
    StockEngine first = engine(crashing, journal, exceptions);
    first.start();
    int submitted = 0;
    try {
      for (FlashSale.Step step : sale.steps) {
        FlashSale.platform(step, storefront); // the platform acts once, crash or not
        FlashSale.submit(step, first);
        submitted++;
      }
      while (!crashing.crashed() && !first.drain(Duration.ofMillis(50))) {
        // wait for the crash or the end, whichever comes first
      }
    } catch (StockbridgeException engineDown) {
      // the crash stopped the engine mid-feed; the rest is redelivered below
    } finally {
      first.stop();
      journal.close();
    }
    for (int i = submitted + 1; i < sale.steps.size(); i++) {
      FlashSale.platform(sale.steps.get(i), storefront);
    }

    FileJournal reopened = FileJournal.open(directory);
    StockEngine second = engine(storefront, reopened, exceptions);
    second.start();
    try {
      sale.steps.forEach(step -> FlashSale.submit(step, second)); // at-least-once redelivery
      assertThat(second.drain(Duration.ofMinutes(1))).isTrue();
    } finally {
      second.stop();
      reopened.close();
    }

    assertThat(exceptions.raised()).isEmpty();
    sale.expected.forEach(
        (key, quantity) -> assertThat(storefront.entry(key).quantityOnStock()).as("stock of %s", key).isEqualTo(quantity));
    sale.expectedBundles().forEach(
        (key, quantity) -> assertThat(storefront.entry(key).quantityOnStock()).as("bundle %s", key).isEqualTo(quantity));
  }

  private static StockEngine engine(StorefrontStock storefront, FileJournal journal, CollectingExceptionStore exceptions) {
    return StockEngine.builder()
        .storefront(storefront)
        .journal(journal)
        .bundles(FlashSale.BUNDLES)
        .exceptionStore(exceptions)
        .batchWindow(Lane.ADJUSTMENT, Duration.ZERO)
        .retry(Duration.ofMillis(1), Duration.ofMillis(5), -1)
        .build();
  }
}
