package dev.stockbridge.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the test JVM (zonky's embedded binaries from Maven Central,
 * listening on 127.0.0.1 only), and a fresh database on it per test. The server stops when the JVM
 * ends.
 */
public final class TestDatabase {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabase() {}

  /**
   * Creates an empty database.
   *
   * @return a configuration connecting to it
   */
  public static PostgresConfig fresh() {
    String name = "t" + DATABASES.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return config(name);
  }

  /**
   * A configuration for an existing database of the test server.
   *
   * @param database the database
   * @return the configuration
   */
  public static PostgresConfig config(String database) {
    return PostgresConfig.fromEnvironment(server().getJdbcUrl("postgres", database), "postgres")
        .withPassword(null);
  }

  /**
   * The server's version, e.g. {@code "PostgreSQL 17.5 ..."}.
   *
   * @return the version string
   */
  public static String version() {
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        var row = s.executeQuery("SELECT version()")) {
      row.next();
      return row.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Ends every session of a database but the caller's, as a network cut or a server restart would.
   *
   * @param applicationLike a pattern of the sessions' application names, or empty for all
   * @param database the database
   * @return how many sessions were ended
   */
  public static int terminateSessions(String database, Optional<String> applicationLike) {
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        var row = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE datname = '" + database + "' AND pid <> pg_backend_pid()"
            + applicationLike.map(p -> " AND application_name LIKE '" + p + "'").orElse(""))) {
      row.next();
      return row.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "300")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException e) {
          // The JVM is ending; the server's directory is temporary.
        }
      }));
    }
    return server;
  }
}
