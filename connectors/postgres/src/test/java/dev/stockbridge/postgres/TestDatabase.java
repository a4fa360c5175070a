package dev.stockbridge.postgres;

import dev.stockbridge.testkit.TestPostgres;

/** A fresh database on the testkit's PostgreSQL server, as a store configuration. */
public final class TestDatabase {

  private TestDatabase() {}

  /**
   * Creates an empty database.
   *
   * @return a configuration connecting to it
   */
  public static PostgresConfig fresh() {
    return PostgresConfig.fromEnvironment(TestPostgres.freshDatabase(), TestPostgres.USER).withPassword(null);
  }
}
