package dev.stockbridge.store;

import dev.stockbridge.InvalidValueException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What tells one store's record file from another's: a name for messages, the magic number that
 * opens the file, the largest record allowed, and optionally how to convert the store's files of
 * before the record log. Immutable.
 */
public final class LogFormat {

  private static final int DEFAULT_MAX_RECORD = 64 * 1024;

  private final String name;
  private final int magic;
  private final int maxRecordBytes;
  private final Legacy legacy;

  private LogFormat(String name, int magic, int maxRecordBytes, Legacy legacy) {
    this.name = name;
    this.magic = magic;
    this.maxRecordBytes = maxRecordBytes;
    this.legacy = legacy;
  }

  /**
   * A format with records of up to 64 KiB and no legacy files.
   *
   * @param name what the file is, for messages, e.g. {@code "journal"}
   * @param magic the file's first four bytes; pick one no legacy file of the store can start with
   * @return the format
   * @throws InvalidValueException if the name is blank
   */
  public static LogFormat of(String name, int magic) {
    if (name == null || name.isBlank()) {
      throw new InvalidValueException("name", name, "must not be blank");
    }
    return new LogFormat(name, magic, DEFAULT_MAX_RECORD, null);
  }

  /**
   * This format with another record size limit; the reader's buffer grows to the largest record.
   *
   * @param bytes the largest record body, 1 to 256 MiB
   * @return a new format
   * @throws InvalidValueException if out of range
   */
  public LogFormat maxRecordBytes(int bytes) {
    if (bytes < 1 || bytes > (256 << 20)) {
      throw new InvalidValueException("maxRecordBytes", bytes, "must be between 1 and 256 MiB");
    }
    return new LogFormat(name, magic, bytes, legacy);
  }

  /**
   * This format, converting a file that does not start with the magic number on open: the
   * converter reads the old file and hands over its records, which replace it atomically.
   *
   * @param converter reads a legacy file
   * @return a new format
   */
  public LogFormat legacy(Legacy converter) {
    if (converter == null) {
      throw new InvalidValueException("converter", null, "must not be null");
    }
    return new LogFormat(name, magic, maxRecordBytes, converter);
  }

  String name() {
    return name;
  }

  int magic() {
    return magic;
  }

  int maxRecordBytes() {
    return maxRecordBytes;
  }

  Legacy legacy() {
    return legacy;
  }

  /** Reads a store's file of before the record log. */
  @FunctionalInterface
  public interface Legacy {

    /**
     * Reads the old file and hands over its content as records, in order.
     *
     * @param file the old file, locked for the duration
     * @param records receives each record body
     * @throws IOException if the file cannot be read; an unchecked exception (the store's own,
     *     naming what is damaged) leaves the file as it was
     */
    void convert(Path file, Consumer<ByteBuffer> records) throws IOException;
  }
}
