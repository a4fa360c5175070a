package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.demand.DemandLine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends an Advanced CSV connection what it needs, one sync at a time: the first sync sends the full
 * set (every file type, the warehouse and vendor files required to hold at least one row), later
 * syncs only the rows updated after the newest one sent before (less an optional overlap), and
 * only the types that have any. Each file is written
 * and checked against its schema locally ({@link AdvancedFileSet}) before anything is uploaded,
 * then uploaded in dependency order under a unique, sortable name into its type's subdirectory.
 *
 * <p>State (the run number, a watermark per type, when the last upload finished) lives in {@code
 * advanced-sync.properties} in the state directory, saved after each uploaded file: a sync that
 * stops halfway resends, next time, only what did not go up. Staged files are written to {@code
 * outbox/} there and deleted once uploaded.
 *
 * <p>Rows held back for want of a mapping are listed in each file's report and told to the feeds'
 * {@link HeldRows}. Sales-order rows held back are also kept in the sync state (by id, with when
 * each was updated) and read again by every later sync, so a row goes up once its mapping arrives,
 * though the watermark has passed it, and never twice. For the other types the watermark moves past
 * them, so sending them once mapped is the held set's
 * job, not the sync's. Not thread-safe: one sync at a time per state directory.
 */
public final class AdvancedSync {

  /** Where staged files go: anything that takes a subdirectory, a name and the content. */
  @FunctionalInterface
  public interface Transport {

    /**
     * Uploads one file atomically, e.g. {@link SftpUploader#upload(String, String, FeedContent)}.
     *
     * @param subdirectory the remote subdirectory of the file's type
     * @param fileName the file's unique name
     * @param content writes the file
     * @return what the content reported
     * @throws FeedException if the upload fails
     */
    FeedReport upload(String subdirectory, String fileName, FeedContent content);
  }

  private final AdvancedFeeds feeds;
  private final Transport transport;
  private final Path stateDirectory;
  private final Clock clock;
  private final Duration overlap;
  private final Function<AdvancedFile, String> subdirectories;

  private AdvancedSync(Builder builder) {
    this.feeds = builder.feeds;
    this.transport = builder.transport;
    this.stateDirectory = builder.stateDirectory;
    this.clock = builder.clock;
    this.overlap = builder.overlap;
    this.subdirectories = builder.subdirectories;
  }

  /**
   * Starts configuring a sync.
   *
   * @param feeds writes the files
   * @param transport uploads them, e.g. {@code uploader::upload} of an {@link SftpUploader}
   * @param stateDirectory where the sync keeps its state and stages files
   * @return a builder
   * @throws InvalidValueException if an argument is null
   */
  public static Builder builder(AdvancedFeeds feeds, Transport transport, Path stateDirectory) {
    return new Builder(feeds, transport, stateDirectory);
  }

  /**
   * When the last sync finished uploading, for freshness checks.
   *
   * @return the instant, or empty before the first upload
   * @throws FeedException if the state cannot be read
   */
  public Optional<Instant> lastUpload() {
    return SyncState.load(stateDirectory).lastUpload();
  }

