package dev.stockbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.simulation.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

class RateLimitedWarningsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T18:30:00Z"));
  private final List<String> lines = new ArrayList<>();
  private final RateLimitedWarnings warnings = RateLimitedWarnings.hourly(capturing(lines), clock);

  /** A logger that keeps each WARN line as it would be formatted. */
  private static Logger capturing(List<String> lines) {
    return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
        (proxy, method, args) -> {
          if (method.getName().equals("warn") && args.length == 3) {
            lines.add(MessageFormatter.format((String) args[0], args[1], args[2]).getMessage());
          }
          return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
        });
  }

  @Test
  void shouldLogTheSameCauseOncePerHour_withTheCountOfRepeats_whenItRecursEveryCycle() {
    for (int cycle = 0; cycle < 61; cycle++) { // a sync cycle a minute, for an hour and a minute
      warnings.warn("ENTRY_NOT_FOUND|CAP@dc", "ENTRY_NOT_FOUND for CAP@dc: supply update not applied");
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(lines).containsExactly(
        "ENTRY_NOT_FOUND for CAP@dc: supply update not applied",
        "ENTRY_NOT_FOUND for CAP@dc: supply update not applied (repeated 59 times in the 60 min since last logged)");
  }

  @Test
  void shouldLogEachCauseOnItsOwn() {
    assertThat(warnings.warn("a", "first a")).isTrue();
    assertThat(warnings.warn("b", "first b")).isTrue();
    assertThat(warnings.warn("a", "again a")).isFalse();

    assertThat(lines).containsExactly("first a", "first b");
  }

  @Test
  void shouldLogWithoutACount_whenNothingRepeatedWithinTheHour() {
    warnings.warn("a", "once");
    clock.advance(Duration.ofHours(2));
    warnings.warn("a", "once more");

    assertThat(lines).containsExactly("once", "once more");
  }
}
