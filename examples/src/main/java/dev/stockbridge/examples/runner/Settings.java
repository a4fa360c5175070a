package dev.stockbridge.examples.runner;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The runner's configuration file: JSON with Java-style comments allowed, unknown fields rejected
 * so typos are caught, and no secrets (those come from environment variables, see {@link
 * Secrets}). Relative paths in it are resolved against the file's directory. Immutable.
 *
 * @param commercetools the commercetools project
 * @param planner the Inventory Planner account
 * @param mapping where the catalogue mapping is
 * @param bundles bundle SKU to component SKU to quantity per bundle; empty for none
 * @param dataDirectory where the journal, the demand store, the feeds and the reports go
 * @param engine the engine's limits and peak windows
 * @param feeds the planner feeds
 */
record Settings(
    Commercetools commercetools,
    Planner planner,
    Mapping mapping,
    Map<String, Map<String, Long>> bundles,
    String dataDirectory,
    Engine engine,
    Feeds feeds) {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  /** Validates the sections; a missing section or field fails naming its path. */
  Settings {
    required("commercetools", commercetools);
    required("planner", planner);
    required("mapping", mapping);
    bundles = bundles == null ? Map.of() : Map.copyOf(bundles);
    required("dataDirectory", dataDirectory);
    engine = engine == null ? new Engine(null, null, null) : engine;
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
      required("commercetools.projectKey", projectKey);
      required("commercetools.clientId", clientId);
      if (region == null && (apiUrl == null || authUrl == null)) {
        throw new ConfigException("commercetools.region is missing (or commercetools.apiUrl and commercetools.authUrl): set one in the config file");
      }
      if (region != null && (apiUrl != null || authUrl != null)) {
        throw new ConfigException("commercetools.region and commercetools.apiUrl/authUrl are both set: keep one");
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
      required("planner.account", account);
      receipts = receipts == null ? INSPECT : receipts;
      if (!receipts.equals(INSPECT) && !receipts.equals(SELLABLE)) {
        throw new ConfigException("planner.receipts is \"" + receipts + "\": use \"" + INSPECT + "\" (received goods wait in inspection) or \""
            + SELLABLE + "\" (sellable at once)");
      }
    }
  }

  /**
   * Where the catalogue mapping is: two CSV files or one JSON file.
   *
   * @param skus the SKU CSV, or null
   * @param locations the location CSV, or null
   * @param json the JSON mapping, or null
   */
  record Mapping(String skus, String locations, String json) {

    /** Validates: either both CSV files or the JSON file. */
    Mapping {
      boolean csv = skus != null || locations != null;
      if (csv && json != null) {
        throw new ConfigException("mapping.json and mapping.skus/locations are both set: keep one");
      }
      if (!csv && json == null) {
        throw new ConfigException("mapping.skus and mapping.locations (or mapping.json) are missing: set them in the config file");
      }
      if (csv) {
        required("mapping.skus", skus);
        required("mapping.locations", locations);
      }
    }
  }

  /**
   * The engine's settings.
   *
   * @param peakWindows windows such as {@code "Fri 18:00-22:00 Europe/London"}; empty for none
   * @param callsPerSecond the shared limit on storefront calls, or null for none
   * @param parallelism writer threads, or null for the default
   */
  record Engine(List<String> peakWindows, Long callsPerSecond, Integer parallelism) {

    /** Copies. */
    Engine {
      peakWindows = peakWindows == null ? List.of() : List.copyOf(peakWindows);
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
      required("feeds.warehouse", warehouse);
      serve = serve == null ? new Serve(null, null, null, null) : serve;
      bundles = bundles == null ? DECLARED : bundles;
      if (!bundles.equals(DECLARED) && !bundles.equals(EXPLODED)) {
        throw new ConfigException("feeds.bundles is \"" + bundles + "\": use \"" + DECLARED
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
      required("feeds.vendor.id", id);
      required("feeds.vendor.name", name);
      required("feeds.vendor.currency", currency);
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
      required("feeds.sftp.host", host);
      required("feeds.sftp.user", user);
      required("feeds.sftp.knownHosts", knownHosts);
      port = port == null ? 22 : port;
    }
  }

  /**
   * Reads and validates a configuration file.
   *
   * @param file the file
   * @return the settings
   * @throws ConfigException if the file is missing, unreadable, not valid JSON, has an unknown
   *     field, a value of the wrong type or misses a required field
   */
  static Settings load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("configuration file " + file + " not found: pass --config <file> or create it from examples/stockbridge.sample.json", e);
    } catch (IOException e) {
      throw new ConfigException("configuration file " + file + " cannot be read (" + e.getClass().getSimpleName() + "): check its permissions", e);
    }
    try {
      Settings settings = JSON.readValue(text, Settings.class);
      if (settings == null) {
        throw new ConfigException("configuration file " + file + " is empty: start from examples/stockbridge.sample.json");
      }
      return settings;
    } catch (JsonProcessingException e) {
      throw describe(file, e);
    }
  }

  /** Turns a parse or binding failure into one line naming the place and the fix. */
  private static ConfigException describe(Path file, JsonProcessingException e) {
    if (e.getCause() instanceof ConfigException invalid) {
      return new ConfigException(invalid.getMessage() + " (" + file + ")", e);
    }
    if (e.getCause() instanceof StreamReadException syntax) {
      return describe(file, syntax);
    }
    JsonLocation at = e.getLocation();
    String where = file + (at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr());
    if (e instanceof UnrecognizedPropertyException unknown) {
      String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      return new ConfigException(where + ": unknown field " + path(unknown) + ": fix its spelling (known here: " + known + ")", e);
    }
    if (e instanceof MismatchedInputException mismatch) {
      String type = mismatch.getTargetType() == null ? "a different value" : typeName(mismatch.getTargetType());
      return new ConfigException(where + ": " + path(mismatch) + " has the wrong type: it must be " + type, e);
    }
    if (e instanceof JsonMappingException mapping) {
      return new ConfigException(where + ": " + path(mapping) + " is invalid: " + e.getOriginalMessage(), e);
    }
    return new ConfigException(file + " is not valid JSON at " + where.substring(file.toString().length() + 1) + ": " + e.getOriginalMessage() + "; fix the syntax", e);
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the top level" : path.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list [...]";
    }
    return "an object {...}";
  }

  private static void required(String field, Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new ConfigException(field + " is missing: set it in the config file");
    }
  }
}
