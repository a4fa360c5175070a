package dev.stockbridge.examples.runner;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps for the runner's progress lines: UTC, to the second. Stateless. */
final class Timestamps {

  private Timestamps() {}

  /** Now, e.g. {@code 2026-12-01T20:41:18Z}. @return the timestamp */
  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
