package dev.stockbridge.engine;

import dev.stockbridge.Checks;
import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.spi.MovementJournal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Accepts movements: checks them, leaves out idempotency keys already accepted, gives each the next
 * sequence of its key, journals them and hands them to the lanes. The one place of group commit:
 * submitters journal concurrently, outside any engine lock, so concurrent appends share the
 * journal's force (a durable journal forces once for everyone who wrote before the force began).
 *
 * <p>Order is kept without holding a lock across the journal: each submission takes a ticket, in
 * sequence order, under the intake lock; after its append it is published in ticket order, so a
 * key's movements reach the queue in sequence order even when a later ticket's append finished
 * first. A submission returns once it is published. A failed append publishes as a failure: its
 * room and idempotency keys are given back and its sequences are never reused (a gap in a key's
 * sequences is harmless: the marker means "everything up to here", and nothing was in the gap).
 *
 * <p>Thread-safe. The intake lock guards {@link #seen}, {@link #applied}, {@link #pending},
 * {@link #lastSequence} and {@link #tickets}; it is held only to sequence and to publish, and the lanes' queue lock may
 * be taken inside it (never the reverse). A submission whose idempotency key is pending in another
 * ticket waits for that ticket's outcome, so the key is counted once: accepted or free again.
 */
final class Intake {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition published = lock.newCondition();
  /**
   * What was accepted (journaled and published), by identity ({@link
   * dev.stockbridge.SharedPools#identity}): the movement, so that the same key with other content
   * is told apart from a duplicate, with when it was accepted, in that order. Kept for the
   * journal's retention after it is applied, so that it grows with the retention, not with history.
   */
  private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>();
  /** Per key, the highest sequence marked applied; an identity is forgotten only once applied. */
  private final Map<StockKey, Long> applied = new HashMap<>();
  /** How long an applied identity is remembered, in millis; {@code Long.MAX_VALUE} for ever. */
  private final long retentionMillis;
  /** When identities were last forgotten; they are looked at once a second at most. */
  private long forgotAt = Long.MIN_VALUE;
  /** Idempotency keys of tickets being journaled. */
  private final Set<String> pending = new HashSet<>();
  private final Map<StockKey, Long> lastSequence = new HashMap<>();
  /** Per key, the highest sequence the journal held when this engine opened it. */
  private Map<StockKey, Long> floors = Map.of();
  /** Keys whose mark was checked against the floor at their first write since this open; under {@code lock}. */
  private final java.util.Set<StockKey> checked = new java.util.HashSet<>();
  /** Per key, how this open's movements were moved above a mark of ours the journal was behind. */
  private final Map<StockKey, Rebase> rebases = new HashMap<>();
  private final ArrayDeque<Ticket> tickets = new ArrayDeque<>();
  private final EngineConfig config;
  private final MovementJournal journal;
  private final Lanes lanes;
  private final Counters counters;
  private final LatencyBuffers buffers;

  Intake(EngineConfig config, Lanes lanes, Counters counters, LatencyBuffers buffers) {
    this.config = config;
    this.buffers = buffers;
    this.journal = config.journal();
    this.lanes = lanes;
    this.counters = counters;
    this.retentionMillis = journal.retention().map(java.time.Duration::toMillis).orElse(Long.MAX_VALUE);
  }

  /** An accepted movement and when it was accepted (epoch millis). */
  private record Seen(Movement movement, long at) {}

  /**
   * Accepts movements, already expanded; returns once they are journaled and queued.
   *
   * @throws dev.stockbridge.InvalidValueException if the list or a movement is null
   * @throws dev.stockbridge.engine.BackpressureException if the queue stayed full; nothing accepted
   * @throws StockbridgeException if the journal failed; nothing accepted
   */
  SubmitResult accept(List<Movement> movements) {
    Checks.notNull("movements", movements).forEach(m -> Checks.notNull("movement", m));
    long acceptedAt = OrderTiming.now(); // one stamp for the whole submission, journal force included
    Ticket ticket = sequence(movements);
    ticket.acceptedAt = acceptedAt;
    ticket.conflicts.forEach(this::raiseConflict);
    if (ticket.batch.isEmpty()) {
      counters.duplicates.addAndGet(movements.size() - ticket.conflicts.size());
      return new SubmitResult(0, movements.size() - ticket.conflicts.size(), ticket.conflicts.size());
    }
    try {
      journal.append(ticket.batch);
    } catch (RuntimeException | Error e) {
      ticket.failure = e instanceof StockbridgeException known ? known : new StockbridgeException("journal append failed: " + e, e);
    }
    publish(ticket);
    if (ticket.failure != null) {
      throw ticket.failure;
    }
    buffers.accepted(ticket.batch); // the order velocities behind the latency buffer; no lock held
    int duplicates = movements.size() - ticket.batch.size() - ticket.conflicts.size();
    counters.accepted.addAndGet(ticket.batch.size());
    counters.duplicates.addAndGet(duplicates);
    return new SubmitResult(ticket.batch.size(), duplicates, ticket.conflicts.size());
  }

  /**
   * A key accepted before came again with other content: neither dropped as a duplicate nor
   * applied a second time, but raised with both versions for a person to decide.
   */
  private void raiseConflict(Movement[] versions) {
    Movement first = versions[0];
    Movement again = versions[1];
    String message = "idempotency key " + again.idempotencyKey() + " came again with other content: accepted "
        + describe(first) + ", now " + describe(again) + "; the first stands and the second was not applied";
    try {
      config.exceptions().raise(new dev.stockbridge.spi.StockException(
          "CONTENT_CONFLICT", again.key(), List.of(first, again), message, config.clock().instant()));
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Intake.class).error("exception store refused: {}", message, e);
    }
  }

  private static String describe(Movement m) {
    return m.kind() + " " + m.quantity() + " " + m.state().name() + " of " + m.key();
  }

  /** Whether two movements of one key say the same: a duplicate, not a conflict. */
  static boolean sameContent(Movement a, Movement b) {
    return a.kind() == b.kind()
        && a.sku().equals(b.sku())
        && a.location().equals(b.location())
        && a.state().name().equals(b.state().name())
        && a.quantity() == b.quantity();
  }

  /** What replaying one journaled movement found. */
  enum Restored {
    /** Its identity is new: a movement to recover. */
    NEW,
    /** A record held twice, or a copy rebased below one held already: nothing more. */
    DUPLICATE,
    /** The same movement rebased above a mark ({@link #rebaseIfBehind}): it replaces the earlier. */
    SUPERSEDES
  }

  /** Replays one journaled movement, accepted at a moment (epoch millis), into the intake's memory before start. */
  Restored restore(Movement movement, long acceptedAt) {
    lock.lock();
    try {
      lastSequence.merge(movement.key(), movement.sequence(), Math::max);
      Seen known = seen.putIfAbsent(identity(movement), new Seen(movement, acceptedAt));
      if (known == null) {
        return Restored.NEW;
      }
      if (sameContent(known.movement(), movement) && movement.sequence() > known.movement().sequence()) {
        seen.put(identity(movement), new Seen(movement, known.at()));
        return Restored.SUPERSEDES;
      }
      return Restored.DUPLICATE;
    } finally {
      lock.unlock();
    }
  }

  /** Replays what compaction kept of a key: its movements are numbered above its last sequence. */
  void restore(dev.stockbridge.spi.CompactedKey compacted) {
    lock.lock();
    try {
      lastSequence.merge(compacted.key(), compacted.lastSequence(), Math::max);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends the replay: what the journal holds now is what this open found, and a key whose mark of
   * ours (read at recovery) is ahead of it sequences from the mark on. Identities past the
   * retention that the journal had not compacted yet are forgotten now.
   */
  void opened(Map<StockKey, Long> marksAhead, Map<StockKey, Long> appliedMarks) {
    lock.lock();
    try {
      marksAhead.forEach((key, mark) -> lastSequence.merge(key, mark, Math::max));
      floors = new HashMap<>(lastSequence);
      appliedMarks.forEach((key, mark) -> applied.merge(key, mark, Math::max));
      forget(true);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A batch of a key is settled up to its highest sequence: returns the sequence as journaled
   * (translated if the key was rebased) and notes it applied, so its identities may age out. One
   * intake lock per settled batch; nothing is noted when identities are kept for ever.
   */
  long settled(StockKey key, long highestSequence) {
    lock.lock();
    try {
      long sequence = effective(key, highestSequence);
      if (retentionMillis != Long.MAX_VALUE) {
        applied.merge(key, sequence, Math::max);
      }
      return sequence;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Forgets identities accepted longer ago than the retention whose movements are applied, oldest
   * first, stopping at the first one still within it; an unapplied one is kept whatever its age.
   * Under the intake lock; at most once a second unless asked to.
   */
  private void forget(boolean now) {
    if (retentionMillis == Long.MAX_VALUE) {
      return;
    }
    long clock = config.clock().millis();
    if (!now && clock - forgotAt < 1000) {
      return;
    }
    forgotAt = clock;
    long cutoff = clock - retentionMillis;
    for (var it = seen.values().iterator(); it.hasNext(); ) {
      Seen entry = it.next();
      if (entry.at() >= cutoff) {
        break;
      }
      Movement m = entry.movement();
      if (effective(m.key(), m.sequence()) <= applied.getOrDefault(m.key(), 0L)) {
        it.remove();
      }
    }
  }

  /**
   * The sequence a movement of a key is written under: its own, or, for a movement this open
   * accepted before its key was found behind, the one it was rebased to.
   */
  long effective(StockKey key, long sequence) {
    lock.lock(); // reentrant: forget() calls it under the lock
    try {
      Rebase rebase = rebases.get(key);
      return rebase == null ? sequence : rebase.apply(sequence);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Checks a mark of ours read from the storefront against what this ledger assigned. A mark ahead
   * of it proves the journal lost records (restored from a backup, truncated): every movement the
   * journal held at open up to the mark was applied, and the movements accepted since this open,
   * which the storefront has not seen, are rebased above the mark: appended again under their new
   * sequences (durably, before the caller writes the new mark) and translated on the way out.
   *
   * <p>Holds the intake lock across that append (submitters wait): it happens once per key that was
   * behind, and new sequences must not be handed out until the rebase is decided.
   *
   * @throws StockbridgeException if the key was rebased once already in this open (another process
   *     writes under this ledger's identity: a copied data directory) or the append failed
   */
  Rebase rebaseIfBehind(StockKey key, long mark) {
    lock.lock();
    try {
      Rebase done = rebases.get(key);
      long last = lastSequence.getOrDefault(key, 0L);
      long floor = floors.getOrDefault(key, 0L);
      // Decided once per key, at its first write since this open, against what the journal held at
      // the open (the floor), not against what it assigned since: by the first write, new orders may
      // already have been numbered past a mark the restored journal lost.
      boolean first = checked.add(key);
      if (first ? mark <= floor : mark <= last) {
        return done == null ? Rebase.NONE : done;
      }
      if (!first || done != null) {
        throw new StockbridgeException("the storefront's mark of ledger " + journal.ledger().id() + " on " + key + " is at " + mark
            + ", ahead of every sequence this ledger assigned (" + last + ") after a rebase: another process writes under this"
            + " ledger's identity (a copy of the data directory?); give the copy an empty data directory");
      }
      Rebase rebase = new Rebase(floor, last, mark - floor);
      List<Movement> moved = new ArrayList<>();
      for (Movement m : lanes.unapplied(key)) {
        if (rebase.moves(m.sequence())) {
          moved.add(m.withSequence(rebase.apply(m.sequence())));
        }
      }
      for (Ticket ticket : tickets) {
        for (Movement m : ticket.batch) {
          if (m.key().equals(key) && rebase.moves(m.sequence())) {
            moved.add(m.withSequence(rebase.apply(m.sequence())));
          }
        }
      }
      if (!moved.isEmpty()) {
        journal.append(moved);
      }
      rebases.put(key, rebase);
      lastSequence.put(key, last + rebase.shift());
      org.slf4j.LoggerFactory.getLogger(Intake.class).warn(
          "the journal is behind the storefront on {}: its mark of ledger {} is {}, the journal held {}; {} movements accepted"
              + " since start were rebased above the mark (was the journal restored from a backup?)",
          key, journal.ledger().id(), mark, last, moved.size());
      return rebase;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Movements of one key accepted in this open with a sequence in {@code (floor, upTo]}, moved up
   * by {@code shift}; every other sequence stays.
   */
  record Rebase(long floor, long upTo, long shift) {
    static final Rebase NONE = new Rebase(0, 0, 0);

    boolean moves(long sequence) {
      return sequence > floor && sequence <= upTo;
    }

    long apply(long sequence) {
      return moves(sequence) ? sequence + shift : sequence;
    }
  }

  /** Takes a ticket: new movements sequenced, room promised, their keys pending. */
  private Ticket sequence(List<Movement> movements) {
    long deadline = System.nanoTime() + config.offerTimeout().toNanos();
    lock.lock();
    try {
      while (true) {
        if (anyPending(movements)) {
          published.awaitUninterruptibly(); // another ticket holds one of these keys: its outcome decides
          continue;
        }
        Ticket ticket = newMovements(movements);
        if (ticket.batch.isEmpty()) {
          return ticket;
        }
        if (lanes.tryReserve(ticket.batch.size())) {
          ticket.keys.forEach(pending::add);
          ticket.batch.forEach(m -> lastSequence.put(m.key(), m.sequence()));
          tickets.addLast(ticket);
          return ticket;
        }
        lock.unlock(); // wait for room without holding up other submitters
        try {
          lanes.awaitRoom(ticket.batch.size(), deadline);
        } finally {
          lock.lock();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private String identity(Movement movement) {
    return config.pools().identity(movement);
  }

  /**
   * What was accepted under a movement's identity: under the key itself, or, for a key whose ids
   * were escaped, under the key as it was written before escaping, if the content is the same (a
   * re-delivery of an event journaled by an older version; a different content there is the other
   * id the old key collided with, not this one).
   */
  private Movement accepted(Movement movement) {
    Seen known = seen.get(identity(movement));
    if (known != null) {
      return known.movement();
    }
    String legacy = dev.stockbridge.IdempotencyKeys.legacy(movement.idempotencyKey());
    if (legacy.equals(movement.idempotencyKey())) {
      return null;
    }
    Seen old = seen.get(config.pools().identity(new Movement(movement.kind(), movement.sku(), movement.location(),
        movement.state(), movement.quantity(), movement.cause(), legacy, Movement.UNSEQUENCED)));
    return old != null && sameContent(old.movement(), movement) ? old.movement() : null;
  }

  private boolean anyPending(List<Movement> movements) {
    if (pending.isEmpty()) {
      return false;
    }
    for (Movement movement : movements) {
      if (pending.contains(identity(movement))) {
        return true;
      }
    }
    return false;
  }

  /** The movements not yet accepted, each with the next sequence of its key; commits nothing. */
  private Ticket newMovements(List<Movement> movements) {
    Ticket ticket = new Ticket();
    Map<StockKey, Long> sequences = new HashMap<>();
    for (Movement movement : movements) {
      String key = identity(movement);
      Movement known = accepted(movement);
      if (known == null) {
        known = ticket.byKey.get(key);
      }
      if (known != null) {
        if (!sameContent(known, movement)) {
          ticket.conflicts.add(new Movement[] {known, movement});
        }
        continue;
      }
      long sequence = sequences.merge(movement.key(), lastSequence.getOrDefault(movement.key(), 0L) + 1, (a, b) -> a + 1);
      ticket.keys.add(key);
      Movement sequenced = movement.withSequence(sequence);
      ticket.byKey.put(key, sequenced);
      ticket.batch.add(sequenced);
    }
    return ticket;
  }

  /** Publishes every ticket whose append is done, in ticket order; returns once this one is. */
  private void publish(Ticket ticket) {
    lock.lock();
    try {
      ticket.done = true;
      for (Ticket head; (head = tickets.peekFirst()) != null && head.done; ) {
        tickets.pollFirst();
        pending.removeAll(head.keys);
        if (head.failure == null) {
          long at = config.clock().millis();
          head.byKey.forEach((identity, m) -> seen.put(identity, new Seen(m, at)));
          lanes.enqueue(head.batch, head.acceptedAt);
        } else {
          lanes.release(head.batch.size());
        }
        head.published = true;
      }
      forget(false);
      published.signalAll();
      while (!ticket.published) {
        published.awaitUninterruptibly(); // an earlier ticket's append is finishing
      }
    } finally {
      lock.unlock();
    }
  }

  /** One submission between sequencing and publication. Guarded by the intake lock. */
  private static final class Ticket {
    final List<Movement> batch = new ArrayList<>();
    final Set<String> keys = new HashSet<>();
    final Map<String, Movement> byKey = new HashMap<>();
    /** Pairs of (accepted, offered again with other content). */
    final List<Movement[]> conflicts = new ArrayList<>();
    long acceptedAt = dev.stockbridge.queue.DecrementQueue.UNTIMED;
    boolean done;
    boolean published;
    StockbridgeException failure;
  }
}
