package dev.stockbridge.spi;

import dev.stockbridge.InvalidValueException;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The exactly-once marks on one storefront entry, per ledger ({@link Ledger}): the highest
 * sequence of that ledger's movements the entry has applied, and the day it was last written.
 * Several ledgers may write one entry (two data directories, a new machine); each reads only its
 * own mark. A ledger not seen for {@value #RETENTION_DAYS} days is pruned when another writes.
 * Stored by an adapter as {@link #encode()}: {@code id:sequence:epochDay} joined with {@code ,},
 * sorted by id. Immutable.
 *
 * @param marks the marks by ledger id
 */
public record LedgerMarks(Map<String, Mark> marks) {

  /** No marks. */
  public static final LedgerMarks NONE = new LedgerMarks(Map.of());

  /** How long a ledger's mark outlives its last write. */
  public static final long RETENTION_DAYS = 400;

  /**
   * One ledger's mark.
   *
   * @param sequence the highest sequence applied
   * @param epochDay the day it was written, days since 1970-01-01
   */
  public record Mark(long sequence, long epochDay) {}

  /**
   * Validates and copies, sorted by ledger id.
   *
   * @throws InvalidValueException if a mark is null or its sequence negative
   */
  public LedgerMarks {
    TreeMap<String, Mark> sorted = new TreeMap<>();
    for (Map.Entry<String, Mark> mark : marks.entrySet()) {
      new Ledger(mark.getKey(), false);
      if (mark.getValue() == null || mark.getValue().sequence() < 0) {
        throw new InvalidValueException("mark", mark.getValue(), "must be a sequence of at least 0");
      }
      sorted.put(mark.getKey(), mark.getValue());
    }
    marks = Collections.unmodifiableMap(sorted);
  }

  /**
   * The highest sequence a ledger's mark shows applied.
   *
   * @param ledger the ledger id
   * @return the sequence, empty if the ledger holds no mark here
   */
  public OptionalLong sequence(String ledger) {
    Mark mark = marks.get(ledger);
    return mark == null ? OptionalLong.empty() : OptionalLong.of(mark.sequence());
  }

  /**
   * These marks with one ledger's set, and those not written for {@value #RETENTION_DAYS} days
   * before it dropped.
   *
   * @param ledger the ledger id
   * @param sequence its new highest sequence applied
   * @param epochDay today
   * @return the new marks
   */
  public LedgerMarks with(String ledger, long sequence, long epochDay) {
    TreeMap<String, Mark> next = new TreeMap<>(marks);
    next.values().removeIf(mark -> mark.epochDay() < epochDay - RETENTION_DAYS);
    next.put(ledger, new Mark(sequence, epochDay));
    return new LedgerMarks(next);
  }

  /**
   * The stored form.
   *
   * @return {@code id:sequence:epochDay,...}, empty for no marks
   */
  public String encode() {
    StringBuilder out = new StringBuilder();
    marks.forEach((id, mark) -> out.append(out.length() == 0 ? "" : ",").append(id).append(':')
        .append(mark.sequence()).append(':').append(mark.epochDay()));
    return out.toString();
  }

  /**
   * Reads the stored form.
   *
   * @param stored what {@link #encode()} wrote, or null or empty for none
   * @return the marks
   * @throws InvalidValueException if the text is not in that form
   */
  public static LedgerMarks parse(String stored) {
    if (stored == null || stored.isBlank()) {
      return NONE;
    }
    TreeMap<String, Mark> marks = new TreeMap<>();
    for (String part : stored.split(",")) {
      String[] fields = part.split(":");
      if (fields.length != 3) {
        throw new InvalidValueException("ledger marks", stored, "must be id:sequence:epochDay joined with ','");
      }
      try {
        marks.put(fields[0], new Mark(Long.parseLong(fields[1]), Long.parseLong(fields[2])));
      } catch (NumberFormatException e) {
        throw new InvalidValueException("ledger marks", stored, "holds a number that is not one");
      }
    }
    return new LedgerMarks(marks);
  }
}
