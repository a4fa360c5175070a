package dev.stockbridge.engine;

import dev.stockbridge.InvalidValueException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A weekly window of peak order traffic, in a time zone, during which non-critical lanes pause.
 * Written as {@code "Fri 18:00-22:00 Europe/London"}; a window whose end is not after its start
 * runs past midnight into the next day ({@code "Sat 22:00-02:00 UTC"}).
 *
 * @param day the day the window starts
 * @param start the local start time, inclusive
 * @param end the local end time, exclusive
 * @param zone the time zone the times are in (daylight saving applies)
 */
public record PeakWindow(DayOfWeek day, LocalTime start, LocalTime end, ZoneId zone) {

  private static final Pattern SYNTAX =
      Pattern.compile("(?i)\\s*([a-z]{3})[a-z]*\\s+(\\d{1,2}:\\d{2})\\s*[-–]\\s*(\\d{1,2}:\\d{2})\\s+(\\S+)\\s*");

  /**
   * Validates the window.
   *
   * @throws InvalidValueException if a field is null or start equals end
   */
  public PeakWindow {
    if (day == null || start == null || end == null || zone == null) {
      throw new InvalidValueException("peakWindow", day + " " + start + "-" + end + " " + zone, "must name day, start, end and zone");
    }
    if (start.equals(end)) {
      throw new InvalidValueException("peakWindow", day + " " + start + "-" + end, "must not be empty");
    }
  }

  /**
   * Parses a window such as {@code "Fri 18:00-22:00 Europe/London"}.
   *
   * @param text the window
   * @return the window
   * @throws InvalidValueException naming the text if it does not parse
   */
  public static PeakWindow parse(String text) {
    Matcher m = text == null ? null : SYNTAX.matcher(text);
    if (m == null || !m.matches()) {
      throw new InvalidValueException("peakWindow", text, "must look like \"Fri 18:00-22:00 Europe/London\"");
    }
    try {
      return new PeakWindow(day(m.group(1)), time(m.group(2)), time(m.group(3)), ZoneId.of(m.group(4)));
    } catch (DateTimeException e) {
      throw new InvalidValueException("peakWindow", text, "has an invalid time or zone: " + e.getMessage());
    }
  }

  /**
   * Whether an instant falls inside this window (in any week).
   *
   * @param instant the instant
   * @return {@code true} inside the window
   */
  public boolean contains(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    LocalTime time = local.toLocalTime();
    if (end.isAfter(start)) {
      return local.getDayOfWeek() == day && !time.isBefore(start) && time.isBefore(end);
    }
    return (local.getDayOfWeek() == day && !time.isBefore(start))
        || (local.getDayOfWeek() == day.plus(1) && time.isBefore(end));
  }

  @Override
  public String toString() {
    return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + start + "-" + end + " " + zone;
  }

  private static DayOfWeek day(String prefix) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().regionMatches(true, 0, prefix, 0, 3)) {
        return d;
      }
    }
    throw new DateTimeException("unknown day " + prefix);
  }

  private static LocalTime time(String text) {
    return LocalTime.parse(text.length() == 4 ? "0" + text : text);
  }
}
