package dev.stockbridge.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds one record body for a store's codec: big-endian numbers and strings as {@code
 * byteLength:int, UTF-8 bytes}, in a buffer that grows as needed. {@link RecordReader} reads them
 * back. Not thread-safe; one writer per record.
 */
public final class RecordWriter {

  private ByteBuffer buffer;

  /**
   * A writer with room for a typical record; it grows as needed.
   *
   * @param initialBytes the first buffer's size
   */
  public RecordWriter(int initialBytes) {
    buffer = ByteBuffer.allocate(Math.max(16, initialBytes));
  }

  /**
   * Appends a byte.
   *
   * @param value the byte
   * @return this writer
   */
  public RecordWriter putByte(int value) {
    room(1).put((byte) value);
    return this;
  }

  /**
   * Appends a boolean as one byte, 1 or 0.
   *
   * @param value the boolean
   * @return this writer
   */
  public RecordWriter putBoolean(boolean value) {
    return putByte(value ? 1 : 0);
  }

  /**
   * Appends an int.
   *
   * @param value the int
   * @return this writer
   */
  public RecordWriter putInt(int value) {
    room(Integer.BYTES).putInt(value);
    return this;
  }

  /**
   * Appends a long.
   *
   * @param value the long
   * @return this writer
   */
  public RecordWriter putLong(long value) {
    room(Long.BYTES).putLong(value);
    return this;
  }

  /**
   * Appends a string as its UTF-8 length and bytes.
   *
   * @param value the string, not null
   * @return this writer
   */
  public RecordWriter putString(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    room(Integer.BYTES + bytes.length).putInt(bytes.length).put(bytes);
    return this;
  }

  /**
   * The body written so far, ready to append; the writer must not be used afterwards.
   *
   * @return the body
   */
  public ByteBuffer toBody() {
    return buffer.flip();
  }

  private ByteBuffer room(int bytes) {
    if (buffer.remaining() < bytes) {
      int capacity = Math.max(buffer.capacity() * 2, buffer.position() + bytes);
      buffer = ByteBuffer.allocate(capacity).put(buffer.flip());
    }
    return buffer;
  }
}
