package dev.stockbridge.reconcile;

import dev.stockbridge.StockbridgeException;
import java.nio.file.Path;

/**
 * An exception tracker's file could not be read or written: unreadable, damaged, of an unknown
 * format, or the disk refused a write. A tracker never starts empty over a file it cannot read.
 */
public final class TrackerFileException extends StockbridgeException {

  private final Path file;

  /**
   * Creates the exception.
   *
   * @param file the tracker's file
   * @param problem what is wrong, e.g. {@code "is not valid JSON"}
   * @param cause the underlying failure, or {@code null}
   */
  public TrackerFileException(Path file, String problem, Throwable cause) {
    super("exception tracker file " + file + " " + problem
        + (cause == null ? "" : ": " + cause.getMessage()), cause);
    this.file = file;
  }

  /** The tracker's file. @return the path */
  public Path file() {
    return file;
  }
}
