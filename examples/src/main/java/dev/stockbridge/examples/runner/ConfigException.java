package dev.stockbridge.examples.runner;

import dev.stockbridge.StockbridgeException;

/**
 * The runner's configuration is missing, malformed or inconsistent. The message says what is
 * wrong and what to fix, in one line; it never holds a secret.
 */
final class ConfigException extends StockbridgeException {

  /**
   * Creates the exception.
   *
   * @param message what is wrong and what to fix
   */
  ConfigException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause, kept for {@code --debug}.
   *
   * @param message what is wrong and what to fix
   * @param cause the underlying failure
   */
  ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
