package dev.stockbridge.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.spi.OrderLedgerStore;
import dev.stockbridge.spi.OrderLedgerStoreContract;
import dev.stockbridge.spi.OrderRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file order ledger passes the store contract, each read after closing and reopening the file. */
class FileOrderLedgerTest extends OrderLedgerStoreContract {

  @TempDir
  Path dir;

  @Override
  protected OrderLedgerStore open() {
    return FileOrderLedger.open(dir.resolve(FileOrderLedger.FILE_NAME));
  }

  @Override
  protected OrderLedgerStore reopen(OrderLedgerStore store) {
    store.close();
    return open();
  }

  private static OrderRecord record(String orderId) {
    OrderRecord.Line line = new OrderRecord.Line(OrderLine.of("l1", Sku.of("TEE"), 2, Location.of("dc")), List.of(), Map.of());
    return new OrderRecord(orderId, List.of(line), List.of(), Instant.parse("2026-11-27T18:00:00Z"));
  }

  @Test
  void anOpenWithMoreDeadRecordsThanLive_rewritesTheFileWithTheLiveOnes() throws IOException {
    Path file = Files.createDirectories(dir.resolve("own")).resolve(FileOrderLedger.FILE_NAME); // the contract holds the other
    FileOrderLedger ledger = FileOrderLedger.open(file);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      ids.add("o" + i);
    }
    ledger.put(ids.stream().map(FileOrderLedgerTest::record).toList());
    ledger.remove(ids.subList(0, 1490));
    ledger.close();
    long before = Files.size(file);

    FileOrderLedger reopened = FileOrderLedger.open(file);
    try {
      assertThat(Files.size(file)).isLessThan(before / 50);
      assertThat(reopened.find("o1495")).contains(record("o1495"));
      assertThat(reopened.find("o3")).isEmpty();
    } finally {
      reopened.close();
    }
  }

  @Test
  void aDamagedRecord_isSetAside_andNamed() throws IOException {
    Path file = Files.createDirectories(dir.resolve("own")).resolve(FileOrderLedger.FILE_NAME); // the contract holds the other
    FileOrderLedger ledger = FileOrderLedger.open(file);
    ledger.put(List.of(record("o1")));
    ledger.put(List.of(record("o2")));
    ledger.put(List.of(record("o3")));
    ledger.close();
    byte[] bytes = Files.readAllBytes(file);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\"o2\"");
    assertThat(at).isPositive();
    bytes[at + 1] ^= 0x55;
    Files.write(file, bytes);

    FileOrderLedger reopened = FileOrderLedger.open(file);
    try {
      assertThat(reopened.find("o1")).isPresent();
      assertThat(reopened.find("o2")).isEmpty();
      assertThat(reopened.find("o3")).isPresent();
      assertThat(reopened.damaged()).singleElement()
          .satisfies(p -> assertThat(p.getFileName().toString()).startsWith("orders.ledger.damaged-at-"));
    } finally {
      reopened.close();
    }
  }
}
