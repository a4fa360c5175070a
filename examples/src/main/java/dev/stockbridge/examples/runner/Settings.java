package dev.stockbridge.examples.runner;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.stockbridge.InvalidValueException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The runner's configuration file: JSON with Java-style comments allowed, unknown fields rejected
 * so typos are caught, and no secrets (those come from environment variables, see {@link
 * Secrets}). Relative paths in it are resolved against the file's directory. Immutable.
 *
 * @param commercetools the commercetools project
 * @param planner the Inventory Planner account
 * @param mapping where the catalogue mapping is
 * @param bundles bundle SKU to its components; empty for none
 * @param dataDirectory where the journal, the demand store, the feeds and the reports go
 * @param engine the engine's limits and peak windows
 * @param feeds the planner feeds
 * @param orders the order intake
 * @param timeZone the shop's time zone, e.g. {@code "Europe/London"}, in which the reports show
 *     times (log lines stay in UTC); null for the system's zone
 * @param status the live status page of a running sync, or null for none
 * @param store where the runner keeps its state: files in the data directory (the default) or
 *     PostgreSQL
 */
record Settings(
    Commercetools commercetools,
    Planner planner,
    Mapping mapping,
    Map<String, Components> bundles,
    String dataDirectory,
    Engine engine,
    Feeds feeds,
    Orders orders,
    String timeZone,
    Status status,
    Store store) {

  /** Validates the sections; a missing section or field fails naming its path. */
  Settings {
    required("commercetools", commercetools);
    required("planner", planner);
    required("mapping", mapping);
    bundles = bundles == null ? Map.of() : Map.copyOf(bundles);
    required("dataDirectory", dataDirectory);
    engine = engine == null ? new Engine(null, null, null, null, null, null) : engine;
    orders = orders == null ? new Orders(null) : orders;
    store = store == null ? new Store(null, null, null, null, null, null, null) : store;
    if (timeZone != null) {
      try {
        ZoneId.of(timeZone);
      } catch (DateTimeException e) {
        throw new Invalid("timeZone", "is " + InvalidValueException.shown(timeZone)
            + ": use a region id such as \"Europe/London\" or \"America/New_York\"");
      }
    }
  }

  /**
   * The shop's time zone.
   *
   * @return the configured zone, or the system's
   */
  ZoneId zone() {
    return timeZone == null ? ZoneId.systemDefault() : ZoneId.of(timeZone);
  }

  /**
   * The live status page, {@code /status} and {@code /metrics} of a running {@code sync}; every
   * request needs the token in {@code STOCKBRIDGE_STATUS_TOKEN}.
   *
   * @param host the address to listen on, or null for loopback (127.0.0.1)
   * @param port the port; 0 for any free one
   */
  record Status(String host, Integer port) {

    /** Validates; loopback by default. */
    Status {
      host = host == null ? "127.0.0.1" : host;
      required("port", port);
      atLeast("port", port, 0, 65_535);
    }
  }

  /**
   * Where the journal, demand record, exceptions, receipt ledger, quarantine and checkpoints are
   * kept (its password is {@code STOCKBRIDGE_PG_PASSWORD}).
   *
   * @param kind {@value #FILE} (the default: files in the data directory) or {@value #POSTGRES}
   * @param url the JDBC URL, e.g. {@code "jdbc:postgresql://db:5432/stockbridge"}; postgres only
   * @param user the database user; postgres only
   * @param properties JDBC driver properties passed as given, e.g. {@code "sslmode":
   *     "verify-full"}; empty for none
   * @param poolSize the most pooled connections, or null for 8
   * @param leaseSeconds how long a {@code sync} that stopped renewing keeps the lease, the bound on
   *     a standby's take-over; null for 15
   * @param retentionDays how long the journal keeps applied movements, and the engine their
   *     idempotency keys (see the operations guide before shortening it); null for 90 with the file
   *     store, and for ever with PostgreSQL (whose compaction then folds applied marks only)
   */
  record Store(String kind, String url, String user, Map<String, String> properties, Integer poolSize, Integer leaseSeconds,
      Integer retentionDays) {

    /** Files in the data directory. */
    static final String FILE = "file";
    /** One PostgreSQL database. */
    static final String POSTGRES = "postgres";

    /** Validates: a postgres store needs a JDBC URL and a user, a file store neither. */
    Store {
      kind = kind == null ? FILE : kind;
      properties = properties == null ? Map.of() : Map.copyOf(properties);
      leaseSeconds = leaseSeconds == null ? 15 : leaseSeconds;
      atLeast("retentionDays", retentionDays, 1, 3650);
      if (kind.equals(POSTGRES)) {
        required("url", url);
        required("user", user);
        if (!url.startsWith("jdbc:postgresql:")) {
          throw new Invalid("url", "is " + InvalidValueException.shown(url) + ": write a PostgreSQL JDBC URL such as \"jdbc:postgresql://db:5432/stockbridge\"");
        }
        atLeast("poolSize", poolSize, 2, 200);
        atLeast("leaseSeconds", leaseSeconds, 1, 3600);
      } else if (kind.equals(FILE)) {
        if (url != null || user != null || !properties.isEmpty() || poolSize != null) {
          throw new Invalid("kind", "is \"file\" but url, user, properties or poolSize is set: set kind to \"postgres\", or remove them");
        }
      } else {
        throw new Invalid("kind", "is " + InvalidValueException.shown(kind) + ": use \"" + FILE + "\" (files in dataDirectory) or \"" + POSTGRES + "\"");
      }
    }

    /**
     * Whether the state is in PostgreSQL.
     *
     * @return true for {@value #POSTGRES}
     */
    boolean postgres() {
      return kind.equals(POSTGRES);
    }
  }

  /**
   * The order intake.
   *
   * @param startAt orders placed before this ISO-8601 instant (e.g. {@code
   *     "2026-12-01T00:00:00Z"}) are demand history only, never decremented; null for the moment the
   *     first sync runs. Kept at the first sync and never moved after.
   */
  record Orders(String startAt) {

    /** Validates the instant. */
    Orders {
      if (startAt != null) {
        try {
          Instant.parse(startAt);
        } catch (DateTimeParseException e) {
          throw new Invalid("startAt", "is " + InvalidValueException.shown(startAt) + ": write an ISO-8601 instant such as \"2026-12-01T00:00:00Z\"");
        }
      }
    }
  }

  /**
   * One bundle's components: component SKU to units per bundle, at least one, each a whole number
   * of at least 1 (a component listed twice is a duplicate key, refused by the reader).
   *
   * @param units component SKU to units per bundle
   */
  record Components(Map<String, Long> units) {

    /**
     * Reads the components from the bundle's JSON object.
     *
     * @param units component SKU to units per bundle
     * @return the validated components
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Components of(Map<String, Long> units) {
      return new Components(units);
    }

    /** Validates: not empty, every quantity given and at least 1. */
    Components {
      if (units == null || units.isEmpty()) {
        throw new Invalid(null, "has no components: list each component SKU with its units per bundle, e.g. { \"MUG-WHITE\": 1 }");
      }
      units.forEach(
          (component, quantity) -> {
            if (quantity == null) {
              throw new Invalid(component, "has no quantity: give the units of " + InvalidValueException.shown(component) + " per bundle, a whole number of at least 1");
            }
            atLeast(component, quantity, 1, 1_000_000);
          });
      units = Map.copyOf(units);
    }
  }

  /**
   * The commercetools project: either a region or both URLs.
   *
   * @param projectKey the project key
   * @param clientId the API client's id (its secret is {@code STOCKBRIDGE_CT_CLIENT_SECRET})
   * @param region a commercetools region such as {@code GCP_EUROPE_WEST1}, or null with the URLs
   * @param apiUrl the API base URL, or null with a region
   * @param authUrl the auth base URL (the token endpoint is {@code /oauth/token} below it), or null
   *     with a region
   * @param scopes the scopes to request; empty for the client's own
   */
  record Commercetools(String projectKey, String clientId, String region, String apiUrl, String authUrl, List<String> scopes) {

    /** Validates: a region or both URLs, not both. */
    Commercetools {
      required("projectKey", projectKey);
      required("clientId", clientId);
      if (region == null && (apiUrl == null || authUrl == null)) {
        throw new Invalid("region", "is missing (or apiUrl and authUrl): set one in the config file");
      }
      if (region != null && (apiUrl != null || authUrl != null)) {
        throw new Invalid("region", "and apiUrl/authUrl are both set: keep one");
      }
      scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
  }

  /**
   * The Inventory Planner account.
   *
   * @param baseUrl the API base URL, or null for the public one
   * @param account the account id (its API key is {@code STOCKBRIDGE_IP_API_KEY})
   * @param requestsPerSecond the throttle, or null for the client's default
   * @param receipts the state received purchase-order units enter: {@value #INSPECT} (the
   *     default, into inspection, not sellable) or {@value #SELLABLE} (available at once)
   */
  record Planner(String baseUrl, String account, Double requestsPerSecond, String receipts) {

    /** Receipts wait in inspection. */
    static final String INSPECT = "inspect";
    /** Receipts are sellable at once. */
    static final String SELLABLE = "sellable";

    /** Validates; receipts default to {@value #INSPECT}. */
    Planner {
      required("account", account);
      receipts = receipts == null ? INSPECT : receipts;
      if (requestsPerSecond != null && !(requestsPerSecond > 0 && requestsPerSecond <= 100)) {
        throw new Invalid("requestsPerSecond", "is " + requestsPerSecond + ": it must be more than 0 and at most 100");
      }
      if (!receipts.equals(INSPECT) && !receipts.equals(SELLABLE)) {
        throw new Invalid("receipts", "is " + InvalidValueException.shown(receipts) + ": use \"" + INSPECT + "\" (received goods wait in inspection) or \""
            + SELLABLE + "\" (sellable at once)");
      }
    }
  }

  /**
   * Where the catalogue mapping is: two CSV files (and optionally the order defaults) or one JSON
   * file.
   *
   * @param skus the SKU CSV, or null
   * @param locations the location CSV, or null
   * @param orderDefaults the order-defaults CSV ({@code default_for,key,location}), or null
   * @param json the JSON mapping, or null
   */
  record Mapping(String skus, String locations, String orderDefaults, String json) {

    /** Validates: either both CSV files or the JSON file. */
    Mapping {
      boolean csv = skus != null || locations != null;
      if (csv && json != null) {
        throw new Invalid("json", "and skus/locations are both set: keep one");
      }
      if (orderDefaults != null && json != null) {
        throw new Invalid("orderDefaults", "is set with json: put the defaults in the JSON file's \"order_defaults\"");
      }
      if (!csv && json == null) {
        throw new Invalid("skus", "and locations (or json) are missing: set them in the config file");
      }
      if (csv) {
        required("skus", skus);
        required("locations", locations);
      }
    }
  }

  /**
   * The engine's settings.
   *
   * @param peakWindows windows such as {@code "Fri 18:00-22:00 Europe/London"}; empty for none
   * @param callsPerSecond the shared limit on storefront calls, or null for none
   * @param parallelism writer threads, or null for the default
   * @param stopDrainSeconds how long a stopping sync (SIGTERM, Ctrl-C) lets the engine write what
   *     it accepted, or null for 60; what is left stays in the journal for the next start
   * @param consistencyLagSeconds how long commercetools may take to show its own decrements (the
   *     latency buffer's lag), or null for the engine's default of 10
   * @param latencyBuffer the adaptive latency buffer, or null for none (the default)
   */
  record Engine(List<String> peakWindows, Long callsPerSecond, Integer parallelism, Integer stopDrainSeconds,
      Integer consistencyLagSeconds, LatencyBuffer latencyBuffer) {

    /** Validates the ranges and copies. */
    Engine {
      peakWindows = peakWindows == null ? List.of() : List.copyOf(peakWindows);
      atLeast("callsPerSecond", callsPerSecond, 1, 100_000);
      atLeast("parallelism", parallelism, 1, 256);
      atLeast("stopDrainSeconds", stopDrainSeconds, 0, 3600);
      atLeast("consistencyLagSeconds", consistencyLagSeconds, 0, 3_600);
    }

    /** The stop's drain bound. @return the configured bound, or 60 s */
    java.time.Duration stopDrain() {
      return java.time.Duration.ofSeconds(stopDrainSeconds == null ? 60 : stopDrainSeconds);
    }
  }

  /**
   * The adaptive latency buffer: each SKU at each location holds back its order velocity over the
   * window × (the consistency lag + the measured p99 order-to-storefront time), rounded up, at
   * most {@code cap}.
   *
   * @param cap the most units one SKU at one location holds back for latency
   * @param windowSeconds how far back orders count toward the velocity, or null for 60
   * @param recomputeSeconds how often the buffers are recomputed, or null for 10
   */
  record LatencyBuffer(Long cap, Integer windowSeconds, Integer recomputeSeconds) {

    /** Validates; the cap is required, so that turning the buffer on is a decision about its size. */
    LatencyBuffer {
      required("cap", cap);
      atLeast("cap", cap, 0, 1_000_000);
      windowSeconds = windowSeconds == null ? 60 : windowSeconds;
      recomputeSeconds = recomputeSeconds == null ? 10 : recomputeSeconds;
      atLeast("windowSeconds", windowSeconds, 1, 86_400);
      atLeast("recomputeSeconds", recomputeSeconds, 1, 3_600);
    }
  }

  /**
   * The planner feeds.
   *
   * @param warehouse the planner warehouse the Starter connection feeds
   * @param sftp the Advanced connection's SFTP server, or null if not used
   * @param serve how {@code feeds serve} serves the Starter files, or null for the defaults
   * @param vendor the vendor the Advanced files link every variant to, or null if not used
   * @param bundles {@value #DECLARED} (default: bundles declared, their sales as bundle rows) or
   *     {@value #EXPLODED} (sales as component rows, the bundles left out)
   * @param timeZone the planner account's time zone, whose 02:00 is the nightly import, or null
   *     for UTC
   */
  record Feeds(String warehouse, Sftp sftp, Serve serve, Vendor vendor, String bundles, String timeZone) {

    /** Bundles declared to the planner. */
    static final String DECLARED = "declared";
    /** Bundles exploded to components. */
    static final String EXPLODED = "exploded";

    /** Validates. */
    Feeds {
      required("warehouse", warehouse);
      serve = serve == null ? new Serve(null, null, null, null) : serve;
      bundles = bundles == null ? DECLARED : bundles;
      if (!bundles.equals(DECLARED) && !bundles.equals(EXPLODED)) {
        throw new Invalid("bundles", "is " + InvalidValueException.shown(bundles) + ": use \"" + DECLARED
            + "\" (the planner attributes bundle sales to components) or \"" + EXPLODED + "\" (component rows, no bundles)");
      }
    }
  }

  /**
   * How {@code feeds serve} serves the Starter files. The path token is kept in {@code
   * <dataDirectory>/feeds/serve.token}; basic auth is asked for when {@code
   * STOCKBRIDGE_FEED_PASSWORD} is set.
   *
   * @param host the address to listen on, or null for 127.0.0.1; plain HTTP only on loopback
   * @param port the port, or null for 8443
   * @param keyStore a PKCS12 key store with the server's certificate and key, for HTTPS (its
   *     password is {@code STOCKBRIDGE_FEED_TLS_PASSWORD}), or null for plain HTTP behind the
   *     host's TLS proxy
   * @param user the basic-auth user name, or null for {@code planner}
   */
  record Serve(String host, Integer port, String keyStore, String user) {

    /** Fills in the defaults. */
    Serve {
      host = host == null ? "127.0.0.1" : host;
      port = port == null ? 8443 : port;
      atLeast("port", port, 0, 65_535);
      user = user == null ? "planner" : user;
    }
  }

  /**
   * The vendor of the Advanced connection's vendor file (the planner needs at least one).
   *
   * @param id our id for it
   * @param name its display name, which the planner matches existing vendors by
   * @param currency the ISO 4217 currency of its purchase orders
   */
  record Vendor(String id, String name, String currency) {

    /** Validates. */
    Vendor {
      required("id", id);
      required("name", name);
      required("currency", currency);
    }
  }

  /**
   * The SFTP server of an Advanced connection (its password is {@code STOCKBRIDGE_SFTP_PASSWORD}).
   *
   * @param host the host
   * @param port the port, or null for 22
   * @param user the login
   * @param knownHosts an OpenSSH {@code known_hosts} file holding the server's host key
   * @param remoteDirectory the remote directory, or null for the login directory
   */
  record Sftp(String host, Integer port, String user, String knownHosts, String remoteDirectory) {

    /** Validates. */
    Sftp {
      required("host", host);
      required("user", user);
      required("knownHosts", knownHosts);
      port = port == null ? 22 : port;
      atLeast("port", port, 1, 65_535);
    }
  }

  /**
   * Reads and validates a configuration file.
   *
   * @param file the file
   * @return the settings
   * @throws ConfigException naming file, field and line of the first problem
   */
  static Settings load(Path file) {
    return ConfigFile.read(file);
  }

  /**
   * A record's own check failed: names the field relative to the record, so that the reader can
   * put the record's path and line in front.
   */
  static final class Invalid extends RuntimeException {

    private final String field;

    /**
     * Creates the failure.
     *
     * @param field the field below the record, or null for the record itself
     * @param problem what is wrong and what to fix, to follow the field's path
     */
    Invalid(String field, String problem) {
      super(problem, null, false, false);
      this.field = field;
    }

    /** The field below the record. @return the field, or null for the record itself */
    String field() {
      return field;
    }
  }

  private static void required(String field, Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new Invalid(field, "is missing: set it in the config file");
    }
  }

  private static void atLeast(String field, Number value, long min, long max) {
    if (value != null && (value.doubleValue() < min || value.doubleValue() > max)) {
      throw new Invalid(field, "is " + value + ": it must be between " + min + " and " + max);
    }
  }
}
