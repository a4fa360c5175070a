package dev.stockbridge.commercetools;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.order.Order;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.demand.InMemoryDemandStore;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.flow.OrderCycle;
import dev.stockbridge.flow.OrderFlow;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.order.FileOrderLedger;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.testkit.CommercetoolsMock;
import dev.stockbridge.testkit.CommercetoolsMockExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged record in the middle of the journal, against the commercetools mock: the record log sets
 * it aside, the restarted order feed reads the orders again, and the order ledger recognises every
 * one of them, so nothing is decremented twice. Before the order ledger, the order whose movement
 * was in the damaged record was decremented a second time.
 */
@ExtendWith(CommercetoolsMockExtension.class)
class DamagedJournalOnMockTest {

  private static final Location DC = Location.of("dmg-dc");
  private static final long INITIAL = 500;

  private static CommercetoolsConnector connector;
  private static MockProject project;
  private static String supplyId;

  @TempDir Path data;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final Instant start = clock.instant().minus(Duration.ofMinutes(1));
  private final ConcurrentLinkedQueue<StockException> exceptions = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void connect(CommercetoolsMock mock) {
    connector = CommercetoolsConnector.connect(MockConfig.of(mock).build());
    project = new MockProject(connector);
    project.ensureChannels("dmg-dc");
    supplyId = connector.channels().id("dmg-dc");
  }

  @AfterAll
  static void close() {
    connector.close();
  }

  private StorefrontStock storefront() {
    return connector.storefrontStock(LocationChannels.sameKeys());
  }

  private Order order(Sku sku, long quantity) {
    return project.importOrder(
        "{\"orderNumber\":\"" + UUID.randomUUID() + "\",\"country\":\"GB\",\"inventoryMode\":\"None\","
            + "\"totalPrice\":{\"currencyCode\":\"GBP\",\"centAmount\":" + 900 * quantity + "},"
            + "\"lineItems\":[{\"name\":{\"en\":\"x\"},\"variant\":{\"sku\":\"" + sku.value() + "\"},\"quantity\":" + quantity + ","
            + "\"price\":{\"value\":{\"currencyCode\":\"GBP\",\"centAmount\":900}},"
            + "\"supplyChannel\":{\"typeId\":\"channel\",\"id\":\"" + supplyId + "\"},\"inventoryMode\":\"None\"}]}");
  }

  /** One run of the order flow on an engine over the data directory: a feed with its own watermark reads every order since the start. */
  private OrderCycle runFlow(String watermark) throws Exception {
    clock.set(Instant.now().plusSeconds(1));
    try (FileJournal journal = FileJournal.open(data);
        FileOrderLedger ledger = FileOrderLedger.open(data.resolve(FileOrderLedger.FILE_NAME))) {
      StockEngine engine = StockEngine.builder()
          .storefront(storefront())
          .journal(journal)
          .orderLedger(ledger)
          .exceptionStore(exceptions::add)
          .retry(Duration.ofMillis(1), Duration.ofMillis(20), -1)
          .build();
      engine.start();
      try {
        OrderFeed feed = connector.orderFeed().clock(clock).watermarkObject("stockbridge-test", watermark).startAt(start).build();
        OrderCycle cycle = OrderFlow.builder().source(feed).engine(engine).demand(new InMemoryDemandStore()).startAt(start).clock(clock).build().runOnce();
        assertThat(engine.drain(Duration.ofMinutes(1))).as("drained").isTrue();
        return cycle;
      } finally {
        engine.stop();
      }
    }
  }

  private long stock(Sku sku) {
    StockKey key = new StockKey(sku, DC);
    return storefront().read(List.of(key)).get(key).quantityOnStock();
  }

  /** Flips a byte inside the journal record that holds the order's id: a record in the middle. */
  private Path damageRecordOf(String orderId) throws Exception {
    Path file = data.resolve(FileJournal.FILE_NAME);
    byte[] bytes = Files.readAllBytes(file);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(orderId);
    assertThat(at).as("the order's movement is in the journal").isPositive();
    assertThat(at).as("in the middle").isBetween(bytes.length / 5, bytes.length * 4 / 5);
    bytes[at + 3] ^= 0x5A;
    Files.write(file, bytes);
    return file;
  }

  @Test
  void damagedRecordInTheMiddleOfTheJournal_ordersReadAgain_nothingDoubled_everyKeyExact() throws Exception {
    List<Sku> skus = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Sku sku = Sku.of("DMG-" + UUID.randomUUID().toString().substring(0, 8));
      project.createProducts(List.of(sku.value()));
      project.createEntry(new StockKey(sku, DC), INITIAL);
      skus.add(sku);
    }
    List<Order> orders = new ArrayList<>();
    long[] sold = new long[2];
    for (int i = 0; i < 12; i++) {
      long quantity = 1 + i % 3;
      orders.add(order(skus.get(i % 2), quantity));
      sold[i % 2] += quantity;
    }
    OrderCycle first = runFlow("first-" + UUID.randomUUID());
    assertThat(first.movements()).as("other tests' orders may be read too").isGreaterThanOrEqualTo(12);
    assertThat(stock(skus.get(0))).isEqualTo(INITIAL - sold[0]);
    assertThat(stock(skus.get(1))).isEqualTo(INITIAL - sold[1]);

    damageRecordOf(orders.get(6).getId());
    Order late = order(skus.get(0), 5); // a new order after the damage still counts, once

    OrderCycle again = runFlow("again-" + UUID.randomUUID()); // reads all 13 orders: 12 of them again

    assertThat(data).as("the damaged record was set aside").isDirectoryContaining(p -> p.getFileName().toString().startsWith(FileJournal.FILE_NAME + ".damaged-at-"));
    assertThat(again.orders()).isGreaterThanOrEqualTo(13);
    assertThat(stock(skus.get(0))).as("sold %s, then 5", sold[0]).isEqualTo(INITIAL - sold[0] - 5);
    assertThat(stock(skus.get(1))).as("sold %s", sold[1]).isEqualTo(INITIAL - sold[1]);
    assertThat(late.getId()).isNotBlank();
    assertThat(exceptions).filteredOn(e -> skus.contains(e.key().sku())).isEmpty();
  }
}
