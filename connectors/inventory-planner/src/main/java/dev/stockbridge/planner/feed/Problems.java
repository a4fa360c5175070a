package dev.stockbridge.planner.feed;

import dev.stockbridge.mapping.Lookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts the rows a feed held back, per unmapped value, in the order first met. */
final class Problems {

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private final Map<String, Tally> tallies = new LinkedHashMap<>();

  void add(Lookup.Unmapped<?> unmapped, String rowId) {
    String key = unmapped.key().toString();
    tallies.computeIfAbsent(unmapped.reason() + "\u0000" + key, k -> new Tally(unmapped, key, rowId)).rows++;
  }

  /** The problems found, each also logged at WARN once, naming the feed. */
  List<FeedProblem> report(String feed) {
    List<FeedProblem> problems = new ArrayList<>(tallies.size());
    for (Tally tally : tallies.values()) {
      LOG.warn("{}: {} rows held back because {} (first: demand line {})",
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
