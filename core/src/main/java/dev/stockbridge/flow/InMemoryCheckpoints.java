package dev.stockbridge.flow;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Checkpoints} in memory. Thread-safe (a concurrent map). */
final class InMemoryCheckpoints implements Checkpoints {

  private final Map<String, Instant> kept = new ConcurrentHashMap<>();

  @Override
  public Optional<Instant> get(String name) {
    return Optional.ofNullable(kept.get(name));
  }

  @Override
  public Instant setOnce(String name, Instant at) {
    return kept.computeIfAbsent(name, n -> at);
  }

  @Override
  public void set(Map<String, Instant> values) {
    values.forEach((name, at) -> kept.put(dev.stockbridge.Checks.notBlank("name", name), dev.stockbridge.Checks.notNull("at", at)));
  }
}
