package dev.stockbridge.examples.runner;

import dev.stockbridge.demand.DemandStore;
import dev.stockbridge.demand.FileDemandStore;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.flow.Checkpoints;
import dev.stockbridge.flow.OrderQuarantine;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.flow.ReceiptLedger;
import dev.stockbridge.order.FileOrderLedger;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.runtime.Stockbridge;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.OrderLedgerStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Function;

/**
 * The embedded default: each store a file (or directory) in the data directory, as before the
 * PostgreSQL store existed. The journal and the demand store lock their files, so one process at a
 * time writes them. Not thread-safe.
 */
final class FileStores implements Stores {

  private final Path data;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  // Opened at first use and kept: a second open of a locked file would fail.
  private FileJournal journal;
  private FileDemandStore demand;
  private ReceiptLedger receipts;
  private FileOrderLedger orderLedger;

  private final Integer retentionDays;

  FileStores(Path data, Integer retentionDays) {
    this.data = data;
    this.retentionDays = retentionDays;
  }

  @Override
  public MovementJournal journal() {
    if (journal == null) {
      FileJournal.Builder builder = FileJournal.builder(data.resolve("journal"));
      if (retentionDays != null) {
        builder.retention(java.time.Duration.ofDays(retentionDays));
      }
      journal = remember(builder.open());
    }
    return journal;
  }

  @Override
  public boolean journalEmpty() {
    return !FileJournal.exists(data.resolve("journal"));
  }

  @Override
  public Stockbridge.Builder engines(Stockbridge.Builder runtime, Function<MovementJournal, StockEngine> engine) {
    return runtime.engine(engine.apply(journal()));
  }

  @Override
  public OrderLedgerStore orderLedger() {
    if (orderLedger == null) {
      journal(); // creates the journal's directory
      orderLedger = remember(FileOrderLedger.open(data.resolve("journal").resolve(FileOrderLedger.FILE_NAME)));
    }
    return orderLedger;
  }

  @Override
  public DemandStore demand() {
    if (demand == null) {
      demand = remember(FileDemandStore.open(demandFile()));
    }
    return demand;
  }

  @Override
  public long demandLines() {
    if (demand == null && !Files.exists(demandFile())) {
      return 0;
    }
    demand();
    return demand.size();
  }

  @Override
  public ExceptionTracker exceptions() {
    return ExceptionTracker.file(data.resolve("exceptions.json"), Clock.systemUTC());
  }

  @Override
  public boolean receiptsNew() {
    return !Files.exists(ledgerFile());
  }

  @Override
  public ReceiptLedger receipts() {
    if (receipts == null) {
      receipts = remember(ReceiptLedger.file(ledgerFile()));
    }
    return receipts;
  }

  @Override
  public OrderQuarantine quarantine() {
    return OrderQuarantine.file(data.resolve("quarantine.json"));
  }

  @Override
  public Checkpoints checkpoints() {
    return Checkpoints.file(data.resolve("checkpoints.json"));
  }

  @Override
  public Map<String, String> facts() {
    return Map.of("store", "files in " + data);
  }

  @Override
  public String exceptionsPlace() {
    return data.resolve("exceptions.json").toString();
  }

  private Path demandFile() {
    return data.resolve("demand.store");
  }

  private Path ledgerFile() {
    return data.resolve("receipts.ledger");
  }

  private <T extends AutoCloseable> T remember(T store) {
    opened.push(store);
    return store;
  }

  /** Closes in reverse order of opening. */
  @Override
  public void close() {
    RuntimeException first = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
        if (first == null) {
          first = failure;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
