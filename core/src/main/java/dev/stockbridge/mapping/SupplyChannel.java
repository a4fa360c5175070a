package dev.stockbridge.mapping;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;

/**
 * The commercetools supply channel an inventory entry belongs to: either a channel, named by its
 * key (an opaque token), or {@link #none()} for entries without a supply channel. Mapping files
 * write {@link #none()} as {@value #NONE_TEXT}, which is therefore not accepted as a channel key
 * (commercetools keys and channel ids never contain it).
 */
public sealed interface SupplyChannel permits SupplyChannel.Keyed, SupplyChannel.None {

  /** How mapping files write {@link #none()}. */
  String NONE_TEXT = "*";

  /**
   * A supply channel by key.
   *
   * @param key the channel key or id, e.g. {@code "web-uk"}
   * @return the supply channel
   * @throws InvalidValueException if the key is null, blank, padded, too long or {@value
   *     #NONE_TEXT}
   */
  static SupplyChannel of(String key) {
    return new Keyed(key);
  }

  /**
   * The absent supply channel, for inventory entries that have none.
   *
   * @return the singleton
   */
  static SupplyChannel none() {
    return None.INSTANCE;
  }

  /**
   * Reads the text form that {@link #text()} writes.
   *
   * @param text a channel key, or {@value #NONE_TEXT}
   * @return {@link #none()} for {@value #NONE_TEXT}, else the keyed channel
   * @throws InvalidValueException if the text is null, blank, padded or too long
   */
  static SupplyChannel parse(String text) {
    return NONE_TEXT.equals(text) ? none() : of(text);
  }

  /**
   * The text form used in mapping files and messages.
   *
   * @return the key, or {@value #NONE_TEXT} for {@link #none()}
   */
  String text();

  /**
   * A supply channel named by its key.
   *
   * @param key the channel key or id
   */
  record Keyed(String key) implements SupplyChannel {

    /**
     * Validates the key.
     *
     * @throws InvalidValueException if the key is null, blank, padded, too long or {@value
     *     SupplyChannel#NONE_TEXT}
     */
    public Keyed {
      key = Checks.token("supply_channel", key, 256);
      if (key.equals(NONE_TEXT)) {
        throw new InvalidValueException(
            "supply_channel", key, "is reserved for entries without a supply channel");
      }
    }

    @Override
    public String text() {
      return key;
    }

    @Override
    public String toString() {
      return key;
    }
  }

  /** No supply channel. */
  enum None implements SupplyChannel {
    /** The only instance. */
    INSTANCE;

    @Override
    public String text() {
      return NONE_TEXT;
    }

    @Override
    public String toString() {
      return NONE_TEXT;
    }
  }
}
