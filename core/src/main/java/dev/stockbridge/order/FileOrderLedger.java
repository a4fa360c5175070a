package dev.stockbridge.order;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.spi.OrderLedgerStore;
import dev.stockbridge.spi.OrderRecord;
import dev.stockbridge.store.LogFormat;
import dev.stockbridge.store.AtomicFile;
import dev.stockbridge.store.RecordLog;
import dev.stockbridge.store.RecordLogException;
import dev.stockbridge.store.RecordReader;
import dev.stockbridge.store.RecordWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded order ledger: one {@link RecordLog} of whole-order records (the last of an order
 * wins) and removals. Memory holds only an index (per order: where its record is, when it was last
 * active, whether it has parked events, about 150 bytes); records are read from the file when
 * asked for. What it holds is bounded by the retention: the engine removes orders idle longer, and
 * an open that finds more dead records than live ones rewrites the file with the live ones only (a
 * new file moved over the old in one step). A damaged record is set aside by the record log
 * ({@link #damaged()} names the copies). Thread-safe: writes hold this object's lock; reads use a
 * concurrent index and the record log's lock-free reads. One ledger per file.
 */
public final class FileOrderLedger implements OrderLedgerStore {

  /** The ledger file's name in the data directory. */
  public static final String FILE_NAME = "orders.ledger";

  /** "\u0089SBO": the order ledger's record log. */
  static final LogFormat FORMAT = LogFormat.of("order ledger", 0x8953424F).maxRecordBytes(4 << 20);

  private static final byte PUT = 1;
  private static final byte REMOVE = 2;

  private final Path file;
  /** Set once, while opening; never changed after. */
  private RecordLog log;
  private List<Path> damaged;
  private final Map<String, Entry> index = new ConcurrentHashMap<>();
  private long dead;

  /** Where an order's record is, and what pruning and sweeping need without reading it. */
  private record Entry(long position, Instant lastActivity, boolean parked) {}

  private FileOrderLedger(Path file) {
    this.file = file;
  }

  /**
   * Opens the ledger in a file, creating it if needed, and replays it.
   *
   * @param file the ledger's file; its directory must exist
   * @return the open ledger
   * @throws InvalidValueException if the path is null
   * @throws StockbridgeException if the file cannot be read, is not an order ledger, holds an
   *     undecodable record or is open elsewhere
   */
  public static FileOrderLedger open(Path file) {
    Checks.notNull("file", file);
    FileOrderLedger ledger = replayed(file, List.of());
    if (ledger.dead > 1000 && ledger.dead > ledger.index.size()) {
      ledger = ledger.compacted();
    }
    return ledger;
  }

  private static FileOrderLedger replayed(Path file, List<Path> damagedBefore) {
    FileOrderLedger ledger = new FileOrderLedger(file);
    try {
      // The index is built while opening verifies the file: one read of it, not two.
      ledger.log = RecordLog.open(file, FORMAT, RecordLog.Forcer.DATA, (position, body) -> ledger.replay(body, position));
    } catch (RecordLogException e) {
      throw new StockbridgeException("cannot open the order ledger " + file + ": " + e.getMessage(), e);
    }
    List<Path> damaged = new ArrayList<>(damagedBefore);
    damaged.addAll(ledger.log.damaged());
    ledger.damaged = List.copyOf(damaged);
    return ledger;
  }

  /** Writes the live records to a new file, moves it over this one and opens it again. */
  private FileOrderLedger compacted() {
    Path fresh = file.resolveSibling(file.getFileName() + ".compacting");
    try {
      Files.deleteIfExists(fresh);
      try (RecordLog out = RecordLog.open(fresh, FORMAT)) {
        List<OrderRecord> live = new ArrayList<>();
        index.keySet().forEach(orderId -> find(orderId).ifPresent(live::add));
        for (int from = 0; from < live.size(); from += 1000) {
          List<ByteBuffer> bodies = new ArrayList<>();
          live.subList(from, Math.min(live.size(), from + 1000)).forEach(record -> bodies.add(put(record)));
          out.append(bodies);
        }
      }
      log.close();
      Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      AtomicFile.forceDirectory(file.toAbsolutePath().getParent(), RecordLog.Forcer.DATA); // the move survives a power loss
    } catch (IOException | RecordLogException e) {
      throw new StockbridgeException("cannot compact the order ledger " + file + ": " + e.getMessage(), e);
    }
    return replayed(file, damaged);
  }

  @Override
  public Optional<OrderRecord> find(String orderId) {
    Entry entry = index.get(Checks.notNull("orderId", orderId));
    return entry == null ? Optional.empty() : Optional.of(read(entry.position()));
  }

  private OrderRecord read(long position) {
    OrderRecord[] read = new OrderRecord[1];
    try {
      log.read(new long[] {position}, (at, body) -> read[0] = decode(body, at));
    } catch (RecordLogException e) {
      throw new StockbridgeException("the order ledger " + file + " could not read a record: " + e.getMessage(), e);
    }
    return read[0];
  }

  /**
   * {@inheritDoc} Returns once the records are forced to disk.
   *
   * @throws StockbridgeException if writing failed; nothing of the call is recorded then
   */
  @Override
  public synchronized void put(List<OrderRecord> records) {
    Checks.notNull("records", records);
    if (records.isEmpty()) {
      return;
    }
    List<ByteBuffer> bodies = new ArrayList<>(records.size());
    records.forEach(record -> bodies.add(put(Checks.notNull("record", record))));
    long[] positions = append(bodies, "record " + records.size() + " orders");
    for (int i = 0; i < positions.length; i++) {
      OrderRecord record = records.get(i);
      dead += index.put(record.orderId(), new Entry(positions[i], record.lastActivity(), !record.parked().isEmpty())) == null ? 0 : 1;
    }
  }

  @Override
  public synchronized void remove(Collection<String> orderIds) {
    List<ByteBuffer> bodies = new ArrayList<>();
    for (String orderId : Checks.notNull("orderIds", orderIds)) {
      if (index.containsKey(orderId)) {
        bodies.add(new RecordWriter(16 + orderId.length() * 3).putByte(REMOVE).putString(orderId).toBody());
      }
    }
    if (bodies.isEmpty()) {
      return;
    }
    append(bodies, "remove " + bodies.size() + " orders");
    orderIds.forEach(orderId -> dead += index.remove(orderId) == null ? 0 : 2);
  }

  @Override
  public List<OrderRecord> parked() {
    List<OrderRecord> parked = new ArrayList<>();
    index.forEach((orderId, entry) -> {
      if (entry.parked()) {
        parked.add(read(entry.position()));
      }
    });
    return parked;
  }

  @Override
  public List<String> idleSince(Instant before) {
    Checks.notNull("before", before);
    List<String> idle = new ArrayList<>();
    index.forEach((orderId, entry) -> {
      if (entry.lastActivity().isBefore(before)) {
        idle.add(orderId);
      }
    });
    return idle;
  }

  /**
   * The copies of damaged records set aside when the file was opened: orders in them are unknown
   * to this ledger.
   *
   * @return the copies' paths, empty if the file was intact
   */
  @Override
  public List<Path> damaged() {
    return damaged;
  }

  /**
   * Closes the file; everything recorded is on disk already.
   *
   * @throws StockbridgeException if closing failed
   */
  @Override
  public void close() {
    try {
      log.close();
    } catch (RecordLogException e) {
      throw new StockbridgeException("cannot close the order ledger " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "FileOrderLedger[" + file + "]";
  }

  private long[] append(List<ByteBuffer> bodies, String what) {
    try {
      return log.append(bodies);
    } catch (RecordLogException e) {
      throw new StockbridgeException("the order ledger " + file + " could not " + what + ": " + e.getMessage(), e);
    }
  }

  /** PUT, order id, last activity (seconds, nanos), parked, the record's JSON: replay reads all but the JSON. */
  private static ByteBuffer put(OrderRecord record) {
    String json = OrderRecordCodec.encode(record);
    return new RecordWriter(64 + json.length() * 3).putByte(PUT).putString(record.orderId())
        .putLong(record.lastActivity().getEpochSecond()).putInt(record.lastActivity().getNano())
        .putBoolean(!record.parked().isEmpty()).putString(json).toBody();
  }

  private OrderRecord decode(ByteBuffer body, long position) {
    try {
      RecordReader in = new RecordReader(body);
      if (in.getByte() != PUT) {
        throw new IllegalArgumentException("not an order's record");
      }
      in.getString();
      in.getLong();
      in.getInt();
      in.getBoolean();
      String json = in.getString();
      in.end();
      return OrderRecordCodec.decode(json);
    } catch (IllegalArgumentException | InvalidValueException e) {
      throw undecodable(position, e);
    }
  }

  private void replay(ByteBuffer body, long position) {
    try {
      RecordReader in = new RecordReader(body);
      byte type = in.getByte();
      String orderId = in.getString();
      if (type == PUT) {
        Instant at = Instant.ofEpochSecond(in.getLong(), in.getInt());
        boolean parked = in.getBoolean();
        in.getString();
        in.end();
        dead += index.put(orderId, new Entry(position, at, parked)) == null ? 0 : 1;
      } else if (type == REMOVE) {
        in.end();
        dead += index.remove(orderId) == null ? 1 : 2;
      } else {
        throw new IllegalArgumentException("unknown record type " + type);
      }
    } catch (IllegalArgumentException | InvalidValueException | java.time.DateTimeException e) {
      throw undecodable(position, e);
    }
  }

  private StockbridgeException undecodable(long position, RuntimeException e) {
    return new StockbridgeException("the order ledger " + file + " holds an undecodable record at byte offset " + position + " (" + e.getMessage() + ")", e);
  }
}
