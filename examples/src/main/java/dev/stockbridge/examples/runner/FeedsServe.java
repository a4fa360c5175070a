package dev.stockbridge.examples.runner;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.planner.feed.BasicCredentials;
import dev.stockbridge.planner.feed.FeedDirectory;
import dev.stockbridge.planner.feed.FeedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * {@code feeds serve}: serves the Starter files that {@code feeds generate} publishes to {@code
 * <dataDirectory>/feeds} (always the full history, so nothing is deleted in the planner by
 * omission) on the library's {@link FeedServer}, until the process is stopped. HTTPS with the
 * configured key store, or plain HTTP on loopback behind the host's TLS proxy; the URL's path
 * token is kept in {@code serve.token} beside the files (created on first use), so the planner's
 * URLs stay the same across restarts; basic auth on top when {@code STOCKBRIDGE_FEED_PASSWORD}
 * is set. The token is never printed: the line says where it is.
 */
final class FeedsServe {

  static final String TOKEN_FILE = "serve.token";

  private final Platforms platforms;
  private final Secrets secrets;
  private final PrintStream out;

  FeedsServe(Platforms platforms, Secrets secrets, PrintStream out) {
    this.platforms = platforms;
    this.secrets = secrets;
    this.out = out;
  }

  /** Serves until the thread is interrupted. */
  void run(Settings.Feeds feeds) {
    try (FeedServer server = start(feeds)) {
      out.println("feeds: serving " + platforms.dataDirectory().resolve("feeds") + " at "
          + server.uri().toString().replace(token(), "<" + TOKEN_FILE + ">") + " (products.csv, sales-orders.csv,"
          + " purchase-orders.csv" + (secrets.optional(Secrets.FEED_PASSWORD).isPresent() ? "; basic auth" : "") + "); stop with Ctrl-C");
      Thread.currentThread().join(); // until interrupted
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopped: a normal end
    }
  }

  /** Starts the server; the caller closes it. */
  FeedServer start(Settings.Feeds feeds) {
    Settings.Serve serve = feeds.serve();
    FeedDirectory directory = FeedDirectory.of(platforms.dataDirectory().resolve("feeds"));
    try {
      FeedServer.Builder builder = FeedServer.builder(directory, token())
          .address(new InetSocketAddress(serve.host(), serve.port()));
      Optional<String> password = secrets.optional(Secrets.FEED_PASSWORD);
      if (password.isPresent()) {
        builder.basicAuth(new BasicCredentials(serve.user(), password.get()));
      }
      if (serve.keyStore() != null) {
        builder.tls(tls(platforms.path(serve.keyStore())));
      }
      return builder.start();
    } catch (InvalidValueException e) {
      throw new ConfigException("feeds.serve: " + e.getMessage() + ": set feeds.serve.keyStore for HTTPS, or serve on 127.0.0.1 behind"
          + " the host's TLS proxy", e);
    }
  }

  /** The path token, created once with 256 random bits and kept readable by the owner only. */
  String token() {
    Path file = platforms.dataDirectory().resolve("feeds").resolve(TOKEN_FILE);
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createFile(file);
        }
        Files.writeString(file, FeedServer.newPathToken() + "\n");
      }
      return Files.readString(file).strip();
    } catch (FileAlreadyExistsException raced) {
      return token();
    } catch (IOException e) {
      throw new ConfigException("the feed token file " + file + " cannot be read or created (" + e.getClass().getSimpleName()
          + "): point dataDirectory at a writable place", e);
    }
  }

  private SSLContext tls(Path keyStore) {
    char[] password = secrets.require(Secrets.FEED_TLS_PASSWORD, "the password of feeds.serve.keyStore").toCharArray();
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("feeds.serve.keyStore " + keyStore + " cannot be used (" + e.getMessage()
          + "): give a PKCS12 file and its password in " + Secrets.FEED_TLS_PASSWORD, e);
    }
  }
}
