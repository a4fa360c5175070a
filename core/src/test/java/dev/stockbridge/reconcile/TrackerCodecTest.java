package dev.stockbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.InventoryState;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Every field of an exception survives the tracker's record codec. */
class TrackerCodecTest {

  private static final Instant NOW = Instant.parse("2026-11-27T09:00:00.123456789Z");

  @Test
  void shouldDecodeWhatItEncoded_whenEveryFieldIsSet() {
    Movement held = new Movement(MovementKind.RECEIPT, Sku.of("TASSE-GRÖẞE-L"), Location.of("köln"),
        new InventoryState("REFURBISHED", false, true), 3, "Lieferung 🚚 42", "po/42/1", 7);
    Discrepancy d = new Discrepancy(DiscrepancyKind.QUANTITY_MISMATCH, "MUG@london", Optional.of(StockKey.of("MUG", "london")),
        OptionalLong.of(5), OptionalLong.empty(), -4, List.of(held), Cause.MISSED_EVENT, Owner.OPS, "shown 9, expected 5");
    TrackedException full = new TrackedException("QUANTITY_MISMATCH|MUG@london", "QUANTITY_MISMATCH", "MUG@london", Owner.OPS,
        ExceptionStatus.ACKNOWLEDGED, NOW, NOW.plusSeconds(60), 3, "x".repeat(70_000), Optional.of(d), Optional.of("sam"),
        List.of(held, held));
    TrackedException bare = new TrackedException("ENTRY_NOT_FOUND|MUG@paris", "ENTRY_NOT_FOUND", "MUG@paris", Owner.ECOMMERCE,
        ExceptionStatus.OPEN, NOW, NOW, 1, "", Optional.empty(), Optional.empty(), List.of());

    for (TrackedException t : List.of(full, bare)) {
      ByteBuffer body = TrackerCodec.encode(t);
      assertThat(TrackerCodec.decode(body.duplicate(), id -> Optional.empty())).contains(t);
    }
  }

  @Test
  void shouldWriteOnlyLastSeenAndCount_whenNothingElseChanged() {
    TrackedException before = exception(NOW, 1, ExceptionStatus.OPEN);
    TrackedException seen = exception(NOW.plusSeconds(3600), 2, ExceptionStatus.OPEN);
    TrackedException acknowledged = exception(NOW.plusSeconds(3600), 2, ExceptionStatus.ACKNOWLEDGED);

    ByteBuffer small = TrackerCodec.encode(before, seen);
    ByteBuffer whole = TrackerCodec.encode(before, acknowledged);

    assertThat(small.remaining()).isLessThan(whole.remaining() / 3);
    assertThat(TrackerCodec.decode(small, id -> Optional.of(before))).contains(seen);
    assertThat(TrackerCodec.decode(small.duplicate().rewind(), id -> Optional.empty())).as("its exception set aside").isEmpty();
    assertThat(TrackerCodec.decode(whole, id -> Optional.of(before))).contains(acknowledged);
  }

  private static TrackedException exception(Instant lastSeen, long occurrences, ExceptionStatus status) {
    Discrepancy d = new Discrepancy(DiscrepancyKind.QUANTITY_MISMATCH, "MUG@london", Optional.of(StockKey.of("MUG", "london")),
        OptionalLong.of(5), OptionalLong.of(9), 4, List.of(), Cause.MISSED_EVENT, Owner.OPS, "shown 9, expected 5");
    return new TrackedException("QUANTITY_MISMATCH|MUG@london", "QUANTITY_MISMATCH", "MUG@london", Owner.OPS, status, NOW,
        lastSeen, occurrences, "shown 9, expected 5", Optional.of(d), Optional.empty(), List.of());
  }
}
