package dev.stockbridge.reconcile;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.InventoryState;
import dev.stockbridge.store.RecordReader;
import dev.stockbridge.store.RecordWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * One {@link TrackedException} as a record of the tracker's record log, every field in declaration
 * order; enums by name, so reordering them never changes old files. Binary rather than JSON: a
 * reconciliation run appends thousands of them, and JSON took most of the run's time.
 *
 * <p>A run that sees the same discrepancies again changes only their last seen and count, so
 * that change has a record of its own, a tenth of the size of a whole exception.
 *
 * <pre>
 * record      = whole | seen
 * seen        = SEEN:byte 2, id, lastSeen, occurrences:long
 * whole       = WHOLE:byte 1, id, code, subject, owner, status, firstSeen, lastSeen,
 *               occurrences:long, message, (false | true discrepancy), (false | true actor), movements
 * discrepancy = kind, subject, (false | true sku location), (false | true expected:long),
 *               (false | true shown:long), residual:long, movements, cause, owner, detail
 * movements   = count:int, (kind sku location stateName stateFlags:byte quantity:long cause key sequence:long)*
 * instant     = seconds:long, nanos:int
 * </pre>
 *
 * <p>Strings and booleans as {@link RecordWriter} writes them.
 */
final class TrackerCodec {

  private static final byte WHOLE = 1;
  private static final byte SEEN = 2;
  private static final int SELLABLE = 1;
  private static final int ON_HAND = 2;

  private TrackerCodec() {}

  /**
   * The record of a change: only the last seen and count when nothing else changed.
   *
   * @param before the exception before the change, or null if it is new
   * @param after the exception after it
   */
  static ByteBuffer encode(TrackedException before, TrackedException after) {
    if (before != null && after.equals(seenAgain(before, after.lastSeen(), after.occurrences()))) {
      RecordWriter out = new RecordWriter(96).putByte(SEEN).putString(after.id());
      instant(out, after.lastSeen());
      return out.putLong(after.occurrences()).toBody();
    }
    return encode(after);
  }

  /** The record of a whole exception. */
  static ByteBuffer encode(TrackedException t) {
    RecordWriter out = new RecordWriter(1024);
    out.putByte(WHOLE).putString(t.id()).putString(t.code()).putString(t.subject())
        .putString(t.owner().name()).putString(t.status().name());
    instant(out, t.firstSeen());
    instant(out, t.lastSeen());
    out.putLong(t.occurrences()).putString(t.message()).putBoolean(t.discrepancy().isPresent());
    t.discrepancy().ifPresent(d -> discrepancy(out, d));
    out.putBoolean(t.actor().isPresent());
    t.actor().ifPresent(out::putString);
    movements(out, t.movements());
    return out.toBody();
  }

  /**
   * Decodes a record into the exception it leaves.
   *
   * @param body the record
   * @param known the exceptions read so far, by id, for a {@code seen} record
   * @return the exception, or empty for a {@code seen} record of an exception not read (its whole
   *     record was damaged and set aside)
   * @throws IllegalArgumentException if the record ends early, is of an unknown type, or names an
   *     unknown enum constant
   * @throws dev.stockbridge.InvalidValueException if a value is invalid
   */
  static Optional<TrackedException> decode(ByteBuffer body, Function<String, Optional<TrackedException>> known) {
    RecordReader in = new RecordReader(body);
    byte type = in.getByte();
    if (type == SEEN) {
      String id = in.getString();
      Instant lastSeen = instant(in);
      long occurrences = in.getLong();
      in.end();
      return known.apply(id).map(t -> seenAgain(t, lastSeen, occurrences));
    }
    if (type != WHOLE) {
      throw new IllegalArgumentException("unknown record type " + type);
    }
    return Optional.of(whole(in));
  }

