package dev.stockbridge.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * How one flow has fared since this process started: when it last ran, last succeeded, and its
 * last failure. Immutable.
 *
 * @param flow the flow's name ({@code "orders"}, {@code "supply"}, {@code "inspections"}, {@code "feeds"})
 * @param runs how many times it ran
 * @param failures how many of those failed
 * @param lastRun when it last ran
 * @param lastSuccess when it last succeeded
 * @param lastFailure the last failure's message, without secrets, if the last run failed
 */
public record FlowStatus(String flow, long runs, long failures, Optional<Instant> lastRun, Optional<Instant> lastSuccess, Optional<String> lastFailure) {

  static FlowStatus initial(String flow) {
    return new FlowStatus(flow, 0, 0, Optional.empty(), Optional.empty(), Optional.empty());
  }

  FlowStatus succeeded(Instant at) {
    return new FlowStatus(flow, runs + 1, failures, Optional.of(at), Optional.of(at), Optional.empty());
  }

  FlowStatus failed(Instant at, RuntimeException failure) {
    return new FlowStatus(flow, runs + 1, failures + 1, Optional.of(at), lastSuccess, Optional.of(String.valueOf(failure.getMessage())));
  }
}
