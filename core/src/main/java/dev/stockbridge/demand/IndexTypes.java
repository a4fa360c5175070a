package dev.stockbridge.demand;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The entries of {@link DemandIndex}'s maps and how MVStore writes them: instants as (second,
 * nano) pairs, varint-coded. Stateless singletons; the entries are immutable.
 */
final class IndexTypes {

  private IndexTypes() {}

  /** An instant then a row id: the key of the ordered maps, compared as {@code ORDER} compares rows. */
  record Key(long second, int nano, String id) {

    static Key of(Instant at, String id) {
      return new Key(at.getEpochSecond(), at.getNano(), id);
    }

    /** The smallest key at or after an instant. */
    static Key from(Instant at) {
      return new Key(at.getEpochSecond(), at.getNano(), "");
    }

    int compareTo(Key other) {
      int c = Long.compare(second, other.second);
      if (c == 0) {
        c = Integer.compare(nano, other.nano);
      }
      return c != 0 ? c : id.compareTo(other.id);
    }
  }

  /** A row copy's offset in the log, with the instant the other ordered map sorts it by. */
  record Slot(long offset, long second, int nano) {}

  /** What the index knows of a row id: its current copy's offset and instants. */
  record Row(long offset, long createdSecond, int createdNano, long updatedSecond, int updatedNano) {

    static Row of(DemandLine line, long offset) {
      return new Row(offset, line.createdAt().getEpochSecond(), line.createdAt().getNano(),
          line.updatedAt().getEpochSecond(), line.updatedAt().getNano());
    }

    Key creation(String id) {
      return new Key(createdSecond, createdNano, id);
    }

    Key update(String id) {
      return new Key(updatedSecond, updatedNano, id);
    }
  }

  static final class KeyType extends BasicDataType<Key> {

    static final KeyType INSTANCE = new KeyType();

    @Override
    public int compare(Key a, Key b) {
      return a.compareTo(b);
    }

    @Override
    public int getMemory(Key key) {
      return 48 + 2 * key.id().length();
    }

    @Override
    public void write(WriteBuffer buffer, Key key) {
      buffer.putVarLong(key.second()).putVarInt(key.nano());
      StringDataType.INSTANCE.write(buffer, key.id());
    }

    @Override
    public Key read(ByteBuffer buffer) {
      return new Key(DataUtils.readVarLong(buffer), DataUtils.readVarInt(buffer), DataUtils.readString(buffer));
    }

    @Override
    public Key[] createStorage(int size) {
      return new Key[size];
    }
  }

  static final class SlotType extends BasicDataType<Slot> {

    static final SlotType INSTANCE = new SlotType();

    @Override
    public int getMemory(Slot slot) {
      return 32;
    }

    @Override
    public void write(WriteBuffer buffer, Slot slot) {
      buffer.putVarLong(slot.offset()).putVarLong(slot.second()).putVarInt(slot.nano());
    }

    @Override
    public Slot read(ByteBuffer buffer) {
      return new Slot(DataUtils.readVarLong(buffer), DataUtils.readVarLong(buffer), DataUtils.readVarInt(buffer));
    }

    @Override
    public Slot[] createStorage(int size) {
      return new Slot[size];
    }
  }

  static final class RowType extends BasicDataType<Row> {

    static final RowType INSTANCE = new RowType();

    @Override
    public int getMemory(Row row) {
      return 48;
    }

    @Override
    public void write(WriteBuffer buffer, Row row) {
      buffer.putVarLong(row.offset())
          .putVarLong(row.createdSecond()).putVarInt(row.createdNano())
          .putVarLong(row.updatedSecond()).putVarInt(row.updatedNano());
    }

    @Override
    public Row read(ByteBuffer buffer) {
      return new Row(DataUtils.readVarLong(buffer),
          DataUtils.readVarLong(buffer), DataUtils.readVarInt(buffer),
          DataUtils.readVarLong(buffer), DataUtils.readVarInt(buffer));
    }

    @Override
    public Row[] createStorage(int size) {
      return new Row[size];
    }
  }
}
