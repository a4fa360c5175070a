package dev.stockbridge.flow;

import dev.stockbridge.Checks;
import java.util.List;

/**
 * What a {@link FeedPublisher} published in one run. Immutable.
 *
 * @param files each file written or uploaded, in order
 * @param note the publisher's own summary, e.g. when the next upload is due; may be empty
 */
public record FeedPublication(List<PublishedFile> files, String note) {

  /** Copies. */
  public FeedPublication {
    files = List.copyOf(Checks.notNull("files", files));
    Checks.notNull("note", note);
  }

  /**
   * One published file.
   *
   * @param name where it went: a path, or a remote directory and file name
   * @param rowsRead rows read from the source (products, demand lines)
   * @param rowsWritten rows in the file
   * @param rowsHeld rows held back for want of a mapping (sent once their mapping arrives)
   * @param held the first few held-back values, each with its reason and row count
   */
  public record PublishedFile(String name, long rowsRead, long rowsWritten, long rowsHeld, List<String> held) {

    /** Validates and copies. */
    public PublishedFile {
      Checks.notNull("name", name);
      Checks.nonNegative("rowsRead", rowsRead);
      Checks.nonNegative("rowsWritten", rowsWritten);
      Checks.nonNegative("rowsHeld", rowsHeld);
      held = List.copyOf(Checks.notNull("held", held));
    }
  }
}
