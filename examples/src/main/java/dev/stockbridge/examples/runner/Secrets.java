package dev.stockbridge.examples.runner;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The secrets the runner takes from environment variables only, never from the configuration file,
 * read through an injectable lookup so tests can supply them. Thread-safe if the lookup is.
 */
final class Secrets {

  /** The commercetools API client's secret. */
  static final String CT_CLIENT_SECRET = "STOCKBRIDGE_CT_CLIENT_SECRET";
  /** The Inventory Planner API key. */
  static final String IP_API_KEY = "STOCKBRIDGE_IP_API_KEY";
  /** The password of the Advanced connection's SFTP login. */
  static final String SFTP_PASSWORD = "STOCKBRIDGE_SFTP_PASSWORD";
  /** The basic-auth password of a served Starter feed. */
  static final String FEED_PASSWORD = "STOCKBRIDGE_FEED_PASSWORD";

  /** The password of the key store {@code feeds serve} serves HTTPS with. */
  static final String FEED_TLS_PASSWORD = "STOCKBRIDGE_FEED_TLS_PASSWORD";

  /** The PostgreSQL store's password (store.kind postgres). */
  static final String PG_PASSWORD = "STOCKBRIDGE_PG_PASSWORD";

  /** The token the status page and metrics endpoint ask for. */
  static final String STATUS_TOKEN = "STOCKBRIDGE_STATUS_TOKEN";

  private static final List<String> ALL = List.of(CT_CLIENT_SECRET, IP_API_KEY, SFTP_PASSWORD, FEED_PASSWORD, FEED_TLS_PASSWORD, STATUS_TOKEN, PG_PASSWORD);

  private final Function<String, String> env;

  /**
   * Reads secrets through a lookup.
   *
   * @param env the environment, e.g. {@code System::getenv}
   */
  Secrets(Function<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /**
   * The value of a secret variable.
   *
   * @param name the variable
   * @param what what the secret is, for the message
   * @return the value
   * @throws ConfigException if the variable is not set or blank
   */
  String require(String name, String what) {
    String value = env.apply(name);
    if (value == null || value.isBlank()) {
      throw new ConfigException("environment variable " + name + " is not set: export it with " + what);
    }
    return value;
  }

  /**
   * The value of an optional secret variable.
   *
   * @param name the variable
   * @return the value, or empty when unset or blank
   */
  java.util.Optional<String> optional(String name) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value);
  }

  /**
   * Replaces every secret value that appears in a text with {@code ****}: the last guard before a
   * line is printed.
   *
   * @param text the text
   * @return the text without secrets
   */
  String redact(String text) {
    String clean = text;
    for (String name : ALL) {
      String value = env.apply(name);
      if (value != null && value.length() >= 4) {
        clean = clean.replace(value, "****");
      }
    }
    return clean;
  }
}
