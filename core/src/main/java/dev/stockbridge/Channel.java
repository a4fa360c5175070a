package dev.stockbridge;

/**
 * A sales channel (a commercetools distribution channel or store) through which stock is sold.
 * Available-to-sell controls such as buffers and caps apply per channel.
 *
 * @param key the channel key, e.g. {@code "web-uk"}
 */
public record Channel(String key) implements Comparable<Channel> {

  /**
   * Validates the key.
   *
   * @throws InvalidValueException if the key is null, blank or padded
   */
  public Channel {
    key = Checks.token("channel", key, 256);
  }

  /**
   * Creates a channel.
   *
   * @param key the channel key
   * @return the channel
   * @throws InvalidValueException if the key is null, blank or padded
   */
  public static Channel of(String key) {
    return new Channel(key);
  }

  @Override
  public int compareTo(Channel other) {
    return key.compareTo(other.key);
  }

  @Override
  public String toString() {
    return key;
  }
}
