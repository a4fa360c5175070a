package dev.stockbridge.postgres;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.reconcile.Cause;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.DiscrepancyKind;
import dev.stockbridge.reconcile.ExceptionStatus;
import dev.stockbridge.reconcile.Owner;
import dev.stockbridge.reconcile.TrackedException;
import dev.stockbridge.InventoryState;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON form of a {@link TrackedException} in the {@code body} column: plain records that
 * mirror the model (so the model needs no Jackson annotations), the same shape as the file
 * tracker's entries, absent values as {@code null}. Stateless.
 */
final class TrackedJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private TrackedJson() {}

  static String write(TrackedException t) {
    try {
      return MAPPER.writeValueAsString(new Entry(t.id(), t.code(), t.subject(), t.owner(), t.status(),
          t.firstSeen().toString(), t.lastSeen().toString(), t.occurrences(), t.message(),
          t.discrepancy().map(TrackedJson::entry).orElse(null), t.actor().orElse(null),
          movements(t.movements())));
    } catch (IOException e) {
      throw new InvalidValueException("exception", t.id(), "cannot be written as JSON");
    }
  }

  static TrackedException read(String json) {
    Entry e;
    try {
      e = MAPPER.readValue(json, Entry.class);
    } catch (IOException ex) {
      throw new PostgresStoreException("a tracked exception's body is damaged: " + ex.getMessage(), ex);
    }
    return new TrackedException(e.id(), e.code(), e.subject(), e.owner(), e.status(),
        Instant.parse(e.firstSeen()), Instant.parse(e.lastSeen()), e.occurrences(), e.message(),
        Optional.ofNullable(e.discrepancy()).map(TrackedJson::discrepancy), Optional.ofNullable(e.actor()),
        movementsOf(e.movements()));
  }

  private static DiscrepancyEntry entry(Discrepancy d) {
    return new DiscrepancyEntry(d.kind(), d.subject(), d.key().map(k -> k.sku().value()).orElse(null),
        d.key().map(k -> k.location().key()).orElse(null), boxed(d.expected()), boxed(d.shown()),
        d.residual(), movements(d.inFlight()), d.cause(), d.owner(), d.detail());
  }

  private static Discrepancy discrepancy(DiscrepancyEntry e) {
    Optional<StockKey> key = e.sku() == null ? Optional.empty() : Optional.of(StockKey.of(e.sku(), e.location()));
    return new Discrepancy(e.kind(), e.subject(), key, unboxed(e.expected()), unboxed(e.shown()),
        e.residual(), movementsOf(e.inFlight()), e.cause(), e.owner(), e.detail());
  }

  private static List<MovementEntry> movements(List<Movement> movements) {
    return movements.stream()
        .map(m -> new MovementEntry(m.kind(), m.sku().value(), m.location().key(), m.state().name(),
            m.state().sellable(), m.state().onHand(), m.quantity(), m.cause(), m.idempotencyKey(),
            m.sequence()))
        .toList();
  }

  private static List<Movement> movementsOf(List<MovementEntry> entries) {
    return entries == null ? List.of() : entries.stream()
        .map(e -> new Movement(e.kind(), Sku.of(e.sku()), Location.of(e.location()),
            new InventoryState(e.state(), e.sellable(), e.onHand()), e.quantity(), e.cause(),
            e.idempotencyKey(), e.sequence()))
        .toList();
  }

  private static Long boxed(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }

  private static OptionalLong unboxed(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  record Entry(String id, String code, String subject, Owner owner, ExceptionStatus status,
      String firstSeen, String lastSeen, long occurrences, String message,
      DiscrepancyEntry discrepancy, String actor, List<MovementEntry> movements) {}

  record DiscrepancyEntry(DiscrepancyKind kind, String subject, String sku, String location,
      Long expected, Long shown, long residual, List<MovementEntry> inFlight, Cause cause,
      Owner owner, String detail) {}

  record MovementEntry(MovementKind kind, String sku, String location, String state,
      boolean sellable, boolean onHand, long quantity, String cause, String idempotencyKey,
      long sequence) {}
}
