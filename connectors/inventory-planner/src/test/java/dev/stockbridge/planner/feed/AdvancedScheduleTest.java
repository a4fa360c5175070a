package dev.stockbridge.planner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdvancedScheduleTest {

  private static final AdvancedSchedule LONDON = AdvancedSchedule.nightly(ZoneId.of("Europe/London"));

  @Test
  void shouldAimAnHourBeforeTheHourBeforeTheImport_inTheAccountsTimeZone() {
    // Winter: 02:00 London is 02:00Z; files due 01:00Z; the run at 00:00Z.
    assertThat(LONDON.deadlineAfter(Instant.parse("2024-03-01T12:00:00Z"))).isEqualTo("2024-03-02T01:00:00Z");
    assertThat(LONDON.nextRun(Instant.parse("2024-03-01T12:00:00Z"))).isEqualTo("2024-03-02T00:00:00Z");
    // Summer time: 02:00 London is 01:00Z.
    assertThat(LONDON.deadlineAfter(Instant.parse("2024-07-01T12:00:00Z"))).isEqualTo("2024-07-02T00:00:00Z");
    // Inside the window: run at once.
    assertThat(LONDON.nextRun(Instant.parse("2024-03-02T00:30:00Z"))).isEqualTo("2024-03-02T00:30:00Z");
  }

  @Test
  void shouldAlert_whenNothingWasUploadedInTheDayBeforeTheDeadline() {
    Instant afterDeadline = Instant.parse("2024-03-02T01:30:00Z");

    assertThat(LONDON.late(afterDeadline, Optional.of(Instant.parse("2024-03-01T23:10:00Z")))).isEmpty();
    assertThat(LONDON.late(afterDeadline, Optional.of(Instant.parse("2024-03-01T00:40:00Z"))))
        .hasValueSatisfying(alert -> assertThat(alert.runId())
            .isEqualTo("Advanced feed not uploaded before 01:00 Europe/London for the planner's 2024-03-02 02:00 import"
                + " (last upload: 2024-03-01T00:40:00Z)"));
    assertThat(LONDON.late(afterDeadline, Optional.empty())).isPresent();
  }
}
