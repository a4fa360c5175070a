package dev.stockbridge.planner.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.StockbridgeException;
import dev.stockbridge.flow.FeedCycle;
import dev.stockbridge.flow.FeedPublication;
import dev.stockbridge.reconcile.Alert;
import dev.stockbridge.simulation.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The nightly Advanced upload: the window before the deadline, retries of network failures, the late alert. */
class NightlyUploadsTest {

  /** 22:00 UTC: the window opens at 00:00, the deadline is 01:00. */
  private final List<String> heard = new ArrayList<>();
  private final List<Alert> alerts = new ArrayList<>();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T22:00:00Z"));

  private final NightlyUploads.Listener listener = new NightlyUploads.Listener() {
    @Override
    public void planned(Instant start, Instant deadline) {
      heard.add("planned " + start + " due " + deadline);
    }

    @Override
    public void uploaded(FeedCycle run) {
      heard.add("uploaded at " + clock.instant());
    }

    @Override
    public void retrying(RuntimeException failure, Instant again) {
      heard.add("retry at " + again + ": " + failure.getMessage());
    }

    @Override
    public void late(Alert alert) {
      heard.add("late");
    }
  };

  private NightlyUploads uploads() {
    return new NightlyUploads(AdvancedSchedule.nightly(ZoneOffset.UTC), clock, at -> clock.set(at.isAfter(clock.instant()) ? at : clock.instant()), Duration.ofMinutes(10),
        failure -> failure.getMessage().startsWith("network"), alerts::add);
  }

  private FeedCycle cycle() {
    return new FeedCycle(clock.instant(), 0, List.of(), new FeedPublication(List.of(), ""));
  }

  @Test
  void shouldUploadWhenTheWindowOpens_andWaitForTheDeadline() throws InterruptedException {
    Optional<FeedCycle> night = uploads().night(this::cycle, listener);

    assertThat(night).isPresent();
    assertThat(heard).containsExactly("planned 2026-12-02T00:00:00Z due 2026-12-02T01:00:00Z", "uploaded at 2026-12-02T00:00:00Z");
    assertThat(clock.instant()).as("then it waits for the deadline before planning the next night").isEqualTo(Instant.parse("2026-12-02T01:00:00Z"));
    assertThat(alerts).isEmpty();
  }

  @Test
  void shouldRetryNetworkFailuresUntilTheDeadline_thenAlert() throws InterruptedException {
    Supplier<FeedCycle> down = () -> {
      throw new StockbridgeException("network: connection refused");
    };

    Optional<FeedCycle> night = uploads().night(down, listener);

    assertThat(night).isEmpty();
    assertThat(heard).hasSize(1 + 6 + 1).first().asString().startsWith("planned");
    assertThat(heard.get(1)).isEqualTo("retry at 2026-12-02T00:10:00Z: network: connection refused");
    assertThat(heard.get(6)).as("the last retry is the deadline itself").isEqualTo("retry at 2026-12-02T01:00:00Z: network: connection refused");
    assertThat(heard).last().isEqualTo("late");
    assertThat(alerts).singleElement().satisfies(alert -> assertThat(alert.runId()).contains("not uploaded before 01:00"));
  }

  @Test
  void shouldSucceedOnARetry_withoutAnAlert() throws InterruptedException {
    int[] calls = {0};
    Optional<FeedCycle> night = uploads().night(() -> {
      if (calls[0]++ == 0) {
        throw new StockbridgeException("network: timeout");
      }
      return cycle();
    }, listener);

    assertThat(night).isPresent();
    assertThat(heard).containsExactly("planned 2026-12-02T00:00:00Z due 2026-12-02T01:00:00Z", "retry at 2026-12-02T00:10:00Z: network: timeout",
        "uploaded at 2026-12-02T00:10:00Z");
    assertThat(alerts).isEmpty();
  }

  @Test
  void shouldEndOnAFailureThatIsNotTransient() {
    assertThatThrownBy(() -> uploads().night(() -> {
      throw new StockbridgeException("the SFTP host key changed");
    }, listener)).isInstanceOf(StockbridgeException.class).hasMessage("the SFTP host key changed");
    assertThat(alerts).isEmpty();
  }
}
