package dev.stockbridge.reconcile;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.InventoryState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON form of a tracker's exceptions: each record of the tracker's record log is one
 * exception's {@link Entry}; the file of before the record log, still read to convert it, was
 * {@code {"format":1,"exceptions":[...]}}. Plain records mirror the model so the model needs no
 * Jackson annotations; absent values are {@code null}.
 */
final class TrackerFileFormat {

  static final int VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private TrackerFileFormat() {}

  static void write(List<TrackedException> exceptions, OutputStream out) throws IOException {
    MAPPER.writeValue(out, new Snapshot(VERSION, exceptions.stream().map(TrackerFileFormat::entry).toList()));
  }

  /**
   * Reads exceptions back.
   *
   * @throws IOException if the stream is not this format's JSON
   * @throws InvalidValueException if a value is missing or invalid
   */
  static List<TrackedException> read(InputStream in) throws IOException {
    Snapshot snapshot = MAPPER.readValue(in, Snapshot.class);
    if (snapshot.format() != VERSION) {
      throw new InvalidValueException("format", snapshot.format(), "is not " + VERSION);
    }
    return required("exceptions", snapshot.exceptions()).stream().map(TrackerFileFormat::tracked).toList();
  }

  private static Entry entry(TrackedException t) {
    return new Entry(t.id(), t.code(), t.subject(), t.owner(), t.status(), t.firstSeen().toString(),
        t.lastSeen().toString(), t.occurrences(), t.message(), t.discrepancy().map(TrackerFileFormat::discrepancy).orElse(null),
        t.actor().orElse(null), movements(t.movements()));
  }

  private static TrackedException tracked(Entry e) {
    return new TrackedException(e.id(), e.code(), e.subject(), e.owner(), e.status(),
        Instant.parse(required("firstSeen", e.firstSeen())), Instant.parse(required("lastSeen", e.lastSeen())),
        e.occurrences(), e.message(), Optional.ofNullable(e.discrepancy()).map(TrackerFileFormat::discrepancy),
        Optional.ofNullable(e.actor()), required("movements", e.movements()).stream().map(TrackerFileFormat::movement).toList());
  }

  private static DiscrepancyEntry discrepancy(Discrepancy d) {
    return new DiscrepancyEntry(d.kind(), d.subject(), d.key().map(k -> k.sku().value()).orElse(null),
        d.key().map(k -> k.location().key()).orElse(null), boxed(d.expected()), boxed(d.shown()), d.residual(),
        movements(d.inFlight()), d.cause(), d.owner(), d.detail());
  }

  private static Discrepancy discrepancy(DiscrepancyEntry e) {
    Optional<StockKey> key = e.sku() == null && e.location() == null
        ? Optional.empty()
        : Optional.of(StockKey.of(e.sku(), e.location()));
    return new Discrepancy(e.kind(), e.subject(), key, unboxed(e.expected()), unboxed(e.shown()), e.residual(),
        required("inFlight", e.inFlight()).stream().map(TrackerFileFormat::movement).toList(), e.cause(), e.owner(),
        e.detail());
  }

  private static List<MovementEntry> movements(List<Movement> movements) {
    return movements.stream()
        .map(m -> new MovementEntry(m.kind(), m.sku().value(), m.location().key(),
            new StateEntry(m.state().name(), m.state().sellable(), m.state().onHand()), m.quantity(), m.cause(),
            m.idempotencyKey(), m.sequence()))
        .toList();
  }

  private static Movement movement(MovementEntry e) {
    StateEntry s = required("state", e.state());
    return new Movement(e.kind(), Sku.of(e.sku()), Location.of(e.location()),
        new InventoryState(s.name(), s.sellable(), s.onHand()), e.quantity(), e.cause(), e.idempotencyKey(),
        e.sequence());
  }

  private static Long boxed(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }

  private static OptionalLong unboxed(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private static <T> T required(String field, T value) {
    if (value == null) {
      throw new InvalidValueException(field, null, "is missing");
    }
    return value;
  }

  record Snapshot(int format, List<Entry> exceptions) {}

  record Entry(String id, String code, String subject, Owner owner, ExceptionStatus status, String firstSeen,
      String lastSeen, long occurrences, String message, DiscrepancyEntry discrepancy, String actor,
      List<MovementEntry> movements) {}

  record DiscrepancyEntry(DiscrepancyKind kind, String subject, String sku, String location, Long expected, Long shown,
      long residual, List<MovementEntry> inFlight, Cause cause, Owner owner, String detail) {}

  record MovementEntry(MovementKind kind, String sku, String location, StateEntry state, long quantity, String cause,
      String idempotencyKey, long sequence) {}

  record StateEntry(String name, boolean sellable, boolean onHand) {}
}
