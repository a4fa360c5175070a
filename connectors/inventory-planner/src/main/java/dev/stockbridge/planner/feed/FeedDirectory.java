package dev.stockbridge.planner.feed;


import dev.stockbridge.InvalidValueException;
import dev.stockbridge.store.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory that feed files are published to atomically, e.g. the one a {@link FeedServer}
 * serves or a web server's document root. A file is written under a hidden temporary name in the
 * same directory, forced to disk, then renamed over the final name in one atomic step ({@link
 * AtomicFile}): a reader
 * sees the previous complete file or the new complete file, never a partial one. Thread-safe;
 * publishing one name from two threads at once leaves whichever finished last.
 */
public final class FeedDirectory {

  private final Path directory;

  private FeedDirectory(Path directory) {
    this.directory = directory;
  }

  /**
   * A feed directory, created if missing.
   *
   * @param directory the directory
   * @return the feed directory
   * @throws InvalidValueException if the path is null
   * @throws FeedException if the directory cannot be created
   */
  public static FeedDirectory of(Path directory) {
    Fields.notNull("directory", directory);
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new FeedException(directory.toString(), "could not create the feed directory: " + e, e);
    }
    return new FeedDirectory(directory);
  }

  /**
   * The directory's path.
   *
   * @return the path
   */
  public Path path() {
    return directory;
  }

  /**
   * Writes a file and moves it to its final name atomically; if writing fails, the temporary file
   * is deleted and the final name keeps its previous content.
   *
   * @param fileName the final file name, e.g. {@link StarterFeeds#SALES_ORDERS}; a plain name, no
   *     directories
   * @param content writes the file
   * @return what the content reported
   * @throws InvalidValueException if the name is not a plain file name, or an argument is null
   * @throws FeedException if writing or moving fails, or the content throws it or an {@link
   *     UncheckedIOException}
   */
  public FeedReport publish(String fileName, FeedContent content) {
    Path target = directory.resolve(plainName(fileName));
    Fields.notNull("content", content);
    try {
      return AtomicFile.write(target, content::writeTo);
    } catch (IOException | UncheckedIOException e) {
      throw new FeedException(target.toString(), "could not publish: " + e.getMessage(), e);
    }
  }

  static String plainName(String fileName) {
    Fields.notBlank("fileName", fileName);
    if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")
        || !fileName.equals(fileName.strip())) {
      throw new InvalidValueException("fileName", fileName,
          "must be a plain file name: no directories, no leading dot or spaces");
    }
    return fileName;
  }

  @Override
  public String toString() {
    return "FeedDirectory[" + directory + "]";
  }
}
