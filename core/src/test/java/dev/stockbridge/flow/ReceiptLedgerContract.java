package dev.stockbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.mapping.VariantId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link ReceiptLedger} does; each implementation's test extends this. */
abstract class ReceiptLedgerContract {

  static final VariantId MUG = VariantId.of("c1_1");
  static final VariantId CUP = VariantId.of("c1_2");

  /** A new, empty ledger. */
  abstract ReceiptLedger ledger();

  @Test
  void shouldReportZero_whenALineWasNeverRecorded() {
    assertThat(ledger().received("17", MUG)).isZero();
  }

  @Test
  void shouldKeepEachLineApart_whenOrdersShareAVariantOrVariantsShareAnOrder() {
    ReceiptLedger ledger = ledger();

    ledger.record("17", MUG, 4);
    ledger.record("17", CUP, 7);
    ledger.record("18", MUG, 9);

    assertThat(ledger.received("17", MUG)).isEqualTo(4);
    assertThat(ledger.received("17", CUP)).isEqualTo(7);
    assertThat(ledger.received("18", MUG)).isEqualTo(9);
    assertThat(ledger.received("18", CUP)).isZero();
  }

  @Test
  void shouldReportTheLatestCumulative_whenALineGrows() {
    ReceiptLedger ledger = ledger();

    ledger.record("17", MUG, 4);
    ledger.record("17", MUG, 6);

    assertThat(ledger.received("17", MUG)).isEqualTo(6);
  }

  @Test
  void shouldKeepTheHighestCumulative_whenALowerOneIsRecordedLater() {
    ReceiptLedger ledger = ledger();

    ledger.record("17", MUG, 6);
    ledger.record("17", MUG, 4);

    assertThat(ledger.received("17", MUG)).isEqualTo(6);
  }

  @Test
  void shouldKeepEveryRecord_whenThreadsRecordAtOnce() throws Exception {
    ReceiptLedger ledger = ledger();
    int threads = 4;
    int perThread = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String order = "po-" + t;
        done.add(pool.submit(() -> {
          for (int i = 1; i <= perThread; i++) {
            ledger.record(order, MUG, i);
            ledger.record("shared", VariantId.of("v" + i), i);
          }
        }));
      }
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    for (int t = 0; t < threads; t++) {
      assertThat(ledger.received("po-" + t, MUG)).isEqualTo(perThread);
    }
    for (int i = 1; i <= perThread; i++) {
      assertThat(ledger.received("shared", VariantId.of("v" + i))).isEqualTo(i);
    }
  }
}
