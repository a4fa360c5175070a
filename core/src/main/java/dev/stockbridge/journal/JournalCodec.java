package dev.stockbridge.journal;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.InventoryState;
import dev.stockbridge.spi.CompactedKey;
import dev.stockbridge.store.LogFormat;
import dev.stockbridge.store.RecordReader;
import dev.stockbridge.store.RecordWriter;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The journal's records inside the record log (whose framing is {@code dev.stockbridge.store}'s).
 * All numbers are big-endian.
 *
 * <pre>
 * body    = ACCEPTED:byte 1, kind:str, sku:str, location:str, state:str,
 *             stateFlags:byte (1 sellable | 2 on hand), quantity:long, cause:str,
 *             idempotencyKey:str, sequence:long
 *         | APPLIED:byte 2, sku:str, location:str, sequence:long
 *         | TIME:byte 3, epochMillis:long       (when the movements after it were accepted)
 *         | SUMMARY:byte 4, sku:str, location:str, lastSequence:long, appliedSequence:long,
 *             count:int, count * (state:str, stateFlags:byte, units:long)
 * str     = byteLength:int, UTF-8 bytes (as RecordWriter writes them)
 * </pre>
 *
 * <p>Enums and states are stored by name, so reordering {@code MovementKind} or registering new
 * states never changes the meaning of old files. New record types get new type bytes: TIME and
 * SUMMARY came with compaction, and a journal without them (every file of before) reads as it did,
 * its movements taken as accepted when it was opened. The framing is the journal's version 1 of
 * before the record log, so old journals open unchanged.
 */
final class JournalCodec {

  /** "SBJL", the journal's magic number since its first version. */
  static final LogFormat FORMAT = LogFormat.of("journal", 0x53424A4C).maxRecordBytes(64 * 1024);

  private static final byte ACCEPTED = 1;
  private static final byte APPLIED = 2;
  private static final byte TIME = 3;
  private static final byte SUMMARY = 4;
  private static final int SELLABLE = 1;
  private static final int ON_HAND = 2;

  private JournalCodec() {}

  /** Encodes a record's body. */
  static ByteBuffer encode(JournalRecord record) {
    RecordWriter out = new RecordWriter(160);
    if (record instanceof JournalRecord.Accepted accepted) {
      Movement movement = accepted.movement();
      InventoryState state = movement.state();
      out.putByte(ACCEPTED)
          .putString(movement.kind().name())
          .putString(movement.sku().value())
          .putString(movement.location().key())
          .putString(state.name())
          .putByte((state.sellable() ? SELLABLE : 0) | (state.onHand() ? ON_HAND : 0))
          .putLong(movement.quantity())
          .putString(movement.cause())
          .putString(movement.idempotencyKey())
          .putLong(movement.sequence());
    } else if (record instanceof JournalRecord.Applied applied) {
      out.putByte(APPLIED)
          .putString(applied.key().sku().value())
          .putString(applied.key().location().key())
          .putLong(applied.sequence());
    } else if (record instanceof JournalRecord.Time time) {
      out.putByte(TIME).putLong(time.epochMillis());
    } else if (record instanceof JournalRecord.Summary summary) {
      CompactedKey key = summary.summary();
      out.putByte(SUMMARY)
          .putString(key.key().sku().value())
          .putString(key.key().location().key())
          .putLong(key.lastSequence())
          .putLong(key.appliedSequence())
          .putInt(key.units().size());
      key.units().forEach((state, units) -> out.putString(state.name())
          .putByte((state.sellable() ? SELLABLE : 0) | (state.onHand() ? ON_HAND : 0))
          .putLong(units));
    }
    return out.toBody();
  }

  /**
   * Decodes a frame's body, sharing SKUs, locations and states with earlier records through the
   * interner: a replay then holds one object per key and state, not one per movement.
   */
  static JournalRecord decode(ByteBuffer body, Interner interner) {
    RecordReader in = new RecordReader(body);
    byte type = in.getByte();
    JournalRecord record =
        switch (type) {
          case ACCEPTED -> new JournalRecord.Accepted(movement(in, interner));
          case APPLIED -> new JournalRecord.Applied(StockKey.of(in.getString(), in.getString()), in.getLong());
          case TIME -> new JournalRecord.Time(in.getLong());
          case SUMMARY -> new JournalRecord.Summary(summary(in));
          default -> throw new IllegalArgumentException("unknown record type " + type);
        };
    in.end();
    return record;
  }

  private static CompactedKey summary(RecordReader in) {
    StockKey key = StockKey.of(in.getString(), in.getString());
    long last = in.getLong();
    long applied = in.getLong();
    int count = in.getInt();
    if (count < 0 || count > 10_000) {
      throw new IllegalArgumentException("implausible state count " + count);
    }
    Map<InventoryState, Long> units = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String name = in.getString();
      byte flags = in.getByte();
      units.put(new InventoryState(name, (flags & SELLABLE) != 0, (flags & ON_HAND) != 0), in.getLong());
    }
    return new CompactedKey(key, last, applied, units);
  }

  private static Movement movement(RecordReader in, Interner interner) {
    MovementKind kind = MovementKind.valueOf(in.getString());
    Sku sku = interner.skus.computeIfAbsent(in.getString(), Sku::of);
    Location location = interner.locations.computeIfAbsent(in.getString(), Location::of);
    String stateName = in.getString();
    byte flags = in.getByte();
    InventoryState state = interner.states.computeIfAbsent(stateName + "/" + flags,
        k -> new InventoryState(stateName, (flags & SELLABLE) != 0, (flags & ON_HAND) != 0));
    long quantity = in.getLong();
    String cause = in.getString();
    String idempotencyKey = in.getString();
    long sequence = in.getLong();
    return new Movement(kind, sku, location, state, quantity, cause, idempotencyKey, sequence);
  }

  /** One replay's shared values; grows with the keys and states, not with the records. Not thread-safe. */
  static final class Interner {
    private final Map<String, Sku> skus = new HashMap<>();
    private final Map<String, Location> locations = new HashMap<>();
    private final Map<String, InventoryState> states = new HashMap<>();
  }
}
