package dev.stockbridge.planner;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import java.net.URI;
import java.time.Duration;

/**
 * How a {@link PlannerClient} reaches one Inventory Planner account: credentials, base URL,
 * throttle, timeouts and retries. Build one with {@link #builder(String, String)}. Immutable and
 * thread-safe; {@link #toString()} redacts the API key, which is never logged.
 */
public final class PlannerConfig {

  /** The public API's base URL. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://app.inventory-planner.com");
  /** The User-Agent sent unless another is set; the CDN answers an empty one with HTML 403. */
  public static final String DEFAULT_USER_AGENT = "stockbridge-inventory-planner/0.1 (+https://stockbridge.dev)";

  private final String apiKey;
  private final String accountId;
  private final URI baseUri;
  private final String userAgent;
  private final double requestsPerSecond;
  private final int pageSize;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Ticker ticker;

  private PlannerConfig(Builder b) {
    this.apiKey = b.apiKey;
    this.accountId = b.accountId;
    this.baseUri = b.baseUri;
    this.userAgent = b.userAgent;
    this.requestsPerSecond = b.requestsPerSecond;
    this.pageSize = b.pageSize;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.ticker = b.ticker;
  }

  /**
   * A builder with the defaults: the public base URL, 1 request per second, pages of 500, 10 s
   * connect and 30 s request timeouts, 3 retries backing off from 500 ms to 10 s.
   *
   * @param apiKey the API key, sent bare in {@code Authorization}
   * @param accountId the account id sent in {@code Account}, e.g. {@code "a3060"}
   * @return a new builder
   * @throws InvalidValueException if either is blank
   */
  public static Builder builder(String apiKey, String accountId) {
    return new Builder(apiKey, accountId);
  }

  /** The API key, for the {@code Authorization} header only. @return the key */
  String apiKey() {
    return apiKey;
  }

  /** The account id sent in {@code Account}. @return the account id */
  public String accountId() {
    return accountId;
  }

  /** The base URL; paths such as {@code /api/v1/variants} are resolved against it. @return the URL */
  public URI baseUri() {
    return baseUri;
  }

  /** The User-Agent header. @return the User-Agent */
  public String userAgent() {
    return userAgent;
  }

  /** The throttle's rate for this account. @return requests per second */
  public double requestsPerSecond() {
    return requestsPerSecond;
  }

  /** Rows asked for per page ({@code limit}). @return the page size */
  public int pageSize() {
    return pageSize;
  }

  /** How long to wait for a connection. @return the timeout */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long to wait for a response. @return the timeout */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Retries after the first attempt. @return the retry count */
  public int maxRetries() {
    return maxRetries;
  }

  /** The first retry's delay. @return the delay */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest retry delay. @return the delay */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The time source the throttle reads and waits on. @return the ticker */
  public Ticker ticker() {
    return ticker;
  }

  @Override
  public String toString() {
    return "PlannerConfig[account=" + accountId + ", apiKey=***, baseUri=" + baseUri
        + ", requestsPerSecond=" + requestsPerSecond + ", pageSize=" + pageSize
        + ", maxRetries=" + maxRetries + "]";
  }

  /** Collects settings; {@link #build()} validates and copies them. Not thread-safe. */
  public static final class Builder {

    private final String apiKey;
    private final String accountId;
    private URI baseUri = DEFAULT_BASE_URI;
    private String userAgent = DEFAULT_USER_AGENT;
    private double requestsPerSecond = 1;
    private int pageSize = 500;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxRetries = 3;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Ticker ticker = Ticker.system();

    private Builder(String apiKey, String accountId) {
      if (apiKey == null || apiKey.isBlank()) {
        // The value itself is a secret: never echoed.
        throw new InvalidValueException("apiKey", "***", "must not be blank");
      }
      this.apiKey = apiKey.strip();
      this.accountId = text("accountId", accountId);
    }

    /**
     * Sets the base URL. Must be https, except on a loopback host (tests against a local stub).
     *
     * @param baseUri the base URL, e.g. {@code https://app.inventory-planner.com}
     * @return this builder
     * @throws InvalidValueException if it is not absolute, or plain http to a non-loopback host
     */
    public Builder baseUri(URI baseUri) {
      Checks.notNull("baseUri", baseUri);
      String scheme = baseUri.getScheme();
      String host = baseUri.getHost();
      boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
      if (host == null || !("https".equals(scheme) || ("http".equals(scheme) && loopback))) {
        throw new InvalidValueException("baseUri", baseUri, "must be an https URL (http only to a loopback host)");
      }
      String text = baseUri.toString();
      this.baseUri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      return this;
    }

    /**
     * Sets the User-Agent.
     *
     * @param userAgent a descriptive, non-blank User-Agent
     * @return this builder
     * @throws InvalidValueException if blank
     */
    public Builder userAgent(String userAgent) {
      this.userAgent = text("userAgent", userAgent);
      return this;
    }

    /**
     * Sets the throttle's rate. Inventory Planner documents no limit; public clients keep to about
     * one request per second per account.
     *
     * @param perSecond requests per second, positive
     * @return this builder
     * @throws InvalidValueException if not positive
     */
    public Builder requestsPerSecond(double perSecond) {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new InvalidValueException("requestsPerSecond", perSecond, "must be positive and finite");
      }
      this.requestsPerSecond = perSecond;
      return this;
    }

    /**
     * Sets the rows asked for per page.
     *
     * @param rows 1 to 1000
     * @return this builder
     * @throws InvalidValueException if out of range
     */
    public Builder pageSize(int rows) {
      if (rows < 1 || rows > 1000) {
        throw new InvalidValueException("pageSize", rows, "must be between 1 and 1000");
      }
      this.pageSize = rows;
      return this;
    }

    /**
     * Sets the timeouts.
     *
     * @param connect how long to wait for a connection
     * @param request how long to wait for a response
     * @return this builder
     * @throws InvalidValueException if either is not positive
     */
    public Builder timeouts(Duration connect, Duration request) {
      this.connectTimeout = Checks.positive("connectTimeout", connect);
      this.requestTimeout = Checks.positive("requestTimeout", request);
      return this;
    }

    /**
     * Sets retries for 5xx answers and timeouts of idempotent requests (and for 429, which the
     * server did not process).
     *
     * @param maxRetries retries after the first attempt, 0 or more
     * @param initial the first delay
     * @param max the longest delay
     * @return this builder
     * @throws InvalidValueException if a value is negative or the delays are out of order
     */
    public Builder retries(int maxRetries, Duration initial, Duration max) {
      if (maxRetries < 0) {
        throw new InvalidValueException("maxRetries", maxRetries, "must not be negative");
      }
      Checks.positive("initialBackoff", initial);
      if (Checks.positive("maxBackoff", max).compareTo(initial) < 0) {
        throw new InvalidValueException("maxBackoff", max, "must not be shorter than initialBackoff " + initial);
      }
      this.maxRetries = maxRetries;
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Sets the time source of the throttle, e.g. a fake one in tests.
     *
     * @param ticker the ticker
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Checks.notNull("ticker", ticker);
      return this;
    }

    /**
     * Copies the settings into an immutable config.
     *
     * @return the config
     */
    public PlannerConfig build() {
      return new PlannerConfig(this);
    }

    private static String text(String field, String value) {
      if (value == null || value.isBlank()) {
        throw new InvalidValueException(field, value, "must not be blank");
      }
      return value.strip();
    }
  }
}
