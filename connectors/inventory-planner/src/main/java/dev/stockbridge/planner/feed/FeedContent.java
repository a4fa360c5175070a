package dev.stockbridge.planner.feed;

import java.io.OutputStream;

/**
 * Writes one feed file's bytes, e.g. {@code out -> starter.writeSalesOrders(store::forEach, out)}.
 * Publishing and uploading call it once, with a stream to a temporary file, and move the file to
 * its final name only if it returns normally.
 */
@FunctionalInterface
public interface FeedContent {

  /**
   * Writes the file. Must not close the stream.
   *
   * @param out where the bytes go
   * @return what was written
   * @throws FeedException if writing fails
   */
  FeedReport writeTo(OutputStream out);
}
