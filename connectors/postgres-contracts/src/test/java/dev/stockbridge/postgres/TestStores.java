package dev.stockbridge.postgres;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The stores a test opens on its own fresh database, every one closed after the test. Register it
 * on an instance field ({@code @RegisterExtension final TestStores stores = new TestStores();}):
 * JUnit makes an instance per test, so each test gets its own database, created on first use.
 */
public final class TestStores implements AfterEachCallback {

  private final List<PostgresStore> opened = new ArrayList<>();
  private PostgresConfig config;

  /** Nothing opened yet. */
  public TestStores() {}

  /**
   * The test's database, created on first use.
   *
   * @return its configuration
   */
  public PostgresConfig config() {
    if (config == null) {
      config = TestDatabase.fresh();
    }
    return config;
  }

  /**
   * Moves on to another empty database, for contracts that ask for a fresh store more than once.
   *
   * @return its configuration
   */
  public PostgresConfig fresh() {
    config = TestDatabase.fresh();
    return config;
  }

  /**
   * Opens a store on the test's database.
   *
   * @return the store, closed after the test
   */
  public PostgresStore open() {
    return open(config());
  }

  /**
   * Opens a store with another configuration (other connection properties on the same database).
   *
   * @param other the configuration
   * @return the store, closed after the test
   */
  public PostgresStore open(PostgresConfig other) {
    PostgresStore store = PostgresStore.open(other);
    opened.add(store);
    return store;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    opened.forEach(PostgresStore::close);
    opened.clear();
  }
}
