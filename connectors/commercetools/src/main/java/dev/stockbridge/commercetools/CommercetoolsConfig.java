package dev.stockbridge.commercetools;

import com.commercetools.api.defaultconfig.ServiceRegion;
import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How to reach one commercetools project: project key, API client credentials and scopes, the API
 * and token URLs (from a {@link ServiceRegion} or given explicitly), and the limits the client
 * keeps: concurrent requests, retries, per-attempt timeout and the longest {@code Retry-After} it
 * waits out itself. Immutable and thread-safe; {@link #toString()} never shows the secret.
 *
 * <p>URLs must use https; plain http is accepted only for loopback hosts (a test server).
 */
public final class CommercetoolsConfig {

  private final String projectKey;
  private final String clientId;
  private final String clientSecret;
  private final List<String> scopes;
  private final URI apiUrl;
  private final URI tokenUrl;
  private final int maxConcurrentRequests;
  private final int maxRetries;
  private final Duration requestTimeout;
  private final Duration maxRetryAfter;

  private CommercetoolsConfig(Builder b) {
    this.projectKey = Checks.notBlank("projectKey", b.projectKey);
    this.clientId = Checks.notBlank("clientId", b.clientId);
    this.clientSecret = requiredSecret(b.clientSecret);
    this.scopes = List.copyOf(b.scopes);
    if (b.apiUrl == null || b.tokenUrl == null) {
      throw new InvalidValueException("apiUrl", b.apiUrl, "and tokenUrl must both be set, or a region");
    }
    this.apiUrl = secure("apiUrl", b.apiUrl);
    this.tokenUrl = secure("tokenUrl", b.tokenUrl);
    this.maxConcurrentRequests = Checks.positive("maxConcurrentRequests", b.maxConcurrentRequests);
    this.maxRetries = (int) Checks.nonNegative("maxRetries", b.maxRetries);
    this.requestTimeout = Checks.positive("requestTimeout", b.requestTimeout);
    this.maxRetryAfter = Checks.notNegative("maxRetryAfter", b.maxRetryAfter);
  }

  /**
   * Starts a configuration.
   *
   * @return a builder with defaults: 16 concurrent requests, 5 retries, a 30 s timeout per
   *     attempt, {@code Retry-After} waited out up to 10 s
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The project key. @return the key */
  public String projectKey() {
    return projectKey;
  }

  /** The API client's id. @return the id */
  public String clientId() {
    return clientId;
  }

  /**
   * The API client's secret, for building the client only: never log it.
   *
   * @return the secret
   */
  String clientSecret() {
    return clientSecret;
  }

  /** The scopes requested, e.g. {@code manage_products:shop}; empty asks for the client's own. @return the scopes */
  public List<String> scopes() {
    return scopes;
  }

  /** The API base URL. @return the URL */
  public URI apiUrl() {
    return apiUrl;
  }

  /** The OAuth token endpoint. @return the URL */
  public URI tokenUrl() {
    return tokenUrl;
  }

  /** How many requests may be in flight at once; more wait in a queue. @return the limit */
  public int maxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  /**
   * How often the connector retries a 429, 502, 503, 504 or timed-out request of a call no engine
   * makes (order feed, catalogue, lookups, the standalone storefront adapter). The engine's adapter
   * is never retried here: the engine retries it.
   *
   * @return the count
   */
  public int maxRetries() {
    return maxRetries;
  }

  /** How long one attempt may take. @return the timeout */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * The longest {@code Retry-After} the client waits out itself; a longer one is surfaced to the
   * caller (the engine backs the key off instead of holding a thread).
   *
   * @return the limit
   */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  @Override
  public String toString() {
    return "CommercetoolsConfig[projectKey=" + projectKey + ", clientId=" + clientId
        + ", clientSecret=****, scopes=" + scopes + ", apiUrl=" + apiUrl + ", tokenUrl=" + tokenUrl
        + ", maxConcurrentRequests=" + maxConcurrentRequests + ", maxRetries=" + maxRetries
        + ", requestTimeout=" + requestTimeout + ", maxRetryAfter=" + maxRetryAfter + "]";
  }

  private static String requiredSecret(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("clientSecret", "****", "must not be blank");
    }
    return value;
  }

  private static URI secure(String field, URI url) {
    String scheme = url.getScheme();
    boolean loopback = "127.0.0.1".equals(url.getHost()) || "localhost".equals(url.getHost()) || "[::1]".equals(url.getHost());
    if ("https".equals(scheme) || ("http".equals(scheme) && loopback)) {
      return url;
    }
    throw new InvalidValueException(field, url, "must use https (plain http only for loopback hosts)");
  }

  /** Collects the settings; not thread-safe. {@link #build()} copies them. */
  public static final class Builder {
    private String projectKey;
    private String clientId;
    private String clientSecret;
    private List<String> scopes = List.of();
    private URI apiUrl;
    private URI tokenUrl;
    private int maxConcurrentRequests = 16;
    private int maxRetries = 5;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration maxRetryAfter = Duration.ofSeconds(10);

    private Builder() {}

    /** Sets the project key. @param projectKey the key @return this builder */
    public Builder projectKey(String projectKey) {
      this.projectKey = projectKey;
      return this;
    }

    /**
     * Sets the API client's credentials.
     *
     * @param clientId the client id
     * @param clientSecret the client secret; kept out of every message and {@code toString}
     * @return this builder
     */
    public Builder credentials(String clientId, String clientSecret) {
      this.clientId = clientId;
      this.clientSecret = clientSecret;
      return this;
    }

    /** Sets the scopes to request. @param scopes the scopes @return this builder */
    public Builder scopes(String... scopes) {
      this.scopes = List.of(scopes);
      return this;
    }

    /**
     * Points the client at a commercetools region's API and token URLs.
     *
     * @param region the region
     * @return this builder
     */
    public Builder region(ServiceRegion region) {
      this.apiUrl = URI.create(region.getApiUrl());
      this.tokenUrl = URI.create(region.getAuthUrl() + "/oauth/token");
      return this;
    }

    /**
     * Points the client at explicit URLs, e.g. a test server on loopback.
     *
     * @param apiUrl the API base URL
     * @param tokenUrl the OAuth token endpoint
     * @return this builder
     */
    public Builder urls(URI apiUrl, URI tokenUrl) {
      this.apiUrl = apiUrl;
      this.tokenUrl = tokenUrl;
      return this;
    }

    /** Limits requests in flight. @param max the limit, positive @return this builder */
    public Builder maxConcurrentRequests(int max) {
      this.maxConcurrentRequests = max;
      return this;
    }

    /** Sets how often transient failures are retried. @param retries the count @return this builder */
    public Builder maxRetries(int retries) {
      this.maxRetries = retries;
      return this;
    }

    /** Sets the timeout of one attempt. @param timeout the timeout @return this builder */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** Sets the longest {@code Retry-After} waited out in the client. @param max the limit @return this builder */
    public Builder maxRetryAfter(Duration max) {
      this.maxRetryAfter = max;
      return this;
    }

    /**
     * Validates and copies the settings.
     *
     * @return the configuration
     * @throws InvalidValueException if a field is missing or a URL is not https (or loopback http)
     */
    public CommercetoolsConfig build() {
      return new CommercetoolsConfig(this);
    }
  }
}
