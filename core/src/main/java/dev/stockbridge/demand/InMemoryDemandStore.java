package dev.stockbridge.demand;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link DemandStore} held in memory, for tests and demos: every row lives on the heap, and
 * nothing survives the process. Thread-safe; iteration works on a copy taken under the lock, so a
 * consumer may call {@link #put(Iterable)} without deadlock.
 */
public final class InMemoryDemandStore implements DemandStore {

  static final Comparator<DemandLine> ORDER =
      Comparator.comparing(DemandLine::createdAt).thenComparing(DemandLine::id);

  private final Map<String, DemandLine> byId = new HashMap<>();
  private final TreeMap<DemandLine, DemandLine> ordered = new TreeMap<>(ORDER);

  /** Creates an empty store. */
  public InMemoryDemandStore() {}

  /**
   * {@inheritDoc}
   *
   * @throws InvalidValueException if the iterable or a row is null; then no row is stored
   */
  @Override
  public synchronized void put(Iterable<DemandLine> lines) {
    List<DemandLine> rows = new ArrayList<>();
    Checks.notNull("lines", lines).forEach(line -> rows.add(Checks.notNull("line", line)));
    for (DemandLine line : rows) {
      DemandLine previous = byId.put(line.id(), line);
      if (previous != null) {
        ordered.remove(previous);
      }
      ordered.put(line, line);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidValueException if the consumer is null
   */
  @Override
  public void forEach(Consumer<DemandLine> consumer) {
    Checks.notNull("consumer", consumer);
    snapshot(line -> true).forEach(consumer);
  }

  /**
   * {@inheritDoc} Rows come ordered as for {@link #forEach(Consumer)}.
   *
   * @throws InvalidValueException if an argument is null
   */
  @Override
  public void forEachUpdatedSince(Instant since, Consumer<DemandLine> consumer) {
    Checks.notNull("since", since);
    Checks.notNull("consumer", consumer);
    snapshot(line -> !line.updatedAt().isBefore(since)).forEach(consumer);
  }

  private synchronized List<DemandLine> snapshot(Predicate<DemandLine> filter) {
    List<DemandLine> rows = new ArrayList<>();
    for (DemandLine line : ordered.keySet()) {
      if (filter.test(line)) {
        rows.add(line);
      }
    }
    return rows;
  }
}
