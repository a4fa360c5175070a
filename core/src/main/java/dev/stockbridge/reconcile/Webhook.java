package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import java.net.URI;
import java.time.Duration;

/**
 * Where and how a webhook sink posts. The URL of a Slack incoming webhook is itself the secret, so
 * {@link #toString()} shows only its scheme and host.
 *
 * @param url the webhook URL, http or https
 * @param timeout how long one attempt may take
 * @param maxRetries how many times a transient failure (I/O, 429, 5xx) is retried
 * @param initialBackoff the first delay between attempts; doubles up to 30 times it
 */
public record Webhook(URI url, Duration timeout, int maxRetries, Duration initialBackoff) {

  /**
   * Validates the settings.
   *
   * @throws InvalidValueException if the URL is not absolute http(s), a duration is not positive or
   *     retries are negative
   */
  public Webhook {
    Checks.notNull("url", url);
    if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
      throw new InvalidValueException("url", redact(url), "must be an absolute http(s) URL");
    }
    positive("timeout", timeout);
    positive("initialBackoff", initialBackoff);
    if (maxRetries < 0) {
      throw new InvalidValueException("maxRetries", maxRetries, "must not be negative");
    }
  }

  /**
   * A webhook with a 10 s timeout and 3 retries starting 500 ms apart.
   *
   * @param url the webhook URL
   * @return the settings
   * @throws InvalidValueException if the URL is not absolute http(s)
   */
  public static Webhook of(URI url) {
    return new Webhook(url, Duration.ofSeconds(10), 3, Duration.ofMillis(500));
  }

  @Override
  public String toString() {
    return "Webhook[" + redact(url) + ", timeout=" + timeout + ", maxRetries=" + maxRetries + "]";
  }

  static String redact(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + "/…";
  }

  private static void positive(String field, Duration d) {
    if (Checks.notNull(field, d).isNegative() || d.isZero()) {
      throw new InvalidValueException(field, d, "must be positive");
    }
  }
}
