package dev.stockbridge.journal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads and verifies frames of a journal file up to a fixed end, through a window that always
 * holds a whole frame, so memory stays constant however long the file is. Not thread-safe; each
 * reader uses positional reads only, so readers may run beside the writer.
 */
final class FrameReader {

  private final FileChannel channel;
  private final long end;
  private final ByteBuffer window =
      ByteBuffer.allocate(2 * (Format.FRAME_HEADER + Format.MAX_BODY));
  private long windowStart;
  private String damage;

  FrameReader(FileChannel channel, long end) {
    this.channel = channel;
    this.end = end;
    window.limit(0);
  }

  /**
   * The body of the frame at a position, valid until the next call; {@code null} if no intact
   * frame starts there, and then {@link #damage()} says why.
   */
  ByteBuffer bodyAt(long position) throws IOException {
    if (position + Format.FRAME_HEADER > end) {
      return damaged("its header ends past the end of the file");
    }
    int offset = load(position, Format.FRAME_HEADER);
    int length = window.getInt(offset);
    if (length < 1 || length > Format.MAX_BODY) {
      return damaged("its length " + length + " is impossible");
    }
    if (position + Format.FRAME_HEADER + length > end) {
      return damaged("its length " + length + " runs past the end of the file");
    }
    offset = load(position, Format.FRAME_HEADER + length);
    ByteBuffer body = window.slice(offset + Format.FRAME_HEADER, length);
    if (Format.checksum(body) != window.getInt(offset + 4)) {
      return damaged("its checksum does not match");
    }
    return body;
  }

  /** The position of the first intact frame after a position, or -1 if there is none. */
  long nextFrameAfter(long position) throws IOException {
    for (long candidate = position + 1; candidate + Format.FRAME_HEADER < end; candidate++) {
      if (bodyAt(candidate) != null) {
        return candidate;
      }
    }
    return -1;
  }

  /** Why the last {@link #bodyAt(long)} found no frame. */
  String damage() {
    return damage;
  }

  private ByteBuffer damaged(String reason) {
    damage = reason;
    return null;
  }

  /** Makes bytes [position, position + length) available; returns their offset in the window. */
  private int load(long position, int length) throws IOException {
    if (position < windowStart || position + length > windowStart + window.limit()) {
      window.clear().limit((int) Math.min(window.capacity(), end - position));
      windowStart = position;
      while (window.hasRemaining()) {
        if (channel.read(window, windowStart + window.position()) < 0) {
          throw new EOFException("journal file shrank below " + end + " bytes while being read");
        }
      }
      window.flip();
    }
    return (int) (position - windowStart);
  }
}
