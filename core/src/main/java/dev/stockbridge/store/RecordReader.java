package dev.stockbridge.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads back a record body a {@link RecordWriter} built, in the same order. Every read that would
 * pass the end of the body, and a string length out of bounds, throws {@link
 * IllegalArgumentException}, so a codec has one exception to translate. Not thread-safe.
 */
public final class RecordReader {

  private final ByteBuffer body;

  /**
   * A reader over a body; reading consumes it.
   *
   * @param body the record body, e.g. as handed to a {@link RecordLog.Visitor}
   */
  public RecordReader(ByteBuffer body) {
    this.body = body;
  }

  /**
   * Reads a byte.
   *
   * @return the byte
   * @throws IllegalArgumentException if the body ends first
   */
  public byte getByte() {
    try {
      return body.get();
    } catch (BufferUnderflowException e) {
      throw endsEarly();
    }
  }

  /**
   * Reads a boolean written as one byte.
   *
   * @return the boolean
   * @throws IllegalArgumentException if the body ends first or the byte is neither 0 nor 1
   */
  public boolean getBoolean() {
    byte value = getByte();
    if (value != 0 && value != 1) {
      throw new IllegalArgumentException("a boolean byte of " + value);
    }
    return value == 1;
  }

  /**
   * Reads an int.
   *
   * @return the int
   * @throws IllegalArgumentException if the body ends first
   */
  public int getInt() {
    try {
      return body.getInt();
    } catch (BufferUnderflowException e) {
      throw endsEarly();
    }
  }

  /**
   * Reads a long.
   *
   * @return the long
   * @throws IllegalArgumentException if the body ends first
   */
  public long getLong() {
    try {
      return body.getLong();
    } catch (BufferUnderflowException e) {
      throw endsEarly();
    }
  }

  /**
   * Reads a string.
   *
   * @return the string
   * @throws IllegalArgumentException if the body ends first or the length is out of bounds
   */
  public String getString() {
    int length = getInt();
    if (length < 0 || length > body.remaining()) {
      throw new IllegalArgumentException("string length " + length + " out of bounds");
    }
    if (!body.hasArray()) {
      byte[] bytes = new byte[length];
      body.get(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
    String value = new String(body.array(), body.arrayOffset() + body.position(), length, StandardCharsets.UTF_8);
    body.position(body.position() + length);
    return value;
  }

  /**
   * Reads a count of items to follow, each taking at least one byte.
   *
   * @return the count
   * @throws IllegalArgumentException if negative or more than the bytes left
   */
  public int getCount() {
    int count = getInt();
    if (count < 0 || count > body.remaining()) {
      throw new IllegalArgumentException("count " + count + " out of bounds");
    }
    return count;
  }

  /**
   * Checks that the whole body was read.
   *
   * @throws IllegalArgumentException if bytes are left
   */
  public void end() {
    if (body.hasRemaining()) {
      throw new IllegalArgumentException(body.remaining() + " stray bytes after the record");
    }
  }

  private static IllegalArgumentException endsEarly() {
    return new IllegalArgumentException("the record ends early");
  }
}
