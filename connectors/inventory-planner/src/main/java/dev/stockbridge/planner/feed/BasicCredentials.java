package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;

/**
 * A user name and password for HTTP basic authentication. {@link #toString()} never shows the
 * password.
 *
 * @param username the user name; must not contain a colon
 * @param password the password
 */
public record BasicCredentials(String username, String password) {

  /**
   * Validates the credentials.
   *
   * @throws InvalidValueException if either is blank or the user name contains a colon; the
   *     message never holds the password
   */
  public BasicCredentials {
    Fields.notBlank("username", username);
    if (username.contains(":")) {
      throw new InvalidValueException("username", username, "must not contain a colon");
    }
    if (password == null || password.isBlank()) {
      throw new InvalidValueException("password", "<redacted>", "must not be blank");
    }
  }

  @Override
  public String toString() {
    return "BasicCredentials[username=" + username + ", password=<redacted>]";
  }
}
