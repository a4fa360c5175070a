package dev.stockbridge.spi;

import dev.stockbridge.InvalidValueException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The durable identity of a movement journal: the name under which it records, on each storefront
 * entry, the highest sequence of its own that the entry has applied ({@link LedgerMarks}). A new
 * data directory is a new ledger, so its sequences never pass for another's; a journal restored
 * from a backup keeps its identity, and the engine notices that an entry's mark of its own is ahead
 * of what the journal holds.
 *
 * @param id a short random id, letters, digits and {@code -} only
 * @param adoptsLegacyMarker whether this ledger wrote the entries' single-number marker before
 *     ledgers had identities (a journal upgraded in place): it reads that marker as its own when
 *     the entry holds no mark of it, and keeps writing it beside its own mark, so that a rollback
 *     reads what it wrote
 */
public record Ledger(String id, boolean adoptsLegacyMarker) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,32}");
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Validates the identity.
   *
   * @throws InvalidValueException if the id is null or not 1 to 32 letters, digits or {@code -}
   */
  public Ledger {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidValueException("ledger", id, "must be 1 to 32 letters, digits or '-'");
    }
  }

  /**
   * A new ledger with a random id of 16 characters (80 bits).
   *
   * @param adoptsLegacyMarker whether it takes the single-number marker as its own
   * @return the ledger
   */
  public static Ledger random(boolean adoptsLegacyMarker) {
    char[] id = new char[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new Ledger(new String(id), adoptsLegacyMarker);
  }

  /**
   * The highest sequence of this ledger an entry shows applied: its own mark, else (for a ledger
   * that adopts it) the single-number marker, else 0.
   *
   * @param entry the entry as read
   * @return the sequence, 0 if none of this ledger's movements was applied
   */
  public long appliedOn(StockEntry entry) {
    var own = entry.marks().sequence(id);
    if (own.isPresent()) {
      return own.getAsLong();
    }
    return adoptsLegacyMarker ? entry.appliedSequence() : 0;
  }
}
