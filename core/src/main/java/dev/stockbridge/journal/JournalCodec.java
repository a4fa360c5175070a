package dev.stockbridge.journal;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.state.InventoryState;
import dev.stockbridge.store.LogFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The journal's records inside the record log (whose framing is {@code dev.stockbridge.store}'s).
 * All numbers are big-endian.
 *
 * <pre>
 * body    = ACCEPTED:byte 1, kind:str, sku:str, location:str, state:str,
 *             stateFlags:byte (1 sellable | 2 on hand), quantity:long, cause:str,
 *             idempotencyKey:str, sequence:long
 *         | APPLIED:byte 2, sku:str, location:str, sequence:long
 * str     = byteLength:int, UTF-8 bytes
 * </pre>
 *
 * <p>Enums and states are stored by name, so reordering {@code MovementKind} or registering new
 * states never changes the meaning of old files. New record types get new type bytes. The file
 * format is the journal's version 1 of before the record log, so old journals open unchanged.
 */
final class JournalCodec {

  /** "SBJL", the journal's magic number since its first version. */
  static final LogFormat FORMAT = LogFormat.of("journal", 0x53424A4C).maxRecordBytes(64 * 1024);

  private static final byte ACCEPTED = 1;
  private static final byte APPLIED = 2;
  private static final int SELLABLE = 1;
  private static final int ON_HAND = 2;

  private JournalCodec() {}

  /** Encodes a record's body. */
  static ByteBuffer encode(JournalRecord record) {
    Encoder encoder = new Encoder();
    if (record instanceof JournalRecord.Accepted accepted) {
      Movement movement = accepted.movement();
      InventoryState state = movement.state();
      encoder.put(ACCEPTED);
      encoder.put(movement.kind().name());
      encoder.put(movement.sku().value());
      encoder.put(movement.location().key());
      encoder.put(state.name());
      encoder.put((byte) ((state.sellable() ? SELLABLE : 0) | (state.onHand() ? ON_HAND : 0)));
      encoder.put(movement.quantity());
      encoder.put(movement.cause());
      encoder.put(movement.idempotencyKey());
      encoder.put(movement.sequence());
    } else if (record instanceof JournalRecord.Applied applied) {
      encoder.put(APPLIED);
      encoder.put(applied.key().sku().value());
      encoder.put(applied.key().location().key());
      encoder.put(applied.sequence());
    }
    return encoder.buffer.flip();
  }

  /**
   * Decodes a frame's body.
   *
   * @throws IllegalArgumentException if the body is not a well-formed record
   * @throws java.nio.BufferUnderflowException if the body ends early
   * @throws InvalidValueException if a decoded value is invalid
   */
  static JournalRecord decode(ByteBuffer body) {
    byte type = body.get();
    JournalRecord record =
        switch (type) {
          case ACCEPTED -> new JournalRecord.Accepted(movement(body));
          case APPLIED -> {
            String sku = string(body);
            String location = string(body);
            yield new JournalRecord.Applied(StockKey.of(sku, location), body.getLong());
          }
          default -> throw new IllegalArgumentException("unknown record type " + type);
        };
    if (body.hasRemaining()) {
      throw new IllegalArgumentException(body.remaining() + " stray bytes after the record");
    }
    return record;
  }

  private static Movement movement(ByteBuffer body) {
    MovementKind kind = MovementKind.valueOf(string(body));
    Sku sku = Sku.of(string(body));
    Location location = Location.of(string(body));
    String stateName = string(body);
    byte flags = body.get();
    InventoryState state =
        new InventoryState(stateName, (flags & SELLABLE) != 0, (flags & ON_HAND) != 0);
    long quantity = body.getLong();
    String cause = string(body);
    String idempotencyKey = string(body);
    long sequence = body.getLong();
    return new Movement(kind, sku, location, state, quantity, cause, idempotencyKey, sequence);
  }

  private static String string(ByteBuffer body) {
    int length = body.getInt();
    if (length < 0 || length > body.remaining()) {
      throw new IllegalArgumentException("string length " + length + " out of bounds");
    }
    byte[] bytes = new byte[length];
    body.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Writes a body into a buffer that grows as needed. */
  private static final class Encoder {
    private ByteBuffer buffer = ByteBuffer.allocate(128);

    void put(byte value) {
      room(1);
      buffer.put(value);
    }

    void put(long value) {
      room(Long.BYTES);
      buffer.putLong(value);
    }

    void put(String value) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      room(Integer.BYTES + bytes.length);
      buffer.putInt(bytes.length).put(bytes);
    }

    private void room(int bytes) {
      if (buffer.remaining() < bytes) {
        int capacity = Math.max(buffer.capacity() * 2, buffer.position() + bytes);
        buffer = ByteBuffer.allocate(capacity).put(buffer.flip());
      }
    }
  }
}
