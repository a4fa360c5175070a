package dev.stockbridge.flow;

import com.fasterxml.jackson.databind.JavaType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link Checkpoints} in a JSON file of name to ISO-8601 instant (see {@link JsonStateFile}). Thread-safe. */
final class FileCheckpoints implements Checkpoints {

  private final JsonStateFile<Map<String, String>> state;

  FileCheckpoints(Path file) {
    JavaType type = JsonStateFile.json().getTypeFactory().constructMapType(TreeMap.class, String.class, String.class);
    this.state = new JsonStateFile<>(file, type, TreeMap::new);
  }

  @Override
  public Optional<Instant> get(String name) {
    return Optional.ofNullable(state.read().get(name)).map(Instant::parse);
  }

  @Override
  public Instant setOnce(String name, Instant at) {
    Map<String, String> kept =
        state.update(
            current -> {
              if (current.containsKey(name)) {
                return current;
              }
              Map<String, String> next = new TreeMap<>(current);
              next.put(name, at.toString());
              return next;
            });
    return Instant.parse(kept.get(name));
  }

  @Override
  public void set(Map<String, Instant> values) {
    values.forEach((name, at) -> {
      dev.stockbridge.Checks.notBlank("name", name);
      dev.stockbridge.Checks.notNull("at", at);
    });
    state.update(current -> {
      Map<String, String> next = new TreeMap<>(current);
      values.forEach((name, at) -> next.put(name, at.toString()));
      return next;
    });
  }
}
