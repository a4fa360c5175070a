package dev.stockbridge.examples.runner;

import dev.stockbridge.StockbridgeException;

/** The command line is wrong: an unknown command or option, or a missing argument. */
final class UsageException extends StockbridgeException {

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the command line and what to type instead
   */
  UsageException(String message) {
    super(message);
  }
}
