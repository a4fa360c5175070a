package dev.stockbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.demand.InMemoryDemandStore;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.flow.FeedFlow;
import dev.stockbridge.flow.FeedInput;
import dev.stockbridge.flow.FeedPublication;
import dev.stockbridge.flow.FeedPublisher;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The feeds in the embedded runtime: on their own cadence, reported like every other flow. */
class StockbridgeFeedsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T01:00:00Z"));
  private int publishes;
  private boolean failing;

  private final FeedPublisher publisher = new FeedPublisher() {
    @Override
    public Set<Location> locations() {
      return Set.of(Location.of("dc"));
    }

    @Override
    public FeedPublication publish(FeedInput input) {
      publishes++;
      if (failing) {
        throw new StockbridgeException("the SFTP server refused the login");
      }
      return new FeedPublication(List.of(), "run " + publishes);
    }
  };

  private Stockbridge stockbridge(InMemoryStorefront storefront) {
    StockEngine engine = StockEngine.builder().storefront(storefront).journal(new InMemoryJournal()).exceptionStore(new CollectingExceptionStore()).build();
    FeedFlow feeds = new FeedFlow(action -> { }, storefront, new InMemoryDemandStore(), publisher, clock);
    return Stockbridge.builder().engine(engine).feeds(feeds, Duration.ofHours(1)).clock(clock).build();
  }

  @Test
  void shouldPublishInTheFirstCycle_thenOnlyWhenTheIntervalHasPassed() {
    try (Stockbridge stockbridge = stockbridge(new InMemoryStorefront())) {
      Cycle first = stockbridge.runOnce();
      clock.advance(Duration.ofMinutes(59));
      Cycle early = stockbridge.runOnce();
      clock.advance(Duration.ofMinutes(1));
      Cycle due = stockbridge.runOnce();

      assertThat(first.feeds()).hasValueSatisfying(run -> assertThat(run.publication().note()).isEqualTo("run 1"));
      assertThat(early.feeds()).as("59 minutes after: not due").isEmpty();
      assertThat(due.feeds()).hasValueSatisfying(run -> assertThat(run.publication().note()).isEqualTo("run 2"));
      assertThat(stockbridge.flows().get("feeds")).satisfies(status -> {
        assertThat(status.runs()).as("a cycle in which the feeds were not due is no run").isEqualTo(2);
        assertThat(status.lastSuccess()).contains(clock.instant());
      });
    }
  }

  @Test
  void shouldReportAFailedPublish_andTryAgainAtTheNextCycle() {
    try (Stockbridge stockbridge = stockbridge(new InMemoryStorefront())) {
      failing = true;
      Cycle failed = stockbridge.runOnce();
      failing = false;
      clock.advance(Duration.ofMinutes(1));
      Cycle retried = stockbridge.runOnce();

      assertThat(failed.failures()).containsOnlyKeys("feeds");
      assertThat(failed.feeds()).isEmpty();
      assertThat(retried.feeds()).as("a failed run does not wait out the interval").isPresent();
      assertThat(stockbridge.flows().get("feeds")).satisfies(status -> {
        assertThat(status.runs()).isEqualTo(2);
        assertThat(status.failures()).isEqualTo(1);
        assertThat(status.lastFailure()).isEmpty();
      });
      assertThat(publishes).isEqualTo(2);
    }
  }
}
