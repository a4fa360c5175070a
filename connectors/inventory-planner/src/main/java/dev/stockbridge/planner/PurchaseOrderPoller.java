package dev.stockbridge.planner;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The fallback when webhooks are missed: reads purchase orders newest first ({@code
 * last_modified_sort=desc}) and hands on every order modified at or after the watermark minus an
 * overlap, stopping at the first older one. Orders seen twice are harmless: receipts are keyed by
 * cumulative quantity. Keep the {@link #watermark()} durable and pass it back after a restart.
 * Not thread-safe: poll from one thread.
 */
public final class PurchaseOrderPoller {

  private final PlannerClient client;
  private final Duration overlap;
  private final Consumer<PurchaseOrder> onSave;
  private OffsetDateTime watermark;

  /**
   * Creates a poller.
   *
   * @param client the client
   * @param watermark the last modification already handled, or null to read every order once
   * @param overlap how far before the watermark to read again, covering clock skew
   * @param onSave handles each order read
   */
  public PurchaseOrderPoller(PlannerClient client, OffsetDateTime watermark, Duration overlap, Consumer<PurchaseOrder> onSave) {
    this.client = Objects.requireNonNull(client, "client");
    this.watermark = watermark;
    this.overlap = Objects.requireNonNull(overlap, "overlap");
    this.onSave = Objects.requireNonNull(onSave, "onSave");
  }

  /**
   * Reads the orders changed since the watermark and moves it forward.
   *
   * @return how many orders were handed on
   * @throws PlannerException if the API cannot be read; the watermark then stays put
   */
  public int poll() {
    OffsetDateTime from = watermark == null ? null : watermark.minus(overlap);
    OffsetDateTime newest = watermark;
    int handled = 0;
    try (Stream<PurchaseOrder> orders = client.purchaseOrders(Query.all().sortBy("last_modified", false))) {
      Iterator<PurchaseOrder> newestFirst = orders.iterator();
      while (newestFirst.hasNext()) {
        PurchaseOrder order = newestFirst.next();
        Optional<OffsetDateTime> modified = order.lastModified();
        if (from != null && modified.isPresent() && modified.get().isBefore(from)) {
          break; // sorted newest first: the rest is older still, and no further page is fetched
        }
        onSave.accept(order);
        handled++;
        if (modified.isPresent() && (newest == null || modified.get().isAfter(newest))) {
          newest = modified.get();
        }
      }
    }
    watermark = newest;
    return handled;
  }

  /**
   * The newest modification handled so far.
   *
   * @return the watermark, empty before the first order
   */
  public Optional<OffsetDateTime> watermark() {
    return Optional.ofNullable(watermark);
  }
}
