package dev.stockbridge.journal;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.CompactedKey;
import dev.stockbridge.InventoryState;
import dev.stockbridge.store.LogFormat;
import dev.stockbridge.store.RecordLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the snapshot of frozen segments: every movement still unapplied or accepted within the
 * retention (with its time stamp), in their order, then one {@link CompactedKey} per key carrying
 * its sequences and the units the dropped movements moved. Applied marks and the dropped movements
 * go. Two streaming passes (sequences first, then the copy), so memory holds one entry per key,
 * never the movements. Runs on one thread; the segments it reads are frozen and not deleted before
 * it ends.
 */
final class Compaction {

  private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);
  private static final int CHUNK = 4096;

  /** What one key's records add up to. */
  private static final class KeyState {
    long last;
    long applied;
    Map<InventoryState, Long> units;

    void add(InventoryState state, long quantity) {
      if (units == null) {
        units = new HashMap<>(4);
      }
      units.merge(state, quantity, Long::sum);
    }
  }

  /** What a compaction did, for the log and for tests. */
  record Result(long generation, long kept, long dropped, int keys, long bytesBefore, long bytesAfter) {}

  private Compaction() {}

  /**
   * Writes the snapshot of the segments under {@code target}, atomically.
   *
   * @param segments the frozen segments in replay order; the last one's generation names the result
   * @param cutoffMillis applied movements accepted before it are dropped
   * @param unknownMillis the time of movements written before time stamps existed
   * @param step told each step as it is done (a seam for crash tests)
   * @throws IOException if the snapshot cannot be written or moved; nothing is replaced
   * @throws dev.stockbridge.store.RecordLogException if a segment cannot be read or the snapshot written
   */
  static Result write(List<Generations.Segment> segments, Path target, LogFormat format, RecordLog.Forcer forcer,
      long cutoffMillis, long unknownMillis, Consumer<String> step) throws IOException {
    Map<StockKey, KeyState> keys = new HashMap<>();
    long before = 0;
    for (Generations.Segment segment : segments) {
      before += segment.log.size();
      JournalFiles.read(segment.log, unknownMillis, (record, at) -> {
        if (record instanceof JournalRecord.Accepted accepted) {
          KeyState state = keys.computeIfAbsent(accepted.movement().key(), k -> new KeyState());
          state.last = Math.max(state.last, accepted.movement().sequence());
        } else if (record instanceof JournalRecord.Applied applied) {
          KeyState state = keys.computeIfAbsent(applied.key(), k -> new KeyState());
          state.applied = Math.max(state.applied, applied.sequence());
        } else if (record instanceof JournalRecord.Summary summary) {
          CompactedKey compacted = summary.summary();
          KeyState state = keys.computeIfAbsent(compacted.key(), k -> new KeyState());
          state.last = Math.max(state.last, compacted.lastSequence());
          state.applied = Math.max(state.applied, compacted.appliedSequence());
          compacted.units().forEach(state::add);
        }
      });
    }
    step.accept("read");
    Path part = target.resolveSibling(target.getFileName() + ".part");
    Files.deleteIfExists(part);
    long[] counts = new long[2];
    RecordLog out = RecordLog.open(part, format, forcer);
    try {
      List<ByteBuffer> chunk = new ArrayList<>(CHUNK);
      long[] stamp = {Long.MIN_VALUE};
      for (Generations.Segment segment : segments) {
        JournalFiles.read(segment.log, unknownMillis, (record, at) -> {
          if (!(record instanceof JournalRecord.Accepted accepted)) {
            return;
          }
          Movement movement = accepted.movement();
          KeyState state = keys.get(movement.key());
          if (movement.sequence() <= state.applied && at < cutoffMillis) {
            state.add(movement.state(), movement.quantity());
            counts[1]++;
            return;
          }
          if (at != stamp[0]) {
            chunk.add(JournalCodec.encode(new JournalRecord.Time(at)));
            stamp[0] = at;
          }
          chunk.add(JournalCodec.encode(accepted));
          counts[0]++;
          flush(out, chunk, false);
        });
      }
      for (var entry : keys.entrySet()) {
        KeyState state = entry.getValue();
        Map<InventoryState, Long> units = state.units == null ? Map.of() : state.units;
        units.values().removeIf(sum -> sum == 0);
        if (state.last == 0 && state.applied == 0 && units.isEmpty()) {
          continue; // only a mark of 0: nothing to remember
        }
        chunk.add(JournalCodec.encode(new JournalRecord.Summary(
            new CompactedKey(entry.getKey(), state.last, state.applied, units))));
        flush(out, chunk, false);
      }
      flush(out, chunk, true);
    } finally {
      out.close(); // forces the whole file
    }
    step.accept("written");
    long after = Files.size(part);
    Files.move(part, target, ATOMIC_MOVE);
    step.accept("renamed");
    return new Result(segments.get(segments.size() - 1).generation, counts[0], counts[1], keys.size(), before, after);
  }

  /**
   * One compaction: rolls to a new log, writes the snapshot of everything before it, makes its name
   * durable and installs it (deleting what it covers).
   */
  static Result run(Generations generations, RecordLog.Forcer forcer, long cutoffMillis, long unknownMillis, Consumer<String> steps) {
    List<Generations.Segment> frozen = generations.roll();
    steps.accept("rolled");
    long generation = frozen.get(frozen.size() - 1).generation;
    Path target = generations.directory().resolve(Generations.snapshotName(generation));
    Result result;
    try {
      result = write(frozen, target, JournalCodec.FORMAT, forcer, cutoffMillis, unknownMillis, steps);
    } catch (IOException e) {
      throw new JournalIoException(target, "compact", e);
    }
    generations.forceDirectory();
    steps.accept("durable");
    generations.install(target, generation, steps);
    LOG.info("journal {} compacted into {}: {} movements kept, {} applied and older than the retention folded into {} keys,"
            + " {} bytes before, {} after", generations.directory(), target.getFileName(), result.kept(), result.dropped(),
        result.keys(), result.bytesBefore(), result.bytesAfter());
    return result;
  }

  private static void flush(RecordLog out, List<ByteBuffer> chunk, boolean all) {
    if (chunk.size() >= CHUNK || (all && !chunk.isEmpty())) {
      out.write(chunk);
      chunk.clear();
    }
  }
}
