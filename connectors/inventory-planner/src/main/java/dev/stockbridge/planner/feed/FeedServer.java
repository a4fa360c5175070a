package dev.stockbridge.planner.feed;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stockbridge.planner.internal.HttpServers;
import dev.stockbridge.InvalidValueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the files of a {@link FeedDirectory} over HTTP for an Inventory Planner Starter CSV
 * connection, on the JDK's built-in server. Files are served under an unguessable path token,
 * {@code /<token>/sales-orders.csv}: the planner's newer help text advises URLs without
 * authorization, so the token (compared in constant time) is the protection, with TLS. A request
 * with any other path answers {@code 404}, saying nothing about what exists. Basic credentials are
 * optional on top (older planner text allows them): when configured, a request without them
 * answers {@code 401} with a {@code WWW-Authenticate} challenge. {@code GET} and {@code HEAD} of a
 * served file name answer with
 * {@code ETag} (a SHA-256 of the content), {@code Last-Modified} and {@code Content-Length};
 * {@code If-None-Match} (or, without it, {@code If-Modified-Since}) that still matches answers
 * {@code 304}. Other names answer {@code 404}, other methods {@code 405}.
 *
 * <p>Files are read as published: a publish that renames a new file into place while a download
 * runs leaves that download reading the old file to its end. Serve over TLS ({@link Builder#tls}, or
 * plain HTTP on loopback behind the host's TLS-terminating proxy) when the planner reaches it over
 * the internet: the token and basic credentials travel in every request.
 *
 * <p>Thread-safe. {@link #close()} stops it.
 */
public final class FeedServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FeedServer.class);
  private static final String REALM = "Basic realm=\"stockbridge-feeds\", charset=\"UTF-8\"";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Path directory;
  private final Set<String> files;
  private final byte[] expectedCredentials;
  private final byte[] pathToken;
  private final String prefix;
  private final Map<String, Validators> validators = new ConcurrentHashMap<>();

  private FeedServer(Builder builder) throws IOException {
    this.directory = builder.directory.path();
    this.files = Set.copyOf(builder.files);
    this.expectedCredentials = builder.credentials == null ? null : sha256(
        (builder.credentials.username() + ":" + builder.credentials.password())
            .getBytes(StandardCharsets.UTF_8));
    this.pathToken = sha256(builder.pathToken.getBytes(StandardCharsets.UTF_8));
    this.prefix = "/" + builder.pathToken + "/";
    this.server = HttpServers.create(builder.address, builder.tls);
    this.executor = Executors.newFixedThreadPool(builder.threads, runnable -> {
      Thread thread = new Thread(runnable, "stockbridge-feed-server");
      thread.setDaemon(true);
      return thread;
    });
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * Starts configuring a server.
   *
   * @param directory the directory whose files are served
   * @param pathToken the secret first path segment, e.g. from {@link #newPathToken()}: at least
   *     22 URL-safe characters ({@code A-Z a-z 0-9 - _}), 128 bits when random
   * @return a builder; it binds 127.0.0.1 on a free port, serves the three Starter files and asks
   *     for no basic credentials unless told otherwise
   * @throws InvalidValueException if an argument is null or the token too short or not URL-safe;
   *     the message never holds the token
   */
  public static Builder builder(FeedDirectory directory, String pathToken) {
    return new Builder(directory, pathToken);
  }

  /**
   * A new random path token: 32 bytes from a {@link java.security.SecureRandom}, base64url.
   *
   * @return 43 URL-safe characters
   */
  public static String newPathToken() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Where the files are, e.g. {@code http://127.0.0.1:49152/<token>/}; a file is served at this
   * URI plus its name. It holds the path token: treat it as a secret.
   *
   * @return the base URI
   */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create(HttpServers.scheme(server) + "://" + host + ":" + address.getPort() + prefix);
  }

  /** Stops at once; downloads still running are cut off, which the planner retries. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      int slash = path.indexOf('/', 1);
      if (slash < 0 || !MessageDigest.isEqual(pathToken,
          sha256(path.substring(1, slash).getBytes(StandardCharsets.UTF_8)))) {
        exchange.sendResponseHeaders(404, -1); // a wrong token learns nothing, not even that files exist
        return;
      }
      if (expectedCredentials != null && !authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().set("WWW-Authenticate", REALM);
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      String name = path.substring(slash + 1);
      if (!files.contains(name)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      serve(exchange, name, method.equals("HEAD"));
    } catch (IOException | RuntimeException e) {
      // Never log the path: it holds the token.
      LOG.warn("feed server: {} failed: {}", exchange.getRequestMethod(), e.toString());
      throw e;
    }
  }

  private void serve(HttpExchange exchange, String name, boolean head) throws IOException {
    Path file = directory.resolve(name);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      exchange.sendResponseHeaders(404, -1); // not published yet
      return;
    }
    try (channel) {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      Validators current = validators(name, channel, attributes);
      Headers response = exchange.getResponseHeaders();
      response.set("ETag", current.etag());
      response.set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(
          ZonedDateTime.ofInstant(current.modified(), ZoneOffset.UTC)));
      response.set("Cache-Control", "no-cache");
      if (notModified(exchange.getRequestHeaders(), current)) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      response.set("Content-Type", "text/csv; charset=utf-8");
      if (head) {
        response.set("Content-Length", Long.toString(current.size()));
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, current.size());
      try (InputStream in = Channels.newInputStream(channel.position(0));
          OutputStream body = exchange.getResponseBody()) {
        in.transferTo(body);
      }
    }
  }

  /**
   * The validators of a file's current content, hashed again when the file was replaced (a new
   * file key, i.e. inode, as every publish renames a new file into place) or its size or time
   * changed. Where the file system has no file keys, a republish of equal size within the same
   * time-stamp tick keeps the old ETag until the next change.
   */
  private Validators validators(String name, FileChannel channel, BasicFileAttributes attributes)
      throws IOException {
    long size = channel.size();
    Instant modified = attributes.lastModifiedTime().toInstant();
    Object fileKey = attributes.fileKey();
    Validators known = validators.get(name);
    if (known != null && known.size() == size && known.exactModified().equals(modified)
        && Objects.equals(known.fileKey(), fileKey)) {
      return known;
    }
    MessageDigest digest = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    for (long position = 0; channel.read(buffer.clear(), position) >= 0; position += buffer.position()) {
      digest.update(buffer.flip());
    }
    String etag = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()) + "\"";
    Validators fresh = new Validators(etag, size, fileKey, modified, modified.truncatedTo(ChronoUnit.SECONDS));
    validators.put(name, fresh);
    return fresh;
  }

  private static boolean notModified(Headers request, Validators current) {
    String ifNoneMatch = request.getFirst("If-None-Match");
    if (ifNoneMatch != null) {
      for (String tag : ifNoneMatch.split(",")) {
        String candidate = tag.strip();
        if (candidate.startsWith("W/")) {
          candidate = candidate.substring(2);
        }
        if (candidate.equals("*") || candidate.equals(current.etag())) {
          return true;
        }
      }
      return false;
    }
    String ifModifiedSince = request.getFirst("If-Modified-Since");
    if (ifModifiedSince == null) {
      return false;
    }
    try {
      Instant since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return !current.modified().isAfter(since);
    } catch (DateTimeParseException e) {
      return false; // an unreadable date is ignored, as RFC 9110 says
    }
  }

  private boolean authorised(String header) {
    if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(header.substring(6).strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    // Hashing first gives equal lengths, so the comparison time does not depend on the input.
    return MessageDigest.isEqual(expectedCredentials, sha256(decoded));
  }

  private static byte[] sha256(byte[] bytes) {
    return sha256().digest(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** What conditional requests compare against. */
  private record Validators(String etag, long size, Object fileKey, Instant exactModified, Instant modified) {}

  /** Configures a {@link FeedServer}. Not thread-safe. */
  public static final class Builder {

    private final FeedDirectory directory;
    private final String pathToken;
    private BasicCredentials credentials;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private List<String> files = List.of(StarterFeeds.PRODUCTS, StarterFeeds.SALES_ORDERS, StarterFeeds.PURCHASE_ORDERS);
    private int threads = 2;
    private SSLContext tls;

    private Builder(FeedDirectory directory, String pathToken) {
      this.directory = Fields.notNull("directory", directory);
      if (pathToken == null || pathToken.length() < 22 || !pathToken.matches("[A-Za-z0-9_-]+")) {
        throw new InvalidValueException("pathToken", "<redacted>",
            "must be at least 22 URL-safe characters (A-Z a-z 0-9 - _), e.g. FeedServer.newPathToken()");
      }
      this.pathToken = pathToken;
    }

    /**
     * Also asks every request for HTTP basic credentials, compared in constant time.
     *
     * @param credentials the credentials
     * @return this builder
     * @throws InvalidValueException if they are null
     */
    public Builder basicAuth(BasicCredentials credentials) {
      this.credentials = Fields.notNull("credentials", credentials);
      return this;
    }

    /**
     * Sets the address to listen on, e.g. {@code new InetSocketAddress(8080)} for every interface.
     *
     * @param address the address; port 0 picks a free port
     * @return this builder
     * @throws InvalidValueException if the address is null
     */
    public Builder address(InetSocketAddress address) {
      this.address = Fields.notNull("address", address);
      return this;
    }

    /**
     * Sets the file names served; any other name answers 404.
     *
     * @param fileNames plain file names in the directory
     * @return this builder
     * @throws InvalidValueException if a name is not a plain file name
     */
    public Builder files(String... fileNames) {
      for (String name : Fields.notNull("fileNames", fileNames)) {
        FeedDirectory.plainName(name);
      }
      this.files = List.of(fileNames);
      return this;
    }

    /**
     * Serves over HTTPS with this TLS context. Without one the server speaks plain HTTP, which it
     * allows only on a loopback address (behind a TLS-terminating proxy, say).
     *
     * @param tls the server's TLS context, holding its certificate and key
     * @return this builder
     * @throws InvalidValueException if the context is null
     */
    public Builder tls(SSLContext tls) {
      this.tls = Fields.notNull("tls", tls);
      return this;
    }

    /**
     * Sets how many requests are answered at once.
     *
     * @param threads at least 1; default 2
     * @return this builder
     * @throws InvalidValueException if the count is below 1
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new InvalidValueException("threads", threads, "must be at least 1");
      }
      this.threads = threads;
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @return the running server
     * @throws FeedException if the address cannot be bound
     * @throws InvalidValueException if plain HTTP is asked for on a non-loopback address
     */
    public FeedServer start() {
      try {
        return new FeedServer(this);
      } catch (IOException e) {
        throw new FeedException(address.toString(), "could not start the feed server: " + e, e);
      }
    }
  }

  @Override
  public String toString() {
    InetSocketAddress address = server.getAddress();
    return "FeedServer[" + HttpServers.scheme(server) + "://" + address.getHostString() + ":" + address.getPort()
        + "/<token>/, " + directory + (expectedCredentials == null ? "" : ", basic auth") + "]";
  }
}
