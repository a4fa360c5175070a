package dev.stockbridge.journal;

import dev.stockbridge.StockbridgeException;
import java.nio.file.Path;

/**
 * A journal file is damaged somewhere other than its tail, or is not a journal at all. Unlike a
 * torn tail (an append cut short by a crash, which is dropped on open), this means records that
 * were accepted may be lost, so the journal refuses to guess: move the file aside or restore it.
 */
public final class JournalCorruptedException extends StockbridgeException {

  private final Path file;
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param file the journal file
   * @param offset the byte offset of the damaged record
   * @param reason what is wrong there
   */
  public JournalCorruptedException(Path file, long offset, String reason) {
    super("journal " + file + " is corrupted at byte offset " + offset + ": " + reason);
    this.file = file;
    this.offset = offset;
  }

  /** The journal file. @return the path */
  public Path file() {
    return file;
  }

  /** Where the damaged record starts. @return the byte offset from the start of the file */
  public long offset() {
    return offset;
  }
}
