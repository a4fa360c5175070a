package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.reconcile.Alert;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When Advanced files must be on the planner's server: it imports nightly at 02:00 in the
 * account's time zone and needs the files "at least an hour before the nightly sync" (help article
 * 10802335), so the deadline is 01:00 there. A scheduler runs in the window before it ({@link
 * #nextRun}, one more hour earlier by default, so a failed upload can be retried in time), and
 * {@link #late} turns a missed deadline into an alert. Immutable and thread-safe.
 */
public final class AdvancedSchedule {

  private final ZoneId zone;
  private final LocalTime importAt;
  private final Duration lead;
  private final Duration margin;

  private AdvancedSchedule(ZoneId zone, LocalTime importAt, Duration lead, Duration margin) {
    this.zone = zone;
    this.importAt = importAt;
    this.lead = lead;
    this.margin = margin;
  }

  /**
   * The planner's documented schedule: import at 02:00, files an hour before, runs an hour before
   * that.
   *
   * @param accountZone the planner account's time zone
   * @return the schedule
   * @throws InvalidValueException if the zone is null
   */
  public static AdvancedSchedule nightly(ZoneId accountZone) {
    return of(accountZone, LocalTime.of(2, 0), Duration.ofHours(1), Duration.ofHours(1));
  }

  /**
   * A schedule.
   *
   * @param zone the account's time zone
   * @param importAt when the planner imports, local time
   * @param lead how long before the import the files must be there
   * @param margin how long before that deadline the scheduler runs
   * @return the schedule
   * @throws InvalidValueException if a part is null or a duration negative
   */
  public static AdvancedSchedule of(ZoneId zone, LocalTime importAt, Duration lead, Duration margin) {
    Fields.notNull("zone", zone);
    Fields.notNull("importAt", importAt);
    if (Fields.notNull("lead", lead).isNegative() || Fields.notNull("margin", margin).isNegative()) {
      throw new InvalidValueException("lead/margin", lead + "/" + margin, "must not be negative");
    }
    return new AdvancedSchedule(zone, importAt, lead, margin);
  }

  /**
   * The first deadline after an instant: the next import less the lead.
   *
   * @param now the instant
   * @return the deadline, strictly after {@code now}
   */
  public Instant deadlineAfter(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    Instant deadline = local.toLocalDate().atTime(importAt).atZone(zone).toInstant().minus(lead);
    while (!deadline.isAfter(now)) {
      local = local.plusDays(1);
      deadline = local.toLocalDate().atTime(importAt).atZone(zone).toInstant().minus(lead);
    }
    return deadline;
  }

  /**
   * When a scheduler should upload next: the margin before the next deadline, or at once when
   * that is already past (inside the window).
   *
   * @param now the instant
   * @return the instant to run at, not before {@code now}
   */
  public Instant nextRun(Instant now) {
    Instant run = deadlineAfter(now).minus(margin);
    return run.isBefore(now) ? now : run;
  }

  /**
   * An alert if the deadline that passed last had no upload in the day before it. An upload after
   * that deadline counts as on time for the next one, so it silences the alert.
   *
   * @param now the instant
   * @param lastUpload when the last upload finished, if ever
   * @return the alert, or empty when the files were there in time
   */
  public Optional<Alert> late(Instant now, Optional<Instant> lastUpload) {
    Instant passed = deadlineAfter(now.minus(Duration.ofDays(1)));
    if (passed.isAfter(now)) {
      return Optional.empty(); // no deadline has passed within the last day
    }
    if (lastUpload.isPresent() && lastUpload.get().isAfter(passed.minus(Duration.ofDays(1)))) {
      return Optional.empty();
    }
    ZonedDateTime at = passed.plus(lead).atZone(zone);
    // Alert is shaped for reconciliation runs; the run id carries what happened.
    String what = "Advanced feed not uploaded before " + passed.atZone(zone).toLocalTime() + " " + zone + " for the planner's "
        + at.toLocalDate() + " " + at.toLocalTime() + " import (last upload: " + lastUpload.map(Instant::toString).orElse("never") + ")";
    return Optional.of(new Alert(what, now, 1, Map.of(), Map.of(), List.of(), Optional.empty()));
  }

  @Override
  public String toString() {
    return "AdvancedSchedule[import " + importAt + " " + zone + ", files " + lead + " before, run " + margin + " earlier]";
  }
}
