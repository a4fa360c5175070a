package dev.stockbridge.planner.feed;

import dev.stockbridge.store.AtomicFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What an {@link AdvancedSync} remembers between runs, in one small properties file replaced
 * atomically ({@link AtomicFile}) after every uploaded file: the run number, per file
 * type the newest {@code updatedAt} sent (present once the type's initial full file went up), the
 * bundle catalogue's fingerprint and when the last upload finished. Not thread-safe; one sync
 * owns it.
 */
final class SyncState {

  static final String FILE_NAME = "advanced-sync.properties";
  private static final String HELD = "held.sales-orders.";

  private final Path file;
  private final Properties values = new Properties();

  private SyncState(Path file) {
    this.file = file;
  }

  static SyncState load(Path directory) {
    SyncState state = new SyncState(directory.resolve(FILE_NAME));
    try (Reader in = Files.newBufferedReader(state.file, StandardCharsets.UTF_8)) {
      state.values.load(in);
    } catch (NoSuchFileException e) {
      // first run
    } catch (IOException | IllegalArgumentException e) {
      throw new FeedException(state.file.toString(), "could not read the sync state: " + e.getMessage()
          + "; fix or delete the file (deleting it makes the next sync send the full set again)", e);
    }
    return state;
  }

  long run() {
    return Long.parseLong(values.getProperty("run", "0"));
  }

  void run(long run) {
    values.setProperty("run", Long.toString(run));
  }

  Optional<Instant> watermark(AdvancedFile type) {
    return instant("watermark." + type.name());
  }

  void watermark(AdvancedFile type, Instant watermark) {
    values.setProperty("watermark." + type.name(), watermark.toString());
  }

  Optional<String> bundles() {
    return Optional.ofNullable(values.getProperty("bundles"));
  }

  void bundles(String fingerprint) {
    values.setProperty("bundles", fingerprint);
  }

  Optional<Instant> lastUpload() {
    return instant("lastUpload");
  }

  void lastUpload(Instant at) {
    values.setProperty("lastUpload", at.toString());
  }

  private Optional<Instant> instant(String key) {
    String value = values.getProperty(key);
    try {
      return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw new FeedException(file.toString(), key + " is not an instant: " + value, e);
    }
  }

  /** Sales-order rows held back for want of a mapping, by demand line id, with when each was updated. */
  Map<String, Instant> held() {
    Map<String, Instant> held = new TreeMap<>();
    values.stringPropertyNames().stream().filter(name -> name.startsWith(HELD)).forEach(name ->
        held.put(name.substring(HELD.length()), Instant.parse(values.getProperty(name))));
    return held;
  }

  /** Replaces the held rows. */
  void held(Map<String, Instant> held) {
    values.stringPropertyNames().stream().filter(name -> name.startsWith(HELD)).forEach(values::remove);
    held.forEach((id, at) -> values.setProperty(HELD + id, at.toString()));
  }

  void save() {
    try {
      Files.createDirectories(file.getParent());
      AtomicFile.write(file, out -> {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        values.store(writer, "Stockbridge Advanced feed sync: delete to send the full set again");
        writer.flush();
        return null;
      });
    } catch (IOException e) {
      throw new FeedException(file.toString(), "could not save the sync state: " + e.getMessage(), e);
    }
  }

}
