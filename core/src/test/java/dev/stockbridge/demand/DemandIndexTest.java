package dev.stockbridge.demand;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.store.RecordLog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the index's committed mark may be trusted for. */
class DemandIndexTest {

  @TempDir Path dir;

  private DemandIndex open() {
    return DemandIndex.open(dir.resolve("demand.log.index"), dir.resolve("demand.log"), 1, DemandIndex.SORT_LIMIT);
  }

  @Test
  void shouldNotTrustItsMark_whenACommitHeldRangesIndexedPastIt() {
    RecordLog.Mark first = new RecordLog.Mark(100, 200, 7);
    DemandIndex index = open();
    index.clear(); // as opening does before indexing a log from its start
    index.covered(0, first); // nothing before the frontier of 0 yet: the range from 0 is the frontier's
    index.covered(300, new RecordLog.Mark(300, 400, 9)); // past a gap: pending
    index.commit();
    index.abandon(); // a crash: the gap never filled

    DemandIndex reopened = open();
    try {
      assertThat(reopened.mark()).as("entries past the mark fit only the log they came from: rebuild").isNull();
    } finally {
      reopened.close();
    }
  }

  @Test
  void shouldTrustItsMark_whenEveryRangeIndexedIsCoveredByIt() {
    RecordLog.Mark first = new RecordLog.Mark(100, 200, 7);
    RecordLog.Mark second = new RecordLog.Mark(200, 300, 8);
    DemandIndex index = open();
    index.clear();
    index.covered(0, first);
    index.covered(200, second);
    index.commit();
    index.abandon();

    DemandIndex reopened = open();
    try {
      assertThat(reopened.mark()).isEqualTo(second);
    } finally {
      reopened.close();
    }
  }
}
