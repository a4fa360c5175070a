package dev.stockbridge.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per JVM (zonky's embedded binaries from Maven Central, listening on
 * 127.0.0.1 only) and a fresh database on it per test. Main code rather than a test class so that
 * the PostgreSQL store's tests, the runner's tests and the benchmarks share it without a test-jar.
 * The server stops when the JVM ends. User {@code postgres}, no password (trust on loopback).
 */
public final class TestPostgres {

  /** The server's superuser, who owns every database created here. */
  public static final String USER = "postgres";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /**
   * Creates an empty database.
   *
   * @return its JDBC URL
   */
  public static String freshDatabase() {
    String name = "t" + DATABASES.incrementAndGet();
    execute("CREATE DATABASE " + name);
    return jdbcUrl(name);
  }

  /**
   * The JDBC URL of a database of the server, without a user: the caller's configuration names it.
   *
   * @param database the database
   * @return the URL
   */
  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + database;
  }

  /**
   * Creates a login that must give its password (SCRAM on loopback, while {@value #USER} keeps
   * trust) and owns a fresh database: for tests of a refused login.
   *
   * @param user the new role
   * @param password its password, letters, digits and dashes only
   * @return the JDBC URL of its database
   */
  public static synchronized String freshDatabaseWithLogin(String user, String password) {
    if (!password.matches("[A-Za-z0-9-]+") || !user.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("keep test users and passwords to plain characters");
    }
    requirePasswords();
    execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
    String url = freshDatabase();
    execute("ALTER DATABASE " + url.substring(url.lastIndexOf('/') + 1) + " OWNER TO " + user);
    return url;
  }

  private static boolean passwordsRequired;

  /** Puts password rules in front of the server's pg_hba.conf (first match wins) and reloads it. */
  private static void requirePasswords() {
    if (passwordsRequired) {
      return;
    }
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        var row = s.executeQuery("SHOW hba_file")) {
      row.next();
      Path hba = Path.of(row.getString(1));
      Files.writeString(hba, "host all " + USER + " 127.0.0.1/32 trust\n"
          + "host all all 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
      s.execute("SELECT pg_reload_conf()");
      passwordsRequired = true;
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("could not require passwords on the test server", e);
    }
  }

  /**
   * Runs one statement as the superuser on the {@code postgres} database (create a role, ...).
   *
   * @param sql the statement
   */
  public static void execute(String sql) {
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test PostgreSQL refused: " + sql, e);
    }
  }

  /**
   * The server's version, e.g. {@code "PostgreSQL 14.22 ..."}.
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
   * @param database the database
   * @param applicationLike a pattern of the sessions' application names, or empty for all
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
