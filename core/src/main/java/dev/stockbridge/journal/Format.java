package dev.stockbridge.journal;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.state.InventoryState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The journal file's format, version 1. All numbers are big-endian.
 *
 * <pre>
 * file    = magic:int "SBJL", version:byte 1, frame*
 * frame   = length:int, crc32c(body):int, body (length bytes, 1..MAX_BODY)
 * body    = ACCEPTED:byte 1, kind:str, sku:str, location:str, state:str,
 *             stateFlags:byte (1 sellable | 2 on hand), quantity:long, cause:str,
 *             idempotencyKey:str, sequence:long
 *         | APPLIED:byte 2, sku:str, location:str, sequence:long
 * str     = byteLength:int, UTF-8 bytes
 * </pre>
 *
 * <p>Enums and states are stored by name, so reordering {@code MovementKind} or registering new
 * states never changes the meaning of old files. New record types get new type bytes.
 */
final class Format {

  static final int MAGIC = 0x53424A4C;
  static final byte VERSION = 1;
  static final int FILE_HEADER = 5;
  static final int FRAME_HEADER = 8;
  static final int MAX_BODY = 64 * 1024;

  private static final byte ACCEPTED = 1;
  private static final byte APPLIED = 2;
  private static final int SELLABLE = 1;
  private static final int ON_HAND = 2;

  private Format() {}

  static ByteBuffer header() {
    return ByteBuffer.allocate(FILE_HEADER).putInt(MAGIC).put(VERSION).flip();
  }

  /**
   * Frames records for writing.
   *
   * @throws InvalidValueException if a record does not fit in {@link #MAX_BODY}
   */
  static ByteBuffer encode(List<JournalRecord> records) {
    Encoder encoder = new Encoder();
    records.forEach(encoder::frame);
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

  static int checksum(ByteBuffer body) {
    CRC32C crc = new CRC32C();
    crc.update(body.duplicate());
    return (int) crc.getValue();
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

  /** Writes frames into a buffer that grows as needed. */
  private static final class Encoder {
    private ByteBuffer buffer = ByteBuffer.allocate(512);

    void frame(JournalRecord record) {
      int start = buffer.position();
      room(FRAME_HEADER);
      buffer.position(start + FRAME_HEADER);
      if (record instanceof JournalRecord.Accepted accepted) {
        Movement movement = accepted.movement();
        InventoryState state = movement.state();
        put(ACCEPTED);
        put(movement.kind().name());
        put(movement.sku().value());
        put(movement.location().key());
        put(state.name());
        put((byte) ((state.sellable() ? SELLABLE : 0) | (state.onHand() ? ON_HAND : 0)));
        put(movement.quantity());
        put(movement.cause());
        put(movement.idempotencyKey());
        put(movement.sequence());
      } else if (record instanceof JournalRecord.Applied applied) {
        put(APPLIED);
        put(applied.key().sku().value());
        put(applied.key().location().key());
        put(applied.sequence());
      }
      int length = buffer.position() - start - FRAME_HEADER;
      if (length > MAX_BODY) {
        throw new InvalidValueException(
            "record", record, "takes " + length + " bytes, more than the " + MAX_BODY + " allowed");
      }
      ByteBuffer body = buffer.slice(start + FRAME_HEADER, length);
      buffer.putInt(start, length).putInt(start + 4, checksum(body));
    }

    private void put(byte value) {
      room(1);
      buffer.put(value);
    }

    private void put(long value) {
      room(Long.BYTES);
      buffer.putLong(value);
    }

    private void put(String value) {
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