  private static TrackedException seenAgain(TrackedException t, Instant lastSeen, long occurrences) {
    return new TrackedException(t.id(), t.code(), t.subject(), t.owner(), t.status(), t.firstSeen(), lastSeen,
        occurrences, t.message(), t.discrepancy(), t.actor(), t.movements());
  }

  private static TrackedException whole(RecordReader in) {
    String id = in.getString();
    String code = in.getString();
    String subject = in.getString();
    Owner owner = Owner.valueOf(in.getString());
    ExceptionStatus status = ExceptionStatus.valueOf(in.getString());
    Instant firstSeen = instant(in);
    Instant lastSeen = instant(in);
    long occurrences = in.getLong();
    String message = in.getString();
    Optional<Discrepancy> discrepancy = in.getBoolean() ? Optional.of(discrepancy(in)) : Optional.empty();
    Optional<String> actor = in.getBoolean() ? Optional.of(in.getString()) : Optional.empty();
    List<Movement> movements = movements(in);
    in.end();
    return new TrackedException(id, code, subject, owner, status, firstSeen, lastSeen, occurrences, message,
        discrepancy, actor, movements);
  }

  private static void discrepancy(RecordWriter out, Discrepancy d) {
    out.putString(d.kind().name()).putString(d.subject()).putBoolean(d.key().isPresent());
    d.key().ifPresent(key -> out.putString(key.sku().value()).putString(key.location().key()));
    optional(out, d.expected());
    optional(out, d.shown());
    out.putLong(d.residual());
    movements(out, d.inFlight());
    out.putString(d.cause().name()).putString(d.owner().name()).putString(d.detail());
  }

  private static Discrepancy discrepancy(RecordReader in) {
    DiscrepancyKind kind = DiscrepancyKind.valueOf(in.getString());
    String subject = in.getString();
    Optional<StockKey> key = in.getBoolean() ? Optional.of(StockKey.of(in.getString(), in.getString())) : Optional.empty();
    OptionalLong expected = optional(in);
    OptionalLong shown = optional(in);
    long residual = in.getLong();
    List<Movement> inFlight = movements(in);
    Cause cause = Cause.valueOf(in.getString());
    Owner owner = Owner.valueOf(in.getString());
    return new Discrepancy(kind, subject, key, expected, shown, residual, inFlight, cause, owner, in.getString());
  }

  private static void movements(RecordWriter out, List<Movement> movements) {
    out.putInt(movements.size());
    for (Movement m : movements) {
      out.putString(m.kind().name()).putString(m.sku().value()).putString(m.location().key())
          .putString(m.state().name())
          .putByte((m.state().sellable() ? SELLABLE : 0) | (m.state().onHand() ? ON_HAND : 0))
          .putLong(m.quantity()).putString(m.cause()).putString(m.idempotencyKey()).putLong(m.sequence());
    }
  }

  private static List<Movement> movements(RecordReader in) {
    int count = in.getCount();
    List<Movement> movements = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      MovementKind kind = MovementKind.valueOf(in.getString());
      Sku sku = Sku.of(in.getString());
      Location location = Location.of(in.getString());
      String stateName = in.getString();
      byte flags = in.getByte();
      InventoryState state = new InventoryState(stateName, (flags & SELLABLE) != 0, (flags & ON_HAND) != 0);
      movements.add(new Movement(kind, sku, location, state, in.getLong(), in.getString(), in.getString(), in.getLong()));
    }
    return movements;
  }

  private static void optional(RecordWriter out, OptionalLong value) {
    out.putBoolean(value.isPresent());
    if (value.isPresent()) {
      out.putLong(value.getAsLong());
    }
  }

  private static OptionalLong optional(RecordReader in) {
    return in.getBoolean() ? OptionalLong.of(in.getLong()) : OptionalLong.empty();
  }

  private static void instant(RecordWriter out, Instant value) {
    out.putLong(value.getEpochSecond()).putInt(value.getNano());
  }

  private static Instant instant(RecordReader in) {
    return Instant.ofEpochSecond(in.getLong(), in.getInt());
  }
}
