package dev.stockbridge.demand;

import dev.stockbridge.StockbridgeException;
import java.nio.file.Path;

/**
 * Reading or writing a demand store's file failed, or the file is damaged beyond a cut-short
 * tail. A {@code put} that throws it stored none of its rows for sure; some may have been written
 * and will be visible after reopening, which is harmless because storing a row again replaces it.
 */
public final class DemandStoreException extends StockbridgeException {

  private final Path file;

  /**
   * Creates the exception.
   *
   * @param file the store's file
   * @param action what failed, e.g. {@code "append to"}
   * @param cause the underlying failure, e.g. an {@link java.io.IOException}
   */
  public DemandStoreException(Path file, String action, Throwable cause) {
    super("could not " + action + " demand store " + file + ": " + cause, cause);
    this.file = file;
  }

  /** The store's file. @return the path */
  public Path file() {
    return file;
  }
}
