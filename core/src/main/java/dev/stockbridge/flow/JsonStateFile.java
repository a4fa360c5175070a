package dev.stockbridge.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.store.AtomicFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A small piece of state kept as one JSON file: read whole, changed under an exclusive lock on a
 * sibling {@code .lock} file (so several processes, e.g. {@code sync} and {@code orders retry},
 * take turns), and replaced atomically ({@link AtomicFile}: temporary file, force, atomic move), so a crash leaves the
 * old or the new content, never a mix. For state that stays small (quarantined orders,
 * checkpoints); each change rewrites the file. Thread-safe: reads and changes of one file are
 * serialised on a monitor per file in this JVM and, across processes, by the file lock.
 *
 * @param <T> the state's type, an immutable value Jackson can read and write
 */
final class JsonStateFile<T> {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /**
   * One monitor per file in this JVM: a file lock is held per process, so two instances on one file
   * in one process must take turns here first (the JVM refuses overlapping locks).
   */
  private static final ConcurrentMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lock;
  private final JavaType type;
  private final Supplier<T> empty;

  JsonStateFile(Path file, JavaType type, Supplier<T> empty) {
    this.file = file;
    this.lock = file.resolveSibling(file.getFileName() + ".lock");
    this.type = type;
    this.empty = empty;
  }

  static ObjectMapper json() {
    return JSON;
  }

  /** The state as the file holds it now; the empty state if there is no file yet. */
  T read() {
    if (!Files.exists(file)) {
      return empty.get(); // reading creates nothing, not even the directory
    }
    return locked(this::load);
  }

  /** Reads, changes and writes the state under the lock; returns the new state. */
  T update(UnaryOperator<T> change) {
    return locked(
        () -> {
          T current = load();
          T next = change.apply(current);
          if (next != current) { // a change that changes nothing writes nothing
            write(next);
          }
          return next;
        });
  }

  private <R> R locked(Supplier<R> body) {
    synchronized (MONITORS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Object())) {
      return lockedFile(body);
    }
  }

  private <R> R lockedFile(Supplier<R> body) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock held = channel.lock(); // released when the channel closes
        try {
          return body.get();
        } finally {
          held.release();
        }
      }
    } catch (IOException e) {
      throw new StockbridgeException("cannot lock " + lock + " (" + e.getClass().getSimpleName() + "): check the data directory's permissions", e);
    }
  }

  private T load() {
    if (!Files.exists(file)) {
      return empty.get();
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length == 0) {
        throw new StockbridgeException(file + " is empty, which this store never writes: restore it from a backup or delete it to start afresh");
      }
      return JSON.readValue(bytes, type);
    } catch (JsonProcessingException e) {
      throw new StockbridgeException(file + " is damaged (" + e.getOriginalMessage() + "): restore it from a backup or delete it to start afresh", e);
    } catch (IOException e) {
      throw new StockbridgeException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private void write(T state) {
    try {
      byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
      AtomicFile.write(file, out -> {
        out.write(bytes);
        return null;
      });
    } catch (IOException e) {
      throw new StockbridgeException("cannot write " + file + " (" + e.getClass().getSimpleName() + "): check the disk and the data directory's permissions", e);
    }
  }
}
