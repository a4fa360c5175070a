package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;

/**
 * Where alerts go: the extension point for chat, paging or ticketing. Built in: {@link #slf4j()}
 * (the default) and {@link #webhook(Webhook)} (Slack-compatible JSON with retries). Implementations
 * must be thread-safe.
 */
@FunctionalInterface
public interface AlertSink {

  /**
   * Delivers an alert.
   *
   * @param alert the alert
   * @throws AlertDeliveryException if it could not be delivered
   */
  void send(Alert alert);

  /**
   * A sink that logs each alert at WARN through SLF4J, with its counts, samples and report link.
   *
   * @return the sink
   */
  static AlertSink slf4j() {
    return Slf4jAlertSink.INSTANCE;
  }

  /**
   * A sink that posts a Slack-compatible JSON payload, retrying transient failures.
   *
   * @param webhook where and how to post
   * @return the sink
   * @throws dev.stockbridge.InvalidValueException if the webhook is null
   */
  static AlertSink webhook(Webhook webhook) {
    return new WebhookAlertSink(Checks.notNull("webhook", webhook));
  }

  /**
   * Wraps a sink so a failure is logged and swallowed instead of failing the run.
   *
   * @param sink the sink to guard
   * @return the guarded sink
   * @throws dev.stockbridge.InvalidValueException if the sink is null
   */
  static AlertSink guarded(AlertSink sink) {
    Checks.notNull("sink", sink);
    return alert -> {
      try {
        sink.send(alert);
      } catch (RuntimeException e) {
        Slf4jAlertSink.LOG.error("alert for run {} was not delivered: {}", alert.runId(), e.toString());
      }
    };
  }
}
