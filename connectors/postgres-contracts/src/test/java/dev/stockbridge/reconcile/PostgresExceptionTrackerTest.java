package dev.stockbridge.reconcile;

import dev.stockbridge.postgres.TestStores;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL tracker passes the tracker contract; each restart is another store on the same
 * database, as another process would be.
 */
class PostgresExceptionTrackerTest extends ExceptionTrackerContract {

  @RegisterExtension final TestStores stores = new TestStores();
  private Clock clockUsed;

  @Override
  ExceptionTracker open(Clock clock) {
    stores.fresh();
    clockUsed = clock;
    return stores.open().exceptions(clock);
  }

  @Override
  ExceptionTracker reopen(ExceptionTracker tracker) {
    return stores.open().exceptions(clockUsed);
  }
}