  /**
   * Runs one sync.
   *
   * @param source the rows to send
   * @return what was uploaded, in order
   * @throws FeedSchemaException if a file does not match its schema; nothing was uploaded
   * @throws FeedException if the initial set lacks a warehouse or vendor (nothing was uploaded),
   *     or writing or uploading fails (the files before it went up and are remembered)
   */
  public Result run(AdvancedSource source) {
    Fields.notNull("source", source);
    SyncState state = SyncState.load(stateDirectory);
    long run = state.run() + 1;
    Instant started = clock.instant();
    boolean initial = state.watermark(AdvancedFile.WAREHOUSE).isEmpty();
    Map<AdvancedFile, Instant[]> newest = new EnumMap<>(AdvancedFile.class);
    Map<String, Instant> nowHeld = new HashMap<>();
    AdvancedFileSet set = AdvancedFileSet.create();
    for (AdvancedFile type : AdvancedFile.values()) {
      Optional<Instant> watermark = state.watermark(type);
      // Initial: everything. Later: strictly after the watermark, or within the overlap before it.
      Instant after = watermark.map(at -> at.minus(overlap)).orElse(Instant.EPOCH.minusNanos(1));
      Instant[] max = {watermark.orElse(Instant.EPOCH)};
      newest.put(type, max);
      set.add(type, content(type, source, after, max, state, nowHeld));
    }
    state.run(run);
    state.save(); // the run number is used even if nothing goes up, so names never repeat
    List<AdvancedFileSet.StagedFile> staged = set.stage(stateDirectory.resolve("outbox"), started, run);
    List<Uploaded> uploaded = new ArrayList<>();
    try {
      requireReferenceRows(staged, state);
      String bundles = feeds.bundleFingerprint();
      for (AdvancedFileSet.StagedFile file : staged) {
        AdvancedFile type = file.type();
        if (type == AdvancedFile.SALES_ORDER) {
          state.held(nowHeld); // saved with the file's upload, or below when it has nothing to send
        }
        boolean firstOfType = state.watermark(type).isEmpty();
        // The component file is written from the catalogue, whole: it changes only with it.
        boolean changed = type == AdvancedFile.VARIANT_COMPONENT
            ? !state.bundles().equals(Optional.of(bundles))
            : file.report().rowsWritten() > 0;
        if (!firstOfType && !changed) {
          continue; // nothing new of this type: the planner needs no file
        }
        String subdirectory = subdirectories.apply(type);
        transport.upload(subdirectory, file.name(), out -> copy(file, out));
        state.watermark(type, newest.get(type)[0]);
        if (type == AdvancedFile.VARIANT_COMPONENT) {
          state.bundles(bundles);
        }
        state.lastUpload(clock.instant());
        state.save();
        uploaded.add(new Uploaded(type, subdirectory, file.name(), file.report()));
      }
      state.save();
    } finally {
      staged.forEach(AdvancedFileSet.StagedFile::delete);
    }
    return new Result(run, initial, uploaded);
  }

  private static void requireReferenceRows(List<AdvancedFileSet.StagedFile> staged, SyncState state) {
    for (AdvancedFileSet.StagedFile file : staged) {
      boolean reference = file.type() == AdvancedFile.WAREHOUSE || file.type() == AdvancedFile.VENDOR;
      if (reference && state.watermark(file.type()).isEmpty() && file.report().rowsWritten() == 0) {
        throw new FeedException(file.name(), "the initial sync needs at least one " + file.type().name().toLowerCase()
            + " row, and the source gave none that could be mapped (" + file.type().specification() + "); nothing was uploaded", null);
      }
    }
  }

  private FeedContent content(AdvancedFile type, AdvancedSource source, Instant after, Instant[] max, SyncState state, Map<String, Instant> nowHeld) {
    return switch (type) {
      case WAREHOUSE -> out -> feeds.writeWarehouses(rows(source::warehouses, after, max, FeedWarehouse::updatedAt), out);
      case VENDOR -> out -> feeds.writeVendors(rows(source::vendors, after, max, FeedVendor::updatedAt), out);
      case VARIANT -> out -> feeds.writeVariants(rows(source::variants, after, max, FeedVariant::updatedAt), out);
      case VARIANT_COMPONENT -> out -> {
        max[0] = clock.instant();
        return feeds.writeVariantComponents(max[0], out);
      };
      case VARIANT_VENDOR -> out -> feeds.writeVariantVendors(rows(source::variantVendors, after, max, VariantVendor::updatedAt), out);
      case VARIANT_WAREHOUSE -> out -> feeds.writeVariantWarehouses(rows(source::stock, after, max, VariantStock::updatedAt), out);
      case SALES_ORDER -> out -> salesOrders(source, after, max, state.held(), nowHeld, out);
    };
  }

  /**
   * The sales-order file: the rows updated since the watermark, and the rows held back before for
   * want of a mapping (read again from the oldest of them), each once. Rows held back this time are
   * noted in {@code nowHeld}, so a row is sent once its mapping arrives, and never twice.
   */
  private FeedReport salesOrders(AdvancedSource source, Instant after, Instant[] max, Map<String, Instant> heldBefore, Map<String, Instant> nowHeld,
      OutputStream out) {
    DemandLine[] current = new DemandLine[1];
    Rows<DemandLine> fresh = rows(source::demand, after, max, DemandLine::updatedAt);
    Rows<DemandLine> rows = action -> { // the writer may pass over the rows more than once: each pass is whole
      Set<String> seen = new HashSet<>(); // held rows already met among the fresh ones: bounded by the held set
      fresh.forEach(row -> {
        if (heldBefore.containsKey(row.id())) {
          seen.add(row.id());
        }
        current[0] = row;
        action.accept(row);
      });
      heldBefore.values().stream().min(Instant::compareTo).ifPresent(oldest ->
          source.demand(oldest, row -> {
            if (heldBefore.containsKey(row.id()) && seen.add(row.id())) {
              current[0] = row;
              action.accept(row);
            }
          }));
    };
    return feeds.writeSalesOrders(rows, out, (feed, rowId, unmapped) -> nowHeld.put(rowId, current[0].updatedAt()));
  }

