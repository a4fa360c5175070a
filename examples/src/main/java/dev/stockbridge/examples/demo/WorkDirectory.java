package dev.stockbridge.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo's working directory: a temporary one is the demo's own and is cleared when it ends,
 * all but the reports; one the user named is left as it is, for them to inspect.
 */
final class WorkDirectory {

  private final Path path;
  private final boolean temporary;

  private WorkDirectory(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
  }

  /** A new temporary directory, {@code stockbridge-demo…} under the system's temporary directory. */
  static WorkDirectory temporary() throws IOException {
    return own(Files.createTempDirectory("stockbridge-demo"));
  }

  /** A directory the demo made for itself, cleared when it ends. */
  static WorkDirectory own(Path path) {
    return new WorkDirectory(path, true);
  }

  /** A directory the user chose; nothing in it is deleted. */
  static WorkDirectory kept(Path path) {
    return new WorkDirectory(path, false);
  }

  Path path() {
    return path;
  }

  Path reports() {
    return path.resolve("reports");
  }

  /**
   * Deletes everything but the reports if the directory is the demo's own (all of it if there are
   * none), and says where the report is.
   *
   * @param report the report to keep
   * @return one line for the reader: where the report is and what was deleted
   */
  String finish(Path report) {
    if (!temporary) {
      return "reconciliation report: " + report + " (the journal and the rest are kept in " + path + ")";
    }
    try (Stream<Path> top = Files.list(path)) {
      for (Path entry : top.filter(p -> !p.equals(reports())).toList()) {
        deleteTree(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not clear the demo's working directory " + path, e);
    }
    return "reconciliation report: " + report + " (open it in a browser; the demo's journal was deleted, "
        + "delete " + path + " when done)";
  }

  /** Deletes the whole directory: for a run that ends before writing a report. */
  void delete() {
    if (temporary) {
      deleteTree(path);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : deepestFirst) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }
}
