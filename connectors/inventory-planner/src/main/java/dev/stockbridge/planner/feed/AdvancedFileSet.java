package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Advanced files of one sync, written to a local directory and each checked against its
 * declared schema before any is uploaded: a file that does not match is a local {@link
 * FeedSchemaException} naming the file and the column, where the planner would have skipped it
 * silently. Staged files come back in upload order ({@link AdvancedFile}'s order) under unique
 * names that sort by time, then run, then that order:
 * {@code 20240301T101530123Z-r000042-7-sales-orders.csv}.
 *
 * <p>Not thread-safe; one set per sync.
 */
public final class AdvancedFileSet {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Map<AdvancedFile, FeedContent> files = new EnumMap<>(AdvancedFile.class);

  /**
   * An empty set.
   *
   * @return the set
   */
  public static AdvancedFileSet create() {
    return new AdvancedFileSet();
  }

  private AdvancedFileSet() {}

  /**
   * Adds one file.
   *
   * @param type the file type
   * @param content writes it, e.g. {@code out -> feeds.writeVariants(rows, out)}
   * @return this set
   * @throws InvalidValueException if an argument is null or the type was added already
   */
  public AdvancedFileSet add(AdvancedFile type, FeedContent content) {
    Fields.notNull("type", type);
    Fields.notNull("content", content);
    if (files.putIfAbsent(type, content) != null) {
      throw new InvalidValueException("type", type, "is in the set already: one file per type per sync");
    }
    return this;
  }

  /**
   * The unique, sortable name of a file.
   *
   * @param type the file type
   * @param at when the sync started
   * @param run the sync's number, increasing
   * @return e.g. {@code 20240301T101530123Z-r000042-3-variants.csv}
   */
  public static String fileName(AdvancedFile type, Instant at, long run) {
    return STAMP.format(at) + "-r" + String.format("%06d", run) + "-" + (type.ordinal() + 1) + "-" + type.entity() + ".csv";
  }

  /**
   * Writes every file into a directory and checks each against its schema. If writing or a check
   * fails, the files written so far are deleted and nothing is returned.
   *
   * @param directory a local directory, created if missing
   * @param at when the sync started, for the names
   * @param run the sync's number, for the names
   * @return the staged files, in upload order
   * @throws FeedSchemaException if a file does not match its schema
   * @throws FeedException if a file cannot be written
   */
  public List<StagedFile> stage(Path directory, Instant at, long run) {
    List<StagedFile> staged = new ArrayList<>(files.size());
    try {
      Files.createDirectories(directory);
      for (Map.Entry<AdvancedFile, FeedContent> file : files.entrySet()) {
        AdvancedFile type = file.getKey();
        Path path = directory.resolve(fileName(type, at, run));
        FeedReport report;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
          report = file.getValue().writeTo(out);
        }
        staged.add(new StagedFile(type, path, report));
        type.check(path);
      }
      return staged;
    } catch (IOException | RuntimeException e) {
      for (StagedFile file : staged) {
        file.delete();
      }
      if (e instanceof RuntimeException runtime && !(e instanceof UncheckedIOException)) {
        throw runtime;
      }
      throw new FeedException(directory.toString(), "could not stage the Advanced files: " + e.getMessage(), e);
    }
  }

  /**
   * One written and checked file.
   *
   * @param type its type
   * @param path where it is
   * @param report what writing it reported
   */
  public record StagedFile(AdvancedFile type, Path path, FeedReport report) {

    /**
     * Validates.
     *
     * @throws InvalidValueException if a part is null
     */
    public StagedFile {
      Fields.notNull("type", type);
      Fields.notNull("path", path);
      Fields.notNull("report", report);
    }

    /** The file's name, which is also its name on the server. @return the name */
    public String name() {
      return path.getFileName().toString();
    }

    /** Deletes the local file, if it is still there. */
    public void delete() {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // a leftover staged file is harmless: the next sync writes new names
      }
    }
  }
}
