package dev.stockbridge.store;

import dev.stockbridge.InvalidValueException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The record log's file format, version 1, shared by every store. Numbers are big-endian.
 *
 * <pre>
 * file   = magic:int (one per store), version:byte 1, frame*
 * frame  = length:int (1..the store's maximum), crc32c(body):int, body
 * </pre>
 *
 * <p>The body is the store's own codec's business. The journal's files of before the record log
 * are this format already (magic "SBJL"), so they open unchanged.
 */
final class Frames {

  static final byte VERSION = 1;
  static final int HEADER = 5;
  static final int FRAME_HEADER = 8;

  private Frames() {}

  static ByteBuffer header(int magic) {
    return ByteBuffer.allocate(HEADER).putInt(magic).put(VERSION).flip();
  }

  static int checksum(ByteBuffer body) {
    CRC32C crc = new CRC32C();
    crc.update(body.duplicate());
    return (int) crc.getValue();
  }

  /**
   * Frames bodies for one write, leaving the bodies' positions untouched.
   *
   * @throws InvalidValueException if a body is null, empty or larger than {@code maxBody}; nothing
   *     is framed then
   */
  static Framed encode(List<ByteBuffer> bodies, int maxBody) {
    if (bodies == null) {
      throw new InvalidValueException("records", null, "must not be null");
    }
    long size = 0;
    for (ByteBuffer body : bodies) {
      if (body == null) {
        throw new InvalidValueException("record", null, "must not be null");
      }
      int length = body.remaining();
      if (length < 1 || length > maxBody) {
        throw new InvalidValueException("record", length + " bytes",
            length < 1 ? "must not be empty" : "takes " + length + " bytes, more than the " + maxBody + " allowed");
      }
      size += FRAME_HEADER + length;
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new InvalidValueException("records", bodies.size(), "take " + size + " bytes, too many for one write");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    long[] offsets = new long[bodies.size()];
    for (int i = 0; i < offsets.length; i++) {
      ByteBuffer body = bodies.get(i);
      offsets[i] = buffer.position();
      buffer.putInt(body.remaining()).putInt(checksum(body)).put(body.duplicate());
    }
    return new Framed(buffer.flip(), offsets);
  }

  /** Frames ready to write, and where each starts relative to the first. */
  record Framed(ByteBuffer buffer, long[] offsets) {

    /** The frames' absolute positions once written at {@code at}. */
    long[] positionsFrom(long at) {
      long[] positions = offsets.clone();
      for (int i = 0; i < positions.length; i++) {
        positions[i] += at;
      }
      return positions;
    }
  }
}
