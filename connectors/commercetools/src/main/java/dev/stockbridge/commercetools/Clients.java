package dev.stockbridge.commercetools;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.defaultconfig.ApiRootBuilder;
import io.vrap.rmf.base.client.oauth2.ClientCredentials;

/**
 * Builds the SDK client from a configuration, with the SDK's bulkhead and timeout per request but
 * without its retry: retrying is the caller's (the engine's, or {@link Retries} for calls no engine
 * makes), so that no request is sent that nobody counted.
 */
final class Clients {

  private Clients() {}

  static ProjectApiRoot build(CommercetoolsConfig config) {
    ClientCredentials credentials =
        ClientCredentials.of()
            .withClientId(config.clientId())
            .withClientSecret(config.clientSecret())
            .withScopes(config.scopes().isEmpty() ? null : String.join(" ", config.scopes()))
            .build();
    return ApiRootBuilder.of()
        .defaultClient(credentials, config.tokenUrl().toString(), config.apiUrl().toString())
        .withPolicies(
            policies ->
                policies
                    .withBulkhead(config.maxConcurrentRequests(), config.requestTimeout())
                    .withTimeout(config.requestTimeout()))
        .build(config.projectKey());
  }
}
