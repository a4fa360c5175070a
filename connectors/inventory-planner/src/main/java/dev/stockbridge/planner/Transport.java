package dev.stockbridge.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to one account: authentication headers, the throttle, error bodies turned into
 * typed exceptions, and retries (429 always, since the server did not process the request; 5xx and
 * I/O failures such as timeouts only for idempotent methods). Never logs headers or bodies, so the
 * API key and webhook secrets stay out of logs. Thread-safe.
 */
final class Transport {

  private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE");
  private static final Duration USE_BACKOFF = Duration.ofNanos(-1);
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  private static final int EXCERPT = 200;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http;
  private final URI baseUri;
  private final String apiKey;
  private final String accountId;
  private final String userAgent;
  private final Duration requestTimeout;
  private final Throttle throttle;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  /**
   * Creates the transport.
   *
   * @param baseUri the base URL
   * @param apiKey the API key
   * @param accountId the account id
   * @param userAgent the User-Agent
   * @param connectTimeout the connect timeout
   * @param requestTimeout the response timeout
   * @param throttle the account's throttle
   * @param maxRetries retries after the first attempt
   * @param initialBackoff the first retry delay
   * @param maxBackoff the longest retry delay
   */
  public Transport(
      URI baseUri,
      String apiKey,
      String accountId,
      String userAgent,
      Duration connectTimeout,
      Duration requestTimeout,
      Throttle throttle,
      int maxRetries,
      Duration initialBackoff,
      Duration maxBackoff) {
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.baseUri = baseUri;
    this.apiKey = apiKey;
    this.accountId = accountId;
    this.userAgent = userAgent;
    this.requestTimeout = requestTimeout;
    this.throttle = throttle;
    this.maxRetries = maxRetries;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * The JSON mapper, for building request bodies.
   *
   * @return the mapper
   */
  public ObjectMapper json() {
    return json;
  }

  /**
   * Sends a request and reads its JSON answer.
   *
   * @param method the HTTP method
   * @param pathAndQuery e.g. {@code /api/v1/variants?page=0&limit=500}
   * @param body the JSON body, or null
   * @return the parsed answer ({@link com.fasterxml.jackson.databind.node.MissingNode} when empty)
   * @throws PlannerApiException if the API answered with an error status, after any retries
   * @throws PlannerException if the request could not be sent or the answer read
   */
  public JsonNode send(String method, String pathAndQuery, JsonNode body) {
    String request = method + " " + pathAndQuery;
    boolean idempotent = IDEMPOTENT.contains(method);
    RetryPolicy<JsonNode> retry =
        RetryPolicy.<JsonNode>builder()
            .handleIf((result, failure) -> retryable(failure, idempotent))
            .withBackoff(initialBackoff, maxBackoff)
            .withDelayFn(context -> context.getLastException() instanceof PlannerApiException e && e.status() == 429
                ? Duration.ZERO // the throttle waits out Retry-After for every request of the account
                : USE_BACKOFF)
            .withMaxRetries(maxRetries)
            .onRetry(event -> LOG.debug("retrying {} after {}", request, event.getLastException().toString()))
            .build();
    return Failsafe.with(retry).get(() -> attempt(request, method, pathAndQuery, body));
  }

  private JsonNode attempt(String request, String method, String pathAndQuery, JsonNode body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUri + pathAndQuery))
            .timeout(requestTimeout)
            .header("Authorization", apiKey)
            .header("Account", accountId)
            .header("Accept", "application/json")
            .header("User-Agent", userAgent);
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder.header("Content-Type", "application/json");
      builder.method(method, HttpRequest.BodyPublishers.ofByteArray(write(request, body)));
    }
    HttpResponse<byte[]> response;
    try {
      throttle.acquire();
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new PlannerException(request, "timed out after " + requestTimeout, e);
    } catch (IOException e) {
      throw new PlannerException(request, "could not be sent: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlannerException(request, "interrupted", e);
    }
    return read(request, response);
  }

  private JsonNode read(String request, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String text = new String(response.body(), StandardCharsets.UTF_8);
    boolean html = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT).contains("html")
        || text.stripLeading().startsWith("<");
    if (status == 403 && html) {
      throw new PlannerBlockedException(request, excerpt(text));
    }
    if (status >= 200 && status < 300) {
      if (text.isBlank()) {
        return json.missingNode();
      }
      if (html) {
        throw new PlannerException(request, "expected JSON, got HTML: " + excerpt(text), null);
      }
      return parse(request, text);
    }
    Duration retryAfter = null;
    if (status == 429) {
      retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(""));
      throttle.holdFor(retryAfter);
    }
    throw new PlannerApiException(request, status, apiMessage(text), retryAfter);
  }

  private String apiMessage(String text) {
    try {
      JsonNode message = json.readTree(text).path("result").path("message");
      if (message.isTextual() && !message.asText().isBlank()) {
        return message.asText();
      }
    } catch (IOException e) {
      // not JSON: fall back to an excerpt of the body
    }
    return text.isBlank() ? "(empty body)" : excerpt(text);
  }

  private JsonNode parse(String request, String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new PlannerException(request, "answer is not valid JSON: " + excerpt(text), e);
    }
  }

  private byte[] write(String request, JsonNode body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new PlannerException(request, "body could not be written", e);
    }
  }

  private static boolean retryable(Throwable failure, boolean idempotent) {
    if (failure instanceof PlannerBlockedException) {
      return false;
    }
    if (failure instanceof PlannerApiException e) {
      return e.status() == 429 || (idempotent && e.status() >= 500);
    }
    return idempotent && failure instanceof PlannerException e && e.getCause() instanceof IOException;
  }

  /** Seconds or an HTTP date; one second when absent or unreadable. */
  static Duration retryAfter(String header) {
    String value = header.strip();
    if (value.isEmpty()) {
      return DEFAULT_RETRY_AFTER;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(Instant.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException notDate) {
        return DEFAULT_RETRY_AFTER;
      }
    }
  }

  private static String excerpt(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
  }
}
