package dev.stockbridge.postgres;

import dev.stockbridge.InvalidValueException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how a {@link PostgresStore} connects: the JDBC URL, the user, the password (by default
 * from the environment variable {@value #PASSWORD_VARIABLE}, never from a file), driver properties
 * passed through unchanged (TLS: {@code ssl}, {@code sslmode}, {@code sslrootcert}, ...), and the
 * pool's size. Immutable; {@link #toString()} never shows the password.
 *
 * @param url the JDBC URL, e.g. {@code jdbc:postgresql://db:5432/stockbridge}
 * @param user the database user
 * @param password the password, empty for trust or certificate authentication
 * @param properties driver properties, passed to the PostgreSQL JDBC driver as they are
 * @param poolSize the most connections the pool opens (the lease holds one more of its own)
 * @param connectTimeout how long to wait for a connection before failing
 */
public record PostgresConfig(
    String url,
    String user,
    Optional<String> password,
    Map<String, String> properties,
    int poolSize,
    Duration connectTimeout) {

  /** The environment variable the password is read from by {@link #fromEnvironment}. */
  public static final String PASSWORD_VARIABLE = "STOCKBRIDGE_PG_PASSWORD";

  /**
   * Validates and copies.
   *
   * @throws InvalidValueException if the URL is not a PostgreSQL JDBC URL, the user is blank, the
   *     pool holds fewer than two connections or the timeout is not positive
   */
  public PostgresConfig {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new InvalidValueException("url", url, "must start with jdbc:postgresql:");
    }
    if (user == null || user.isBlank()) {
      throw new InvalidValueException("user", user, "must not be blank");
    }
    if (password == null) {
      throw new InvalidValueException("password", null, "must not be null (use Optional.empty())");
    }
    properties = Map.copyOf(properties == null ? Map.of() : properties);
    // Two at least: a stream over the demand store may run while its consumer stores rows.
    if (poolSize < 2) {
      throw new InvalidValueException("poolSize", poolSize, "must be at least 2");
    }
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new InvalidValueException("connectTimeout", connectTimeout, "must be positive");
    }
  }

  /**
   * A configuration with the password from {@value #PASSWORD_VARIABLE} (none if it is unset), no
   * extra driver properties, a pool of 8 and a 10 s connect timeout.
   *
   * @param url the JDBC URL
   * @param user the user
   * @return the configuration
   * @throws InvalidValueException if a value is invalid
   */
  public static PostgresConfig fromEnvironment(String url, String user) {
    return new PostgresConfig(url, user, Optional.ofNullable(System.getenv(PASSWORD_VARIABLE)),
        Map.of(), 8, Duration.ofSeconds(10));
  }

  /**
   * This configuration with more driver properties, e.g. {@code sslmode=verify-full}.
   *
   * @param more the properties to add or replace
   * @return the new configuration
   */
  public PostgresConfig withProperties(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.putAll(more);
    return new PostgresConfig(url, user, password, all, poolSize, connectTimeout);
  }

  /**
   * This configuration with another password.
   *
   * @param secret the password
   * @return the new configuration
   */
  public PostgresConfig withPassword(String secret) {
    return new PostgresConfig(url, user, Optional.ofNullable(secret), properties, poolSize, connectTimeout);
  }

  /**
   * This configuration with another pool size.
   *
   * @param size the most pooled connections, at least 2
   * @return the new configuration
   */
  public PostgresConfig withPoolSize(int size) {
    return new PostgresConfig(url, user, password, properties, size, connectTimeout);
  }

  /** Shows everything but the password, and any driver property that names one. */
  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>();
    properties.forEach((k, v) -> shown.put(k, k.toLowerCase().contains("password") ? "***" : v));
    return "PostgresConfig[url=" + url + ", user=" + user + ", password="
        + (password.isPresent() ? "***" : "none") + ", properties=" + shown + ", poolSize=" + poolSize
        + ", connectTimeout=" + connectTimeout + "]";
  }
}
