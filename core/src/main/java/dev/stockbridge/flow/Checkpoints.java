package dev.stockbridge.flow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Named instants a flow keeps across restarts, such as the moment order intake first started.
 * Implementations are thread-safe.
 */
public interface Checkpoints {

  /**
   * A checkpoint.
   *
   * @param name its name, e.g. {@code "orders.start"}
   * @return its instant, or empty if never set
   */
  Optional<Instant> get(String name);

  /**
   * Sets a checkpoint, unless it is set already; the first value stays.
   *
   * @param name its name
   * @param at the instant to keep if none is kept yet
   * @return the instant kept: {@code at}, or the one set before
   */
  Instant setOnce(String name, Instant at);

  /**
   * Sets checkpoints, replacing what they held, in one change: for instants that move on, such as
   * each flow's last success, which the running sync records for {@code stockbridge status} in
   * another process.
   *
   * @param values name to instant
   * @throws dev.stockbridge.InvalidValueException if a name is blank or an instant null
   */
  void set(Map<String, Instant> values);

  /**
   * Checkpoints kept in memory.
   *
   * @return empty checkpoints
   */
  static Checkpoints inMemory() {
    return new InMemoryCheckpoints();
  }

  /**
   * Checkpoints kept in a JSON file, written atomically.
   *
   * @param file the file, created on the first change
   * @return the checkpoints
   */
  static Checkpoints file(Path file) {
    return new FileCheckpoints(file);
  }
}
