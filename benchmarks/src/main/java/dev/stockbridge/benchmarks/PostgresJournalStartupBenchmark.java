package dev.stockbridge.benchmarks;

import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.postgres.PostgresConfig;
import dev.stockbridge.postgres.PostgresJournal;
import dev.stockbridge.postgres.PostgresJournalOptions;
import dev.stockbridge.postgres.PostgresStore;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.storefront.InMemoryStorefront;
import dev.stockbridge.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * Start-up time of an engine on the PostgreSQL journal, and the rows the journal holds, after N
 * accepted movements, with and without compaction: {@link JournalStartupBenchmark}'s workload and
 * method on the embedded PostgreSQL server of the testkit. Not JMH, not a test.
 *
 * <p>Generation: N movements on 10,000 SKUs appended through {@link PostgresJournal#append} in
 * batches of 10,000, each followed by the applied marks of its keys, on a {@link MutableClock}
 * moving one day per 100,000 movements. {@code compacted}: a one-day retention, compaction on the
 * journal's own thread after every 200,000 rows appended (the default), one last {@link
 * PostgresJournal#compact()}. {@code baseline}: no retention and no compaction, which is what the
 * PostgreSQL journal did before compaction.
 *
 * <p>Measurement, in a fresh JVM ({@code -Xmx1g}) per figure: open the store and the journal and
 * start an engine (replay, recovery) on the clock at the end of the generation, five times; the
 * first (cold) and the median of the other four.
 */
public final class PostgresJournalStartupBenchmark {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private PostgresJournalStartupBenchmark() {}

  /**
   * Runs the figures named on the command line, each {@code compacted:N} or {@code baseline:N}.
   *
   * @param args e.g. {@code compacted:100000 compacted:1000000 baseline:100000 baseline:1000000}
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("start")) {
      start(args[1], Boolean.parseBoolean(args[2]), Instant.parse(args[3]));
      return;
    }
    System.out.println("JDK " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, " + StartupRuns.cpu() + "; " + TestPostgres.version());
    for (String figure : args) {
      String[] parts = figure.split(":");
      boolean compacted = parts[0].equals("compacted");
      long movements = Long.parseLong(parts[1]);
      String url = TestPostgres.freshDatabase();
      long t0 = System.nanoTime();
      Instant end = generate(url, movements, compacted);
      long generated = (System.nanoTime() - t0) / 1_000_000;
      String rows = rows(url);
      String measured = StartupRuns.inFreshJvm(PostgresJournalStartupBenchmark.class, "start:", "start", url,
          Boolean.toString(compacted), end.toString());
      System.out.printf("%-9s %,10d movements: generated in %,d ms; %s; %s%n", parts[0], movements, generated, rows, measured);
    }
  }

  private static PostgresJournalOptions options(MutableClock clock, boolean compacted) {
    PostgresJournalOptions options = PostgresJournalOptions.defaults().withClock(clock);
    return compacted ? options.withRetention(Duration.ofDays(1))
        : options.withCompaction(Duration.ofDays(3650), Long.MAX_VALUE);
  }

  /** Appends the movements and their applied marks; returns the clock at the end. */
  static Instant generate(String url, long movements, boolean compacted) {
    MutableClock clock = new MutableClock(START);
    try (PostgresStore store = PostgresStore.open(config(url))) {
      PostgresJournal journal = store.journal(options(clock, compacted));
      StartupRuns.appendWorkload(journal, movements, clock);
      if (compacted) {
        PostgresJournal.Compacted last = journal.compact();
        System.out.printf("  last compaction: %,d marks and %,d movements folded in %,d ms%n", last.marksFolded(),
            last.movementsFolded(), last.took().toMillis());
      }
      return clock.instant();
    }
  }

  private static PostgresConfig config(String url) {
    return PostgresConfig.fromEnvironment(url, TestPostgres.USER).withPassword(null);
  }

  /** What the journal holds: rows, summaries and the tables' size. */
  private static String rows(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, null); Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE journal_record");
      try (ResultSet row = s.executeQuery("SELECT (SELECT count(*) FROM journal_record WHERE record_type = 'M'),"
          + " (SELECT count(*) FROM journal_record WHERE record_type = 'A'), (SELECT count(*) FROM journal_summary),"
          + " pg_total_relation_size('journal_record') + pg_total_relation_size('journal_summary')"
          + " + pg_total_relation_size('journal_summary_units')")) {
        row.next();
        return String.format("rows: %,d movements, %,d marks, %,d summaries, %,d bytes", row.getLong(1), row.getLong(2),
            row.getLong(3), row.getLong(4));
      }
    }
  }

  /** In the fresh JVM: open and start five times, the first cold, the others with the JIT warm. */
  private static void start(String url, boolean compacted, Instant end) {
    MutableClock clock = new MutableClock(end);
    long[] millis = new long[5];
    long retained = 0;
    for (int run = 0; run < millis.length; run++) {
      long t0 = System.nanoTime();
      try (PostgresStore store = PostgresStore.open(config(url))) {
        PostgresJournal journal = store.journal(options(clock, compacted));
        StockEngine engine = StockEngine.builder().storefront(new InMemoryStorefront()).journal(journal).clock(clock).build();
        engine.start();
        millis[run] = (System.nanoTime() - t0) / 1_000_000;
        if (run == millis.length - 1) {
          retained = StartupRuns.retainedHeap(); // the last engine open
        }
        engine.stop();
      }
    }
    System.out.printf("start: start-up %s, retained heap %.1f MiB%n", StartupRuns.coldAndWarm(millis), retained / 1048576.0);
  }

}
