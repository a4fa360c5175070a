package dev.stockbridge.planner.feed;

import java.time.Instant;

/**
 * Writes an instant exactly as {@link Instant#toString()} does (ISO-8601 in UTC, seconds always,
 * a fraction only when non-zero, in groups of three digits), without building a string: the
 * sales-orders file writes two per row. Years outside 0000-9999 fall back to {@code toString()}.
 */
final class Instants {

  private static final long SECONDS_PER_DAY = 86_400;

  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
  private static final long MIN = -62_167_219_200L;
  private static final long MAX = 253_402_300_799L;

  private Instants() {}

  static void write(Instant instant, CsvRows out) {
    long seconds = instant.getEpochSecond();
    if (seconds < MIN || seconds > MAX) {
      out.ascii(instant.toString());
      return;
    }
    long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    out.room(32);
    DatePart date = out.lastDay;
    if (date.days != days) {
      date.set(days);
    }
    out.put(date.bytes, date.bytes.length);
    out.digits(secondOfDay / 3600, 2);
    out.put(':');
    out.digits(secondOfDay / 60 % 60, 2);
    out.put(':');
    out.digits(secondOfDay % 60, 2);
    int nanos = instant.getNano();
    if (nanos != 0) {
      out.put('.');
      if (nanos % 1_000_000 == 0) {
        out.digits(nanos / 1_000_000, 3);
      } else if (nanos % 1000 == 0) {
        out.digits(nanos / 1000, 6);
      } else {
        out.digits(nanos, 9);
      }
    }
    out.put('Z');
  }

  /** One day as {@code YYYY-MM-DDT}, in ASCII. */
  static final class DatePart {
    long days = Long.MIN_VALUE;
    final byte[] bytes = new byte[11];

    void set(long epochDay) {
      days = epochDay;
      long[] ymd = civil(epochDay);
      write(ymd[0], 4, 0);
      bytes[4] = '-';
      write(ymd[1], 2, 5);
      bytes[7] = '-';
      write(ymd[2], 2, 8);
      bytes[10] = 'T';
    }

    private void write(long value, int width, int at) {
      for (int i = at + width - 1; i >= at; i--) {
        bytes[i] = (byte) ('0' + value % 10);
        value /= 10;
      }
    }
  }

  /** Days since the epoch to year, month and day. */
  private static long[] civil(long days) {
    // Days to civil date (H. Hinnant's algorithm, proleptic Gregorian, as java.time uses).
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long monthIndex = (5 * dayOfYear + 2) / 153;
    long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return new long[] {year, month, day};
  }
}

