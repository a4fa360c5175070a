package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import java.util.List;

/**
 * What writing one feed file did.
 *
 * @param rowsRead how many source rows (demand lines, products…) were read
 * @param rowsWritten how many data rows the file holds, header excluded; bundles exploded to
 *     components may make this larger than {@code rowsRead}
 * @param problems the unmapped values whose rows were held back, in the order first met; empty
 *     when every row was written
 */
public record FeedReport(long rowsRead, long rowsWritten, List<FeedProblem> problems) {

  /**
   * Validates and copies.
   *
   * @throws InvalidValueException if a count is negative or the list is null
   */
  public FeedReport {
    if (rowsRead < 0 || rowsWritten < 0 || problems == null) {
      throw new InvalidValueException("report", rowsRead + "/" + rowsWritten, "must have counts and problems");
    }
    problems = List.copyOf(problems);
  }

  /**
   * Whether every row that belonged in the file was written.
   *
   * @return true when there are no problems
   */
  public boolean complete() {
    return problems.isEmpty();
  }

  /**
   * This report as a core flow's published file.
   *
   * @param name where the file went
   * @return the file, each held-back value described as {@code reason key (n rows)}
   */
  public dev.stockbridge.flow.FeedPublication.PublishedFile published(String name) {
    long held = problems.stream().mapToLong(FeedProblem::rows).sum();
    List<String> described = problems.stream().map(problem -> problem.reason() + " " + problem.key() + " (" + problem.rows() + " rows)").toList();
    return new dev.stockbridge.flow.FeedPublication.PublishedFile(name, rowsRead, rowsWritten, held, described);
  }
}
