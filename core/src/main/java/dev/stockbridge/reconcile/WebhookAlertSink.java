package dev.stockbridge.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Posts alerts as Slack-compatible JSON ({@code text} for notifications, {@code blocks} for the
 * body). Retries I/O failures, 429 and 5xx with exponential backoff; other statuses fail at once.
 * Thread-safe.
 */
final class WebhookAlertSink implements AlertSink {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Webhook webhook;
  private final HttpClient client;
  private final RetryPolicy<HttpResponse<String>> retry;

  WebhookAlertSink(Webhook webhook) {
    this.webhook = webhook;
    this.client = HttpClient.newBuilder().connectTimeout(webhook.timeout()).build();
    this.retry = RetryPolicy.<HttpResponse<String>>builder()
        .handle(IOException.class)
        .handleResultIf(r -> r.statusCode() == 429 || r.statusCode() >= 500)
        .withBackoff(webhook.initialBackoff(), webhook.initialBackoff().multipliedBy(30))
        .withMaxRetries(webhook.maxRetries())
        .build();
  }

  @Override
  public void send(Alert alert) {
    HttpRequest request = HttpRequest.newBuilder(webhook.url())
        .timeout(webhook.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(payload(alert)))
        .build();
    String target = Webhook.redact(webhook.url());
    HttpResponse<String> response;
    try {
      response = Failsafe.with(retry).get(() -> client.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new AlertDeliveryException(target, 0, e.getCause());
    }
    if (response.statusCode() / 100 != 2) {
      throw new AlertDeliveryException(target, response.statusCode(), null);
    }
  }

  /** The Slack-compatible payload. */
  static String payload(Alert alert) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", escape(alert.summary()));
    ArrayNode blocks = root.putArray("blocks");
    StringBuilder head = new StringBuilder("*").append(escape(alert.summary())).append("*");
    alert.report().ifPresent(uri -> head.append("\n<").append(escape(uri.toString())).append("|Open the report>"));
    section(blocks, head.toString());
    StringBuilder owners = new StringBuilder("By owner:");
    for (Map.Entry<?, Long> e : alert.byOwner().entrySet()) {
      owners.append(' ').append(e.getKey()).append(' ').append(e.getValue());
    }
    section(blocks, owners.toString());
    for (Discrepancy d : alert.samples()) {
      section(blocks, "*" + d.kind() + "* `" + escape(d.subject()) + "` (" + d.owner() + "): "
          + escape(d.detail()) + "\n_" + escape(d.cause().description()) + "_ → " + escape(d.action()));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }

  private static void section(ArrayNode blocks, String markdown) {
    ObjectNode section = blocks.addObject();
    section.put("type", "section");
    ObjectNode text = section.putObject("text");
    text.put("type", "mrkdwn");
    text.put("text", markdown);
  }

  /** Slack's mrkdwn needs only these three escaped. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