  /** The source's rows updated after {@code after}, noting the newest. */
  private static <T> Rows<T> rows(BiConsumer<Instant, Consumer<T>> source, Instant after, Instant[] max,
      Function<T, Instant> updatedAt) {
    Instant since = after.plusNanos(1);
    return action -> source.accept(since, row -> {
      Instant at = updatedAt.apply(row);
      if (!at.isAfter(after)) {
        return;
      }
      if (at.isAfter(max[0])) {
        max[0] = at;
      }
      action.accept(row);
    });
  }

  private static FeedReport copy(AdvancedFileSet.StagedFile file, OutputStream out) {
    try {
      Files.copy(file.path(), out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the staged file " + file.path(), e);
    }
    return file.report();
  }

  /**
   * What one sync uploaded.
   *
   * @param run the sync's number
   * @param initial whether it was the first, sending the full set
   * @param files the files uploaded, in upload order; empty when nothing had changed
   */
  public record Result(long run, boolean initial, List<Uploaded> files) {

    /** Copies. */
    public Result {
      files = List.copyOf(files);
    }
  }

  /**
   * One uploaded file.
   *
   * @param type its type
   * @param subdirectory the remote subdirectory it went to
   * @param fileName its name there
   * @param report what writing it reported, with the rows held back
   */
  public record Uploaded(AdvancedFile type, String subdirectory, String fileName, FeedReport report) {}

  /** Configures an {@link AdvancedSync}. Not thread-safe. */
  public static final class Builder {

    private final AdvancedFeeds feeds;
    private final Transport transport;
    private final Path stateDirectory;
    private Clock clock = Clock.systemUTC();
    private Duration overlap = Duration.ZERO;
    private Function<AdvancedFile, String> subdirectories = AdvancedFile::entity;

    private Builder(AdvancedFeeds feeds, Transport transport, Path stateDirectory) {
      this.feeds = Fields.notNull("feeds", feeds);
      this.transport = Fields.notNull("transport", transport);
      this.stateDirectory = Fields.notNull("stateDirectory", stateDirectory);
    }

    /**
     * Sets the clock for file names and the upload time.
     *
     * @param clock the clock; default UTC system clock
     * @return this builder
     * @throws InvalidValueException if the clock is null
     */
    public Builder clock(Clock clock) {
      this.clock = Fields.notNull("clock", clock);
      return this;
    }

    /**
     * Sets how far before the newest row sent an incremental sync starts again, for a source that
     * stores rows late with an earlier update time. Rows in the overlap are sent again every sync,
     * which the planner takes as updates.
     *
     * @param overlap the overlap; default none
     * @return this builder
     * @throws InvalidValueException if it is null or negative
     */
    public Builder overlap(Duration overlap) {
      if (Fields.notNull("overlap", overlap).isNegative()) {
        throw new InvalidValueException("overlap", overlap, "must not be negative");
      }
      this.overlap = overlap;
      return this;
    }

    /**
     * Sets the remote subdirectory of each file type. The planner's names for them are not
     * documented publicly (unverified); the default is {@link AdvancedFile#entity()}.
     *
     * @param subdirectories the subdirectory of each type: a plain name
     * @return this builder
     * @throws InvalidValueException if it is null
     */
    public Builder subdirectories(Function<AdvancedFile, String> subdirectories) {
      this.subdirectories = Fields.notNull("subdirectories", subdirectories);
      return this;
    }

    /**
     * Builds the sync.
     *
     * @return the sync
     */
    public AdvancedSync build() {
      return new AdvancedSync(this);
    }
  }

  @Override
  public String toString() {
    return "AdvancedSync[" + stateDirectory + "]";
  }
}
