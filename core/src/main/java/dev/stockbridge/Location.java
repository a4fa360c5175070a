package dev.stockbridge;

/**
 * A stock pool: one physical or logical place whose quantities are counted together. Several
 * storefront supply channels may draw on one location; the location mapping says which.
 *
 * @param key the location key, e.g. {@code "london-dc"}
 */
public record Location(String key) implements Comparable<Location> {

  /**
   * Validates the key.
   *
   * @throws InvalidValueException if the key is null, blank or padded
   */
  public Location {
    key = Checks.token("location", key, 256);
  }

  /**
   * Creates a location.
   *
   * @param key the location key
   * @return the location
   * @throws InvalidValueException if the key is null, blank or padded
   */
  public static Location of(String key) {
    return new Location(key);
  }

  @Override
  public int compareTo(Location other) {
    return key.compareTo(other.key);
  }

  @Override
  public String toString() {
    return key;
  }
}
