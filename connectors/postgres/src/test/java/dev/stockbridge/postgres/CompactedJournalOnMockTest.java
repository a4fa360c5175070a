package dev.stockbridge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.channel.ChannelDraft;
import com.commercetools.api.models.channel.ChannelResourceIdentifier;
import com.commercetools.api.models.channel.ChannelRoleEnum;
import com.commercetools.api.models.inventory.InventoryEntryDraft;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.commercetools.CommercetoolsConfig;
import dev.stockbridge.commercetools.CommercetoolsConnector;
import dev.stockbridge.commercetools.LocationChannels;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.JournalStats;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.simulation.CollectingExceptionStore;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.testkit.CommercetoolsMock;
import dev.stockbridge.testkit.CommercetoolsMockExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An engine on the PostgreSQL journal, against the commercetools mock, restarted after its
 * journal was compacted: new orders are applied exactly once, numbered above the storefront's
 * mark, and a re-delivery within the retention is still a duplicate.
 */
@ExtendWith(CommercetoolsMockExtension.class)
class CompactedJournalOnMockTest {

  private static final Location DC = Location.of("cj-dc");
  private static final Duration RETENTION = Duration.ofDays(1);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  private final CollectingExceptionStore exceptions = new CollectingExceptionStore();
  private final PostgresConfig database = TestDatabase.fresh();
  private CommercetoolsMock mock;
  private CommercetoolsConnector connector;
  private StockKey key;
  private PostgresStore store;
  private PostgresJournal journal;
  private StockEngine engine;

  @BeforeEach
  void entry(CommercetoolsMock running) {
    mock = running;
    connector = connect();
    boolean exists = !connector.api().channels().get().withWhere("key = :key").withPredicateVar("key", DC.key())
        .executeBlocking().getBody().getResults().isEmpty();
    if (!exists) {
      connector.api().channels().post(ChannelDraft.builder().key(DC.key())
          .roles(ChannelRoleEnum.INVENTORY_SUPPLY).build()).executeBlocking();
    }
    key = new StockKey(Sku.of("CJ-" + UUID.randomUUID().toString().substring(0, 8)), DC);
    connector.api().inventory().post(InventoryEntryDraft.builder().sku(key.sku().value())
        .supplyChannel(ChannelResourceIdentifier.builder().id(connector.channels().id(DC.key())).build())
        .quantityOnStock(100L).build()).executeBlocking();
  }

  @AfterEach
  void stop() {
    close();
    connector.close();
  }

  private StockEngine start() {
    store = PostgresStore.open(database);
    journal = store.journal(PostgresJournalOptions.defaults().withClock(clock).withRetention(RETENTION)
        .withCompaction(Duration.ofDays(365), Long.MAX_VALUE));
    engine = StockEngine.builder().storefront(storefront()).journal(journal).orderLedger(store.orderLedger())
        .clock(clock).exceptionStore(exceptions).consistencyLag(Duration.ZERO).build();
    engine.start();
    return engine;
  }

  private void close() {
    if (engine != null) {
      engine.stop();
      engine = null;
    }
    if (store != null) {
      store.close(); // writes the journal's queued applied marks
      store = null;
    }
  }

  private StorefrontStock storefront() {
    return connector.storefrontStock(LocationChannels.sameKeys());
  }

  private OrderEvent order(String id, long quantity) {
    return new OrderEvent.Placed(id, List.of(OrderLine.of("1", key.sku(), quantity, DC)));
  }

  private StockEntry entry() throws InterruptedException {
    assertThat(engine.drain(Duration.ofSeconds(30))).isTrue();
    return storefront().read(Set.of(key)).get(key);
  }

  @Test
  void restartAfterCompaction_appliesNewOrdersExactlyOnce_aboveTheStorefrontsMark() throws Exception {
    start();
    for (int i = 1; i <= 5; i++) {
      engine.submit(order("o" + i, 1));
    }
    assertThat(entry().quantityOnStock()).isEqualTo(95);
    close();
    clock.advance(Duration.ofDays(3));
    start();
    assertThat(journal.compact().movementsFolded()).isEqualTo(5); // applied and past the retention
    assertThat(JournalStats.of(journal).movements()).isZero();
    close();

    start().submit(order("o6", 1));
    assertThat(engine.submit(order("o6", 1)).duplicates()).isEqualTo(1);
    assertThat(engine.submit(order("o3", 1)).accepted()).isZero(); // the order ledger still knows it

    StockEntry after = entry();
    assertThat(after.quantityOnStock()).isEqualTo(94);
    assertThat(after.marks().sequence(journal.ledger().id())).hasValue(6);
    close();
    start(); // and once more: the journal, compacted and then appended to, replays to the same
    assertThat(entry().quantityOnStock()).isEqualTo(94);
    assertThat(exceptions.raised()).isEmpty();
  }

  private CommercetoolsConnector connect() {
    return CommercetoolsConnector.connect(CommercetoolsConfig.builder()
        .projectKey(CommercetoolsMock.PROJECT_KEY)
        .credentials(CommercetoolsMock.CLIENT_ID, CommercetoolsMock.CLIENT_SECRET)
        .scopes("manage_project:" + CommercetoolsMock.PROJECT_KEY)
        .urls(mock.apiUrl(), mock.tokenUrl())
        .requestTimeout(Duration.ofSeconds(20))
        .build());
  }
}
