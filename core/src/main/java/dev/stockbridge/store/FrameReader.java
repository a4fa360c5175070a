package dev.stockbridge.store;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads and verifies frames of a record file up to a fixed end, through a window that grows to
 * hold the largest frame read, so memory stays bounded however long the file is. Not thread-safe;
 * it uses positional reads only, so readers may run beside the writer.
 */
final class FrameReader {

  private static final int INITIAL_WINDOW = 64 * 1024;

  private final FileChannel channel;
  private final long end;
  private final int maxBody;
  private ByteBuffer window;
  private long windowStart;
  private String damage;

  FrameReader(FileChannel channel, long end, int maxBody) {
    this.channel = channel;
    this.end = end;
    this.maxBody = maxBody;
    this.window = ByteBuffer.allocate(INITIAL_WINDOW).limit(0);
  }

  /**
   * The body of the frame at a position, valid until the next call; {@code null} if no intact
   * frame starts there, and then {@link #damage()} says why.
   */
  ByteBuffer bodyAt(long position) throws IOException {
    if (position + Frames.FRAME_HEADER > end) {
      return damaged("its header ends past the end of the file");
    }
    int offset = load(position, Frames.FRAME_HEADER);
    int length = window.getInt(offset);
    if (length < 1 || length > maxBody) {
      return damaged("its length " + length + " is impossible");
    }
    if (position + Frames.FRAME_HEADER + length > end) {
      return damaged("its length " + length + " runs past the end of the file");
    }
    offset = load(position, Frames.FRAME_HEADER + length);
    ByteBuffer body = window.slice(offset + Frames.FRAME_HEADER, length);
    if (Frames.checksum(body) != window.getInt(offset + 4)) {
      return damaged("its checksum does not match");
    }
    return body;
  }

  /** The position of the first intact frame after a position, or -1 if there is none. */
  long nextFrameAfter(long position) throws IOException {
    for (long candidate = position + 1; candidate + Frames.FRAME_HEADER < end; candidate++) {
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
      if (window.capacity() < length) {
        window = ByteBuffer.allocate(Math.max(length, 2 * window.capacity()));
      }
      window.clear().limit((int) Math.min(window.capacity(), end - position));
      windowStart = position;
      while (window.hasRemaining()) {
        if (channel.read(window, windowStart + window.position()) < 0) {
          throw new EOFException("the file shrank below " + end + " bytes while being read");
        }
      }
      window.flip();
    }
    return (int) (position - windowStart);
  }
}
