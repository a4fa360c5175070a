package dev.stockbridge.commercetools;

import dev.stockbridge.testkit.CommercetoolsMockExtension;
import dev.stockbridge.testkit.CommercetoolsMock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercetools.api.models.inventory.InventoryEntry;
import com.commercetools.api.models.inventory.InventoryEntryDraft;
import com.commercetools.api.models.type.TypeDraft;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.StockEntry;
import io.vrap.rmf.base.client.utils.json.JsonUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the commercetools adapter does beyond the contract: paging, chunking, custom types, channel mapping. */
@ExtendWith(CommercetoolsMockExtension.class)
class CommercetoolsStorefrontTest {

  private static CommercetoolsConnector connector;
  private static MockProject project;

  @BeforeAll
  static void connect(CommercetoolsMock mock) {
    connector = CommercetoolsConnector.connect(MockConfig.of(mock).build());
    project = new MockProject(connector);
    project.ensureChannels("st-dc");
  }

  @AfterAll
  static void close() {
    connector.close();
  }

  private static List<StockKey> entries(int count, String skuPrefix) {
    List<StockKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StockKey key = new StockKey(Sku.of(skuPrefix + i), Location.of("st-dc"));
      project.createEntry(key, i);
      keys.add(key);
    }
    return keys;
  }

  /** A custom type of the merchant's own for inventory entries, with the fields named (name to type). */
  private static String merchantType(Map<String, String> fields) {
    String definitions = fields.entrySet().stream()
        .map(f -> "{\"name\":\"" + f.getKey() + "\",\"label\":{\"en\":\"f\"},\"required\":false,\"type\":{\"name\":\"" + f.getValue() + "\"}}")
        .collect(java.util.stream.Collectors.joining(","));
    return connector.api().types()
        .post(JsonUtils.fromJsonString("{\"key\":\"merchant-" + UUID.randomUUID() + "\",\"name\":{\"en\":\"m\"},"
            + "\"resourceTypeIds\":[\"inventory-entry\"],\"fieldDefinitions\":[" + definitions + "]}", TypeDraft.class))
        .executeBlocking().getBody().getId();
  }

  /** An entry at st-dc with the merchant's type and field values (JSON); returns the channel's id. */
  private static String merchantEntry(String sku, long onStock, String typeId, String fieldsJson) {
    String channelId = connector.channels().id("st-dc");
    connector.api().inventory()
        .post(JsonUtils.fromJsonString(
            "{\"sku\":\"" + sku + "\",\"quantityOnStock\":" + onStock + ",\"supplyChannel\":{\"typeId\":\"channel\",\"id\":\"" + channelId
                + "\"},\"custom\":{\"type\":{\"typeId\":\"type\",\"id\":\"" + typeId + "\"},\"fields\":" + fieldsJson + "}}",
            InventoryEntryDraft.class))
        .executeBlocking();
    return channelId;
  }

  @Test
  void shouldReadEveryPage_whenAChunkHoldsMoreEntriesThanAPage() {
    List<StockKey> keys = entries(12, "PG-" + UUID.randomUUID() + "-");
    CommercetoolsStorefront storefront = new CommercetoolsStorefront(connector.api(), connector.channels(), LocationChannels.sameKeys(), 5);

    Map<StockKey, StockEntry> found = storefront.read(keys);

    assertThat(found).containsOnlyKeys(keys);
  }

  @Test
  void shouldSplitIntoChunks_whenSkusWouldMakeTheUrlTooLong() {
    String longPrefix = "LONG-" + UUID.randomUUID() + "-" + "x".repeat(150) + "-";
    List<StockKey> keys = entries(60, longPrefix);
    assertThat(CommercetoolsStorefront.chunks(keys.stream().map(StockKey::sku).toList())).hasSizeGreaterThan(1);

    Map<StockKey, StockEntry> found = connector.storefrontStock(LocationChannels.sameKeys()).read(keys);

    assertThat(found).containsOnlyKeys(keys);
  }

  @Test
  void shouldKeepTheMerchantsCustomFields_whenTheEntryHasItsOwnTypeWithTheMarkerField() {
    String typeId = merchantType(Map.of("note", "String", "stockbridge-seq", "Number"));
    String sku = "OWN-" + UUID.randomUUID();
    String channelId = merchantEntry(sku, 5, typeId, "{\"note\":\"keep me\"}");
    StockKey key = StockKey.of(sku, "st-dc");
    var storefront = connector.storefrontStock(LocationChannels.sameKeys());

    StockEntry after = storefront.update(storefront.read(List.of(key)).get(key), EntryUpdate.movements(-1, 9));

    assertThat(after.appliedSequence()).isEqualTo(9);
    InventoryEntry raw = project.entry(sku, channelId);
    assertThat(raw.getCustom().getType().getId()).isEqualTo(typeId);
    assertThat(raw.getCustom().getFields().values()).containsEntry("note", "keep me");
  }

  @Test
  void shouldHoldBackOnTheMerchantsOwnType_withoutTheReasonsFieldItLacks() {
    String typeId = merchantType(Map.of("stockbridge-seq", "Number", "stockbridge-held", "Number", "stockbridge-minimum", "Number"));
    String sku = "OWN-HELD-" + UUID.randomUUID();
    String channelId = merchantEntry(sku, 10, typeId, "{}");
    StockKey key = StockKey.of(sku, "st-dc");
    var storefront = connector.storefrontStock(LocationChannels.sameKeys());

    StockEntry after = storefront.update(storefront.read(List.of(key)).get(key),
        EntryUpdate.movements(-3, 1).withHeldBack(3).withHeldWhy("safety 3"));

    assertThat(after.quantityOnStock()).isEqualTo(7);
    assertThat(after.heldBack()).isEqualTo(3);
    assertThat(after.heldWhy()).as("the merchant's type has no such field: left out, not a failed update").isEmpty();
    assertThat(project.entry(sku, channelId).getCustom().getType().getId()).isEqualTo(typeId);
  }

  @Test
  void shouldReadTheMappedChannel_whenLocationsMapToOtherChannelKeys() {
    String sku = "MAP-" + UUID.randomUUID();
    project.createEntry(StockKey.of(sku, "st-dc"), 4);
    var storefront = connector.storefrontStock(LocationChannels.of(Map.of(Location.of("london"), SupplyChannel.of("st-dc"))));
    StockKey london = StockKey.of(sku, "london");

    assertThat(storefront.read(List.of(london)).get(london).quantityOnStock()).isEqualTo(4);
  }

  @Test
  void shouldNameTheChannel_whenALocationsChannelDoesNotExist() {
    var storefront = connector.storefrontStock(LocationChannels.sameKeys());

    assertThatThrownBy(() -> storefront.read(List.of(StockKey.of("X", "no-such-channel"))))
        .isInstanceOf(UnknownChannelException.class)
        .hasMessageContaining("no-such-channel");
  }
}
