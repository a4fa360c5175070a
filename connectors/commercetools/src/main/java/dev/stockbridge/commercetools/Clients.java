package dev.stockbridge.commercetools;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.defaultconfig.ApiRootBuilder;
import dev.failsafe.TimeoutExceededException;
import io.vrap.rmf.base.client.ApiHttpException;
import io.vrap.rmf.base.client.oauth2.ClientCredentials;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/** Builds the SDK client from a configuration, with the SDK's own retry, bulkhead and timeout policies. */
final class Clients {

  /** Statuses worth retrying: rate limit and gateway or availability failures. */
  static final List<Integer> RETRY_STATUSES = List.of(429, 502, 503, 504);

  private Clients() {}

  static ProjectApiRoot build(CommercetoolsConfig config) {
    ClientCredentials credentials =
        ClientCredentials.of()
            .withClientId(config.clientId())
            .withClientSecret(config.clientSecret())
            .withScopes(config.scopes().isEmpty() ? null : String.join(" ", config.scopes()))
            .build();
    long maxRetryAfterMillis = config.maxRetryAfter().toMillis();
    return ApiRootBuilder.of()
        .defaultClient(credentials, config.tokenUrl().toString(), config.apiUrl().toString())
        // Retries are safe for updates too: every update names the entry version, so a retried
        // request that had in fact been applied answers 409 instead of applying twice.
        .withPolicies(
            policies ->
                policies
                    .withRetry(
                        retry ->
                            retry
                                .maxRetries(config.maxRetries())
                                .initialDelay(50)
                                .maxDelay(2_000)
                                .statusCodes(RETRY_STATUSES)
                                .failures(List.of(TimeoutExceededException.class, TimeoutException.class, IOException.class))
                                .options(
                                    b ->
                                        b.withDelayFn(ctx -> Objects.requireNonNullElse(atLeast(retryAfter(ctx.getLastException())), BACKOFF))
                                            .abortIf((response, failure) -> {
                                              Duration wait = retryAfter(failure);
                                              return wait != null && wait.toMillis() > maxRetryAfterMillis;
                                            })))
                    .withBulkhead(config.maxConcurrentRequests(), config.requestTimeout())
                    .withTimeout(config.requestTimeout()))
        .build(config.projectKey());
  }

  /**
   * A delay that, after the SDK's ±25 % jitter, still waits at least what Retry-After asked for.
   */
  private static Duration atLeast(Duration retryAfter) {
    return retryAfter == null ? null : retryAfter.multipliedBy(4).dividedBy(3);
  }

  /** What a delay function returns for "use the policy's own backoff" (Failsafe takes negative so). */
  private static final Duration BACKOFF = Duration.ofMillis(-1);

  /** The wait a 429 asked for; null otherwise. */
  private static Duration retryAfter(Throwable failure) {
    if (failure instanceof ApiHttpException http && http.getStatusCode() == 429 && http.getHeaders() != null) {
      return Calls.retryAfter(http.getHeaders().getFirst("Retry-After"));
    }
    return null;
  }
}
