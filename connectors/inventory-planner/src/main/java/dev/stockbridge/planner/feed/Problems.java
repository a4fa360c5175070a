package dev.stockbridge.planner.feed;

import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.VariantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the rows a feed held back, per unmapped value, in the order first met, and tells the
 * {@link HeldRows} of each: the one rule for unmapped values that every feed follows.
 */
final class Problems {

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private final String feed;
  private final HeldRows held;
  private final Map<String, Tally> tallies = new LinkedHashMap<>();

  Problems(String feed, HeldRows held) {
    this.feed = feed;
    this.held = held;
  }

  /**
   * Whether every part of an exploded line is mapped; each part that is not is held back, so a line
   * is never sent half-mapped.
   */
  boolean allMapped(CatalogueMapping mapping, List<Explosion.Part> parts, String rowId) {
    boolean mapped = true;
    for (Explosion.Part part : parts) {
      if (mapping.variant(part.sku()) instanceof Lookup.Unmapped<VariantId> unmapped) {
        add(unmapped, rowId);
        mapped = false;
      }
    }
    return mapped;
  }

  void add(Lookup.Unmapped<?> unmapped, String rowId) {
    String key = unmapped.key().toString();
    tallies.computeIfAbsent(unmapped.reason() + "\u0000" + key, k -> new Tally(unmapped, key, rowId)).rows++;
    held.held(feed, rowId, unmapped);
  }

  /** The problems found, each also logged at WARN once, naming the feed. */
  List<FeedProblem> report() {
    List<FeedProblem> problems = new ArrayList<>(tallies.size());
    for (Tally tally : tallies.values()) {
      LOG.warn("{}: {} rows held back because {} (first: {})",
          feed, tally.rows, tally.unmapped.message(), tally.firstRowId);
      problems.add(new FeedProblem(tally.unmapped.reason(), tally.key, tally.rows, tally.firstRowId));
    }
    return problems;
  }

  private static final class Tally {
    final Lookup.Unmapped<?> unmapped;
    final String key;
    final String firstRowId;
    long rows;

    Tally(Lookup.Unmapped<?> unmapped, String key, String firstRowId) {
      this.unmapped = unmapped;
      this.key = key;
      this.firstRowId = firstRowId;
    }
  }
}
