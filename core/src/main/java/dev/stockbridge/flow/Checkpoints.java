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
   * another process. The adapters here all implement it; the default refuses.
   *
   * @param values name to instant
   * @throws UnsupportedOperationException if this implementation keeps first values only
   * @throws dev.stockbridge.InvalidValueException if a name is blank or an instant null
   */
  default void set(Map<String, Instant> values) {
    throw new UnsupportedOperationException(getClass().getName() + " keeps first values only: it cannot set " + values.keySet());
  }

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
