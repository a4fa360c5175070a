package dev.stockbridge.flow;

import com.fasterxml.jackson.databind.JavaType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@link OrderQuarantine} in a JSON file (see {@link JsonStateFile}): every change reads the file
 * under its lock, so a hold by {@code sync} and a release by {@code orders retry} in another process
 * never undo each other. Thread-safe.
 */
final class FileOrderQuarantine implements OrderQuarantine {

  /** The file's form: plain strings, so the format is readable by people and by any JSON tool. */
  record Entry(String orderId, String problem, String firstHeld, String lastTried, int attempts) {

    static Entry of(QuarantinedOrder order) {
      return new Entry(order.orderId(), order.problem(), order.firstHeld().toString(), order.lastTried().toString(), order.attempts());
    }

    QuarantinedOrder order() {
      return new QuarantinedOrder(orderId, problem, Instant.parse(firstHeld), Instant.parse(lastTried), attempts);
    }
  }

  private final JsonStateFile<List<Entry>> state;

  FileOrderQuarantine(Path file) {
    JavaType type = JsonStateFile.json().getTypeFactory().constructCollectionType(List.class, Entry.class);
    this.state = new JsonStateFile<>(file, type, List::of);
  }

  @Override
  public void hold(RejectedOrder order, Instant at) {
    state.update(entries -> entries(Quarantines.hold(orders(entries), order, at)));
  }

  @Override
  public void release(String orderId) {
    state.update(entries -> entries(Quarantines.release(orders(entries), orderId)));
  }

  @Override
  public List<QuarantinedOrder> held() {
    return orders(state.read());
  }

  private static List<QuarantinedOrder> orders(List<Entry> entries) {
    return entries.stream().map(Entry::order).toList();
  }

  private static List<Entry> entries(List<QuarantinedOrder> orders) {
    return orders.stream().map(Entry::of).toList();
  }
}
