package dev.stockbridge.store;

import dev.stockbridge.StockbridgeException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A record log could not be used: the disk failed, the file is not this store's or is of an
 * unknown version, it is open elsewhere, or the log is closed or failed earlier. Stores usually
 * translate it into their own exception; {@link #problem()} says which case it is.
 */
public final class RecordLogException extends StockbridgeException {

  /** What went wrong. */
  public enum Problem {
    /** Reading, writing or forcing failed; {@link #getCause()} is the {@link IOException}. */
    IO,
    /** The file is not this store's, or has an unknown version; {@link #offset()} says where. */
    NOT_READABLE,
    /** Another log, in this or another process, holds the file. */
    ALREADY_OPEN,
    /** The log was closed. */
    CLOSED,
    /** An earlier write or force failed; {@link #getCause()} is that failure. Reopen the log. */
    FAILED
  }

  private final Path file;
  private final Problem problem;
  private final long offset;
  private final String detail;

  private RecordLogException(Path file, Problem problem, long offset, String detail, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.problem = problem;
    this.offset = offset;
    this.detail = detail;
  }

  static RecordLogException io(Path file, String name, String action, IOException cause) {
    return new RecordLogException(file, Problem.IO, -1, action,
        "could not " + action + " " + name + " " + file + ": " + cause, cause);
  }

  static RecordLogException notReadable(Path file, String name, long offset, String reason) {
    return new RecordLogException(file, Problem.NOT_READABLE, offset, reason,
        name + " " + file + " is corrupted at byte offset " + offset + ": " + reason, null);
  }

  static RecordLogException alreadyOpen(Path file, String name) {
    return new RecordLogException(file, Problem.ALREADY_OPEN, -1, "already open",
        name + " " + file + " is already open, in this or another process", null);
  }

  static RecordLogException closed(Path file, String name) {
    return new RecordLogException(file, Problem.CLOSED, -1, "closed", name + " " + file + " is closed", null);
  }

  static RecordLogException failed(Path file, String name, RecordLogException earlier) {
    return new RecordLogException(file, Problem.FAILED, -1, "failed earlier",
        name + " " + file + " failed earlier and accepts nothing until reopened", earlier);
  }

  /** The log's file. @return the path */
  public Path file() {
    return file;
  }

  /** What went wrong. @return the problem */
  public Problem problem() {
    return problem;
  }

  /** Where an unreadable file is damaged. @return the byte offset, or -1 when not about one place */
  public long offset() {
    return offset;
  }

  /**
   * The message without the file: the action that failed for {@link Problem#IO} (e.g. {@code
   * "force"}), the reason for {@link Problem#NOT_READABLE}.
   *
   * @return the detail
   */
  public String detail() {
    return detail;
  }
}
