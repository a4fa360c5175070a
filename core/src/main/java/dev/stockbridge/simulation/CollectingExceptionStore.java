package dev.stockbridge.simulation;

import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.StockException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every exception raised, for a demo to print or a test to assert. Thread-safe. */
public final class CollectingExceptionStore implements ExceptionStore {

  private final List<StockException> raised = new CopyOnWriteArrayList<>();

  /** An empty store. */
  public CollectingExceptionStore() {}

  @Override
  public void raise(StockException exception) {
    raised.add(exception);
  }

  /** Everything raised so far. @return the exceptions */
  public List<StockException> raised() {
    return List.copyOf(raised);
  }
}
