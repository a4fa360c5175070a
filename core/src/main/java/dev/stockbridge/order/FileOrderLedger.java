package dev.stockbridge.order;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.spi.OrderLedgerStore;
import dev.stockbridge.spi.OrderRecord;
import dev.stockbridge.store.LogFormat;
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
 * wins) and removals, replayed into memory at open. What it holds is bounded by the retention: the
 * engine removes orders idle longer, and an open that finds more dead records than live ones
 * rewrites the file with the live ones only (a new file moved over the old in one step). A damaged
 * record is set aside by the record log ({@link #damaged()} names the copies). Thread-safe: writes
 * hold this object's lock; reads use a concurrent map. One ledger per file.
 */
public final class FileOrderLedger implements OrderLedgerStore {

  /** The ledger file's name in the data directory. */
  public static final String FILE_NAME = "orders.ledger";

  /** "\u0089SBO": the order ledger's record log. */
  static final LogFormat FORMAT = LogFormat.of("order ledger", 0x8953424F).maxRecordBytes(4 << 20);

  private static final byte PUT = 1;
  private static final byte REMOVE = 2;

  private final Path file;
  private final RecordLog log;
  private final List<Path> damaged;
  private final Map<String, OrderRecord> records = new ConcurrentHashMap<>();
  private long dead;

  private FileOrderLedger(Path file, RecordLog log, List<Path> damaged) {
    this.file = file;
    this.log = log;
    this.damaged = List.copyOf(damaged);
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
    if (ledger.dead > 1000 && ledger.dead > ledger.records.size()) {
      ledger = ledger.compacted();
    }
    return ledger;
  }

  private static FileOrderLedger replayed(Path file, List<Path> damagedBefore) {
    RecordLog log;
    try {
      log = RecordLog.open(file, FORMAT);
    } catch (RecordLogException e) {
      throw new StockbridgeException("cannot open the order ledger " + file + ": " + e.getMessage(), e);
    }
    List<Path> damaged = new ArrayList<>(damagedBefore);
    damaged.addAll(log.damaged());
    FileOrderLedger ledger = new FileOrderLedger(file, log, damaged);
    try {
      log.replay((position, body) -> ledger.replay(body, position));
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
    return ledger;
  }

  /** Writes the live records to a new file, moves it over this one and opens it again. */
  private FileOrderLedger compacted() {
    Path fresh = file.resolveSibling(file.getFileName() + ".compacting");
    try {
      Files.deleteIfExists(fresh);
      try (RecordLog out = RecordLog.open(fresh, FORMAT)) {
        List<ByteBuffer> bodies = new ArrayList<>();
        records.values().forEach(record -> bodies.add(put(record)));
        if (!bodies.isEmpty()) {
          out.append(bodies);
        }
      }
      log.close();
      Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RecordLogException e) {
      throw new StockbridgeException("cannot compact the order ledger " + file + ": " + e.getMessage(), e);
    }
    return replayed(file, damaged);
  }

  @Override
  public Optional<OrderRecord> find(String orderId) {
    return Optional.ofNullable(records.get(Checks.notNull("orderId", orderId)));
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
    append(bodies, "record " + records.size() + " orders");
    records.forEach(record -> dead += this.records.put(record.orderId(), record) == null ? 0 : 1);
  }

  @Override
  public synchronized void remove(Collection<String> orderIds) {
    List<ByteBuffer> bodies = new ArrayList<>();
    for (String orderId : Checks.notNull("orderIds", orderIds)) {
      if (records.containsKey(orderId)) {
        bodies.add(new RecordWriter(16 + orderId.length() * 3).putByte(REMOVE).putString(orderId).toBody());
      }
    }
    if (bodies.isEmpty()) {
      return;
    }
    append(bodies, "remove " + bodies.size() + " orders");
    orderIds.forEach(orderId -> dead += records.remove(orderId) == null ? 0 : 2);
  }

  @Override
  public List<OrderRecord> parked() {
    return records.values().stream().filter(record -> !record.parked().isEmpty()).toList();
  }

  @Override
  public List<String> idleSince(Instant before) {
    Checks.notNull("before", before);
    return records.values().stream().filter(record -> record.lastActivity().isBefore(before)).map(OrderRecord::orderId).toList();
  }

  /**
   * The copies of damaged records set aside when the file was opened: orders in them are unknown
   * to this ledger.
   *
   * @return the copies' paths, empty if the file was intact
   */
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

  private void append(List<ByteBuffer> bodies, String what) {
    try {
      log.append(bodies);
    } catch (RecordLogException e) {
      throw new StockbridgeException("the order ledger " + file + " could not " + what + ": " + e.getMessage(), e);
    }
  }

  private static ByteBuffer put(OrderRecord record) {
    String json = OrderRecordCodec.encode(record);
    return new RecordWriter(16 + json.length() * 3).putByte(PUT).putString(json).toBody();
  }

  private void replay(ByteBuffer body, long position) {
    try {
      RecordReader in = new RecordReader(body);
      byte type = in.getByte();
      String text = in.getString();
      in.end();
      if (type == PUT) {
        OrderRecord record = OrderRecordCodec.decode(text);
        dead += records.put(record.orderId(), record) == null ? 0 : 1;
      } else if (type == REMOVE) {
        dead += records.remove(text) == null ? 1 : 2;
      } else {
        throw new IllegalArgumentException("unknown record type " + type);
      }
    } catch (IllegalArgumentException | InvalidValueException e) {
      throw new StockbridgeException("the order ledger " + file + " holds an undecodable record at byte offset " + position + " (" + e.getMessage() + ")", e);
    }
  }
}
