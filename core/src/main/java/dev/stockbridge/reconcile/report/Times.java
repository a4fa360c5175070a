package dev.stockbridge.reconcile.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Shows instants in the shop's zone, to the second: people read these, not machines. */
final class Times {

  private final DateTimeFormatter text;
  private final DateTimeFormatter iso;
  private final DateTimeFormatter day;

  Times(ZoneId zone) {
    this.text = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT).withZone(zone);
    this.iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    this.day = DateTimeFormatter.ofPattern("dd MMM", Locale.ROOT).withZone(zone);
  }

  /** For people, e.g. {@code 2026-11-27 22:05:00 GMT}. */
  String text(Instant at) {
    return text.format(at.truncatedTo(ChronoUnit.SECONDS));
  }

  /** For machines, with the zone's offset, e.g. {@code 2026-11-27T22:05:00Z}. */
  String iso(Instant at) {
    return iso.format(at.truncatedTo(ChronoUnit.SECONDS));
  }

  /** A short date for chart labels, e.g. {@code 27 Nov}. */
  String day(Instant at) {
    return day.format(at);
  }
}
