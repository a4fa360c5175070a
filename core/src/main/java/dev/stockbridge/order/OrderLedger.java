package dev.stockbridge.order;

import dev.stockbridge.Checks;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.OrderLedgerStore;
import dev.stockbridge.spi.OrderRecord;
import dev.stockbridge.spi.StockException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order ledger's rules: checks order events against what each order line sold before they
 * become movements. A placed line the ledger knows is a re-read and decrements nothing again
 * (whatever the journal still holds: a damaged journal record never doubles an order); a
 * cancellation or return restocks at most what the line sold and has not had back, once per its own
 * id; one for an order not seen yet is parked and applied when the order arrives, or raised once the
 * wait is over; an order idle longer than the retention is forgotten. The engine and the Kafka
 * connector's intake both keep their orders through it, each over its own {@link OrderLedgerStore}.
 *
 * <p>{@link #submit} vets, hands the movements to the caller's journal and only then records (so a
 * crash in between leaves the ledger behind the journal, which the next read of the order makes
 * good: the journal's idempotency keys leave its movements out as duplicates).
 *
 * <p>Thread-safe. One order's events are vetted, journaled and recorded by one thread at a time
 * (striped locks by order id, taken in ascending order, so two submissions never deadlock), while
 * different orders go on in parallel. The journal callback runs under those locks, so it must never
 * wait for another submission.
 */
public final class OrderLedger {

  private static final Logger LOG = LoggerFactory.getLogger(OrderLedger.class);
  /** Damaged ranges are single records; more than this of one is read as far as this. */
  private static final int MAX_EVIDENCE = 16 << 20;

  private final OrderLedgerStore store;
  private final Duration parkFor;
  private final Duration retention;
  /** How old an order's last activity may be before a re-read records it again. */
  private final Duration refreshAfter;
  private final OrderLocks locks = new OrderLocks();
  private final OrderIntake intake;
  private final ExceptionStore exceptions;
  private volatile List<Path> journalDamage = List.of();
  private volatile List<Evidence> evidence = List.of();

  /** Damaged bytes set aside (by the journal or the ledger's store), as text to look order ids up in. */
  private record Evidence(Path file, String bytes) {
    boolean names(String orderId) {
      return bytes.contains(new String(orderId.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }
  }

  /**
   * A ledger over a store.
   *
   * @param store where what each order line decremented and restocked is kept
   * @param intake turns order events into movements
   * @param exceptions receives what the ledger raises (over-restocks, unknown orders, conflicts)
   * @param parkFor how long a cancellation or return waits for its order before it is raised
   * @param retention how long an order is kept after its last event (long enough for returns)
   * @throws dev.stockbridge.InvalidValueException if an argument is null or a duration not positive
   */
  public OrderLedger(OrderLedgerStore store, OrderIntake intake, ExceptionStore exceptions, Duration parkFor, Duration retention) {
    this.store = Checks.notNull("store", store);
    this.intake = Checks.notNull("intake", intake);
    this.exceptions = Checks.notNull("exceptions", exceptions);
    this.parkFor = Checks.positive("parkFor", parkFor);
    this.retention = Checks.positive("retention", retention);
    this.refreshAfter = refreshAfter(retention);
  }

  /**
   * How old an order's (or a key's) last activity may grow before a re-read records it again: a
   * day, to spare the store, or half a retention shorter than two days, so nothing still read is
   * forgotten.
   *
   * @param retention how long the ledger keeps what is idle
   * @return the refresh age
   */
  public static Duration refreshAfter(Duration retention) {
    Duration half = Checks.positive("retention", retention).dividedBy(2);
    return half.compareTo(Duration.ofDays(1)) < 0 ? half : Duration.ofDays(1);
  }

  /**
   * Notes the damaged records the journal and the ledger's store set aside at open: an order the
   * ledger does not know but whose id is in those bytes may have been applied, so it is held.
   *
   * @param journal the journal's damaged copies ({@link dev.stockbridge.spi.MovementJournal#damaged()})
   */
  public void damaged(List<Path> journal) {
    Checks.notNull("journal", journal);
    journalDamage = List.copyOf(journal);
    List<Path> all = new ArrayList<>(journal);
    all.addAll(store.damaged());
    List<Evidence> read = new ArrayList<>();
    for (Path file : all) {
      try {
        byte[] bytes = Files.readAllBytes(file);
        read.add(new Evidence(file, new String(bytes, 0, Math.min(bytes.length, MAX_EVIDENCE), StandardCharsets.ISO_8859_1)));
      } catch (IOException e) {
        LOG.error("cannot read the damaged bytes set aside in {} ({}): orders in them cannot be recognised", file, e.toString());
      }
    }
    evidence = List.copyOf(read);
    if (!all.isEmpty()) {
      LOG.warn("damaged records were set aside ({}): orders re-read from the source are recognised by the order ledger and not"
          + " applied again; an order it does not know whose id is in the damaged bytes is held as UNDECIDED_AFTER_DAMAGE", all);
    }
  }

  /**
   * What a submission came to.
   *
   * @param <R> what the journal answered
   * @param journaled the journal's answer for the movements handed to it
   * @param applied the events that made movements, as the ledger let them through (restocks capped)
   * @param duplicates movements the events would have made again: re-reads the ledger recognised
   * @param conflicts movements held back because their line came again with other content
   */
  public record Submitted<R>(R journaled, List<OrderEvent> applied, int duplicates, int conflicts) {

    /**
     * Copies.
     *
     * @throws NullPointerException if the events are null
     */
    public Submitted {
      applied = List.copyOf(applied);
    }
  }

  /**
   * Vets events, hands their movements to the journal (empty when none), then records what they
   * changed, all under the orders' locks.
   *
   * @param <R> what the journal answers
   * @param events the events, in the order they happened
   * @param now the clock's instant
   * @param journal makes the movements durable (the engine's intake, a Kafka transaction); if it
   *     throws, nothing is recorded and the exception goes to the caller
   * @return the journal's answer and what the ledger left out
   */
  public <R> Submitted<R> submit(List<OrderEvent> events, Instant now, Function<List<Movement>, R> journal) {
    Checks.notNull("events", events).forEach(event -> Checks.notNull("event", event));
    Checks.notNull("now", now);
    Checks.notNull("journal", journal);
    OrderLocks.Held held = locks.lock(events.stream().map(OrderEvent::orderId).distinct().toList());
    try {
      Vetted vetted = vet(events, now);
      List<Movement> movements = new ArrayList<>();
      vetted.events.forEach(event -> movements.addAll(intake.movements(event)));
      R journaled = journal.apply(movements);
      commit(vetted);
      return new Submitted<>(journaled, vetted.events, vetted.duplicates, vetted.conflicts);
    } finally {
      held.unlock();
    }
  }

  /** What a submission of order events comes to. */
  private static final class Vetted {
    final List<OrderEvent> events = new ArrayList<>();
    final Map<String, OrderRecord> records = new LinkedHashMap<>();
    final List<StockException> raised = new ArrayList<>();
    /** Movements the events would have made again: re-reads the ledger recognised. */
    int duplicates;
    /** Movements held back because their line came again with other content. */
    int conflicts;
  }

  /**
   * The events to apply, with the records to commit once their movements are journaled.
   *
   * @param events the events, in the order they happened
   * @param now the clock's instant
   */
  private Vetted vet(List<OrderEvent> events, Instant now) {
    Vetted out = new Vetted();
    for (OrderEvent event : events) {
      Work work = new Work(out, current(out, event.orderId()), now);
      if (event instanceof OrderEvent.Placed placed) {
        work.placed(placed);
      } else if (event instanceof OrderEvent.Cancelled cancelled) {
        cancelled.lines().forEach(line -> work.restock(OrderRecord.Kind.CANCELLATION, cancelled.cancellationId(), line));
      } else if (event instanceof OrderEvent.Returned returned) {
        if (returned.disposition() == ReturnDisposition.RESELLABLE) {
          work.restock(OrderRecord.Kind.RETURN, returned.returnId(), returned.line());
        } // units in inspection or damaged change nothing sellable and count nothing yet
      }
      // A re-read keeps the order from being pruned while its source still reads it (a forgotten
      // order read again would count as new), refreshed at most daily (and well inside a shorter
      // retention) to spare the store.
      boolean known = work.record.placed() || !work.record.parked().isEmpty();
      if (work.changed || known && work.record.lastActivity().isBefore(now.minus(refreshAfter))) {
        out.records.put(event.orderId(), work.record.withActivity(now));
      }
    }
    return out;
  }

  /** Stores what a vetted submission recorded and raises what it found; after its movements are journaled. */
  private void commit(Vetted vetted) {
    store.put(List.copyOf(vetted.records.values()));
    vetted.raised.forEach(this::raise);
  }

  /**
   * Raises the parked events that waited longer than the wait, and forgets orders idle longer than
   * the retention. Takes each order's lock in turn.
   *
   * @param now the clock's instant
   */
  public void sweep(Instant now) {
    Checks.notNull("now", now);
    Instant expired = now.minus(parkFor);
    for (OrderRecord record : store.parked()) {
      OrderLocks.Held held = locks.lock(List.of(record.orderId()));
      try {
        OrderRecord fresh = store.find(record.orderId()).orElse(null);
        if (fresh == null || fresh.placed()) {
          continue;
        }
        List<OrderRecord.Parked> keep = new ArrayList<>();
        for (OrderRecord.Parked parked : fresh.parked()) {
          if (parked.since().isBefore(expired)) {
            raise(exception("UNKNOWN_ORDER", parked.line(), now, (parked.kind() == OrderRecord.Kind.CANCELLATION ? "cancellation" : "return")
                + (parked.id().isEmpty() ? "" : " " + parked.id()) + " of order " + fresh.orderId() + " line " + parked.line().lineId()
                + " (" + parked.line().quantity() + " units of " + parked.line().sku() + ") waited " + parkFor
                + " for its order, which never arrived: nothing was restocked; restock by hand if the order exists"));
          } else {
            keep.add(parked);
          }
        }
        if (keep.size() != fresh.parked().size()) {
          if (keep.isEmpty()) {
            store.remove(List.of(fresh.orderId()));
          } else {
            store.put(List.of(new OrderRecord(fresh.orderId(), fresh.lines(), keep, fresh.lastActivity())));
          }
        }
      } finally {
        held.unlock();
      }
    }
    List<String> idle = store.idleSince(now.minus(retention));
    if (!idle.isEmpty()) {
      OrderLocks.Held held = locks.lock(idle);
      try {
        java.util.Set<String> candidates = new java.util.HashSet<>(idle);
        store.remove(store.idleSince(now.minus(retention)).stream().filter(candidates::contains).toList());
      } finally {
        held.unlock();
      }
    }
  }

  private OrderRecord current(Vetted out, String orderId) {
    OrderRecord pending = out.records.get(orderId);
    if (pending != null) {
      return pending;
    }
    return store.find(orderId).orElseGet(() -> new OrderRecord(orderId, List.of(), List.of(), Instant.EPOCH));
  }

  private void raise(StockException exception) {
    try {
      exceptions.raise(exception);
    } catch (RuntimeException e) {
      LOG.error("exception store refused: {}", exception.message(), e);
    }
  }

  private static StockException exception(String code, OrderLine line, Instant now, String message) {
    return new StockException(code, new StockKey(line.sku(), line.location()), List.of(), message, now);
  }

  private static boolean sameLine(OrderLine a, OrderLine b) {
    return a.sku().equals(b.sku()) && a.location().equals(b.location()) && a.quantity() == b.quantity() && a.mode() == b.mode();
  }

  /** One event's effect on one order's record. */
  private final class Work {
    final Vetted out;
    final Instant now;
    OrderRecord record;
    boolean changed;

    Work(Vetted out, OrderRecord record, Instant now) {
      this.out = out;
      this.record = record;
      this.now = now;
    }

    void placed(OrderEvent.Placed placed) {
      if (!record.placed() && undecided(placed)) {
        return;
      }
      List<OrderLine> fresh = new ArrayList<>();
      List<OrderRecord.Line> lines = new ArrayList<>(record.lines());
      for (OrderLine line : placed.lines()) {
        Optional<OrderRecord.Line> known = record.line(line.lineId());
        if (known.isEmpty()) {
          lines.add(new OrderRecord.Line(line, decremented(placed.orderId(), line), Map.of()));
          fresh.add(line);
        } else if (!sameLine(known.get().line(), line)) {
          OrderLine first = known.get().line();
          List<Movement> versions = new ArrayList<>(intake.movements(new OrderEvent.Placed(placed.orderId(), List.of(first))));
          List<Movement> again = intake.movements(new OrderEvent.Placed(placed.orderId(), List.of(line)));
          versions.addAll(again);
          out.conflicts += Math.max(1, again.size());
          out.raised.add(new StockException("CONTENT_CONFLICT", new StockKey(line.sku(), line.location()), versions, "order "
              + placed.orderId() + " line " + line.lineId() + " came again with other content: recorded " + first.quantity() + " of "
              + first.sku() + " at " + first.location() + " (" + first.mode() + "), now " + line.quantity() + " of " + line.sku() + " at "
              + line.location() + " (" + line.mode() + "); the first stands and the second was not applied" + damageNote(), now));
        } else {
          out.duplicates += intake.movements(new OrderEvent.Placed(placed.orderId(), List.of(line))).size(); // a re-read
        }
      }
      if (fresh.isEmpty()) {
        return;
      }
      out.events.add(new OrderEvent.Placed(placed.orderId(), fresh));
      List<OrderRecord.Parked> parked = record.parked();
      record = new OrderRecord(record.orderId(), lines, List.of(), record.lastActivity());
      changed = true;
      for (OrderRecord.Parked p : parked) {
        restock(p.kind(), p.id(), p.line()); // arrived before their order: applied now
      }
    }

    /**
     * An order the ledger does not know whose id is in damaged bytes: it was accepted once, and
     * whether its decrement reached the storefront cannot be told, so it is held, never applied
     * (and not recorded: each read holds it again until a person decides).
     */
    private boolean undecided(OrderEvent.Placed placed) {
      List<Path> files = evidence.stream().filter(e -> e.names(placed.orderId())).map(Evidence::file).toList();
      if (files.isEmpty()) {
        return false;
      }
      for (OrderLine line : placed.lines()) {
        out.raised.add(exception("UNDECIDED_AFTER_DAMAGE", line, now, "order " + placed.orderId() + " line " + line.lineId() + " ("
            + line.quantity() + " of " + line.sku() + ") is not in the order ledger, but the damaged bytes set aside in " + files
            + " name the order: whether its decrement reached the storefront cannot be decided, so it is held, not applied; check the"
            + " entry and apply it by hand if it was not"));
      }
      return true;
    }

    void restock(OrderRecord.Kind kind, String id, OrderLine asked) {
      String what = (kind == OrderRecord.Kind.CANCELLATION ? "cancellation" : "return") + (id.isEmpty() ? "" : " " + id)
          + " of order " + record.orderId() + " line " + asked.lineId();
      if (!record.placed()) {
        boolean again = record.parked().stream().anyMatch(p -> p.kind() == kind && p.id().equals(id) && p.line().lineId().equals(asked.lineId()));
        if (!again) {
          List<OrderRecord.Parked> parked = new ArrayList<>(record.parked());
          parked.add(new OrderRecord.Parked(kind, id, asked, now));
          record = new OrderRecord(record.orderId(), record.lines(), parked, record.lastActivity());
          changed = true;
          LOG.info("{} parked: the order is not known yet", what);
        }
        return;
      }
      Optional<OrderRecord.Line> known = record.line(asked.lineId());
      if (known.isEmpty()) {
        out.raised.add(exception("UNKNOWN_ORDER_LINE", asked, now, what + " asks to restock " + asked.quantity() + " units, but the order has no such"
            + " line: nothing was restocked"));
        return;
      }
      OrderRecord.Line line = known.get();
      String restockId = OrderRecord.restockId(kind, id);
      if (line.restocks().containsKey(restockId)) {
        out.duplicates += intake.movements(restockEvent(kind, id, asked)).size(); // this one counted already
        return;
      }
      long units = Math.min(asked.quantity(), line.outstanding());
      if (units < asked.quantity()) {
        out.raised.add(exception("OVER_RESTOCK", line.line(), now, what + " asks to restock " + asked.quantity() + " units of " + line.line().sku()
            + ", but the line sold " + line.line().quantity() + " and " + line.restocked() + " are back already: restocking " + units));
      }
      List<OrderRecord.Line> lines = new ArrayList<>();
      for (OrderRecord.Line l : record.lines()) {
        lines.add(l == line ? l.withRestock(restockId, units) : l);
      }
      record = new OrderRecord(record.orderId(), lines, record.parked(), record.lastActivity());
      changed = true;
      if (units == 0) {
        return;
      }
      // What the ledger recorded is what was sold: restock that SKU at that location.
      OrderLine restocked = new OrderLine(asked.lineId(), line.line().sku(), units, line.line().location(), line.line().channel(), line.line().mode());
      out.events.add(restockEvent(kind, id, restocked));
    }

    private OrderEvent restockEvent(OrderRecord.Kind kind, String id, OrderLine line) {
      return kind == OrderRecord.Kind.CANCELLATION
          ? new OrderEvent.Cancelled(record.orderId(), List.of(line), id)
          : new OrderEvent.Returned(record.orderId(), id, line, ReturnDisposition.RESELLABLE);
    }

    private List<OrderRecord.Part> decremented(String orderId, OrderLine line) {
      List<OrderRecord.Part> parts = new ArrayList<>();
      for (Movement m : intake.movements(new OrderEvent.Placed(orderId, List.of(line)))) {
        if (m.kind() == MovementKind.ORDER) {
          parts.add(new OrderRecord.Part(m.sku(), m.location(), -m.quantity()));
        }
      }
      return parts;
    }

    private String damageNote() {
      List<Path> damage = journalDamage;
      return damage.isEmpty() ? "" : "; the journal set damaged records aside in " + damage
          + ", so which version was applied cannot be told from it: check the storefront entry";
    }
  }
}
