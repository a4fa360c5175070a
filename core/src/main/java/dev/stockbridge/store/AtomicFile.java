package dev.stockbridge.store;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.stockbridge.InvalidValueException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file in one step: the content goes to a hidden temporary file beside it, is forced
 * to disk, then moved over the file atomically, and the directory is forced so the move survives a
 * power loss. A crash leaves the old content or the new, never a mix; if writing fails, the
 * temporary file is deleted and the file keeps its old content. Readers never see a partial file.
 */
public final class AtomicFile {

  private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);

  private AtomicFile() {}

  /**
   * Writes a file atomically.
   *
   * @param <T> what the content reports
   * @param file the file to replace or create; its directory must exist
   * @param content writes the new content; the stream is buffered and closed afterwards
   * @return what the content returned
   * @throws IOException if writing, forcing or moving fails; the file is then unchanged
   * @throws InvalidValueException if an argument is null
   */
  public static <T> T write(Path file, Content<T> content) throws IOException {
    return write(file, content, RecordLog.Forcer.DATA);
  }

  static <T> T write(Path file, Content<T> content, RecordLog.Forcer forcer) throws IOException {
    if (file == null || content == null) {
      throw new InvalidValueException(file == null ? "file" : "content", null, "must not be null");
    }
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".part");
    try {
      T result;
      try (FileChannel channel = FileChannel.open(temporary, WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
        result = content.writeTo(out);
        out.flush();
        forcer.force(channel);
      }
      Files.move(temporary, absolute, ATOMIC_MOVE, REPLACE_EXISTING);
      forceDirectory(directory, forcer);
      return result;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Makes a new or moved name in a directory durable. Some platforms (Windows) cannot open a
   * directory; there it does nothing.
   *
   * @param directory the directory whose entries changed
   * @param forcer how to force it
   */
  public static void forceDirectory(Path directory, RecordLog.Forcer forcer) {
    try (FileChannel channel = FileChannel.open(directory, READ)) {
      forcer.force(channel);
    } catch (IOException e) {
      LOG.debug("could not force directory {}", directory, e);
    }
  }

  /**
   * Writes a file's content.
   *
   * @param <T> what it reports
   */
  @FunctionalInterface
  public interface Content<T> {

    /**
     * Writes the content.
     *
     * @param out the temporary file's stream
     * @return anything worth reporting, e.g. a row count
     * @throws IOException if writing fails
     */
    T writeTo(OutputStream out) throws IOException;
  }
}
