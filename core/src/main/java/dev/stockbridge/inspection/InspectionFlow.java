package dev.stockbridge.inspection;

import dev.stockbridge.Checks;
import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.state.StatusMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Inspection outcomes from the warehouse: every {@code *.csv} status file (see {@link
 * InspectionFile}) dropped in a directory is booked, each lot as a transfer out of inspection, then
 * moved to {@code done/}. Exactly once: each lot's movements are keyed by its inspection id, so a
 * file processed again after a crash books nothing twice. A row that cannot be read is raised as an
 * exception naming file, line, status and SKU; its units stay in inspection. Not thread-safe: one
 * thread runs it.
 */
public final class InspectionFlow {

  private final Path directory;
  private final StockEngine engine;
  private final StatusMapping statuses;
  private final ExceptionStore exceptions;
  private final Clock clock;

  /**
   * Creates the flow.
   *
   * @param directory where status files are dropped
   * @param engine where the outcomes go, started
   * @param statuses how the files' statuses map to states, e.g. {@link InspectionStatuses#standard()}
   * @param exceptions where unreadable rows go
   * @param clock the clock for exceptions
   */
  public InspectionFlow(Path directory, StockEngine engine, StatusMapping statuses, ExceptionStore exceptions, Clock clock) {
    this.directory = Checks.notNull("directory", directory);
    this.engine = Checks.notNull("engine", engine);
    this.statuses = Checks.notNull("statuses", statuses);
    this.exceptions = Checks.notNull("exceptions", exceptions);
    this.clock = Checks.notNull("clock", clock);
  }

  /**
   * Books every file waiting in the directory, oldest name first.
   *
   * @return what this run did
   * @throws StockbridgeException if the directory or a file cannot be read or moved
   */
  public InspectionCycle runOnce() {
    if (!Files.isDirectory(directory)) {
      return new InspectionCycle(0, 0, 0, 0);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(file -> file.getFileName().toString().endsWith(".csv") && Files.isRegularFile(file)).sorted().toList();
    } catch (IOException e) {
      throw new StockbridgeException("cannot list inspection directory " + directory + " (" + e.getMessage() + ")", e);
    }
    int outcomes = 0;
    long units = 0;
    int problems = 0;
    for (Path file : files) {
      InspectionFile.Contents contents = InspectionFile.read(file, statuses);
      List<Movement> movements = new ArrayList<>();
      for (InspectionOutcome outcome : contents.outcomes()) {
        movements.addAll(outcome.movements());
        units += outcome.quantity();
      }
      if (!movements.isEmpty()) {
        engine.submit(movements);
      }
      for (int i = 0; i < contents.problems().size(); i++) {
        StockKey key = contents.keys().get(i);
        if (key != null) {
          exceptions.raise(new StockException("INSPECTION_ROW_REFUSED", key, List.of(), contents.problems().get(i), clock.instant()));
        } else {
          org.slf4j.LoggerFactory.getLogger(InspectionFlow.class).warn("{}", contents.problems().get(i));
        }
      }
      outcomes += contents.outcomes().size();
      problems += contents.problems().size();
      done(file);
    }
    return new InspectionCycle(files.size(), outcomes, units, problems);
  }

  private void done(Path file) {
    try {
      Path done = Files.createDirectories(directory.resolve("done"));
      Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StockbridgeException("cannot move " + file + " to done/ (" + e.getMessage() + "): it is read again next time, which books nothing twice", e);
    }
  }
}
