package dev.stockbridge.commercetools;

import dev.stockbridge.testkit.CommercetoolsMockExtension;
import dev.stockbridge.testkit.CommercetoolsMock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercetools.api.models.order.Order;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockbridge.Channel;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.flow.OrderPage;
import dev.stockbridge.flow.RejectedOrder;
import dev.stockbridge.flow.SourcedOrder;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.ReturnDisposition;
import dev.stockbridge.simulation.MutableClock;
import io.vrap.rmf.base.client.utils.json.JsonUtils;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The incremental order feed and message push, against the commercetools mock. */
@ExtendWith(CommercetoolsMockExtension.class)
class OrderFeedTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static CommercetoolsConnector connector;
  private static MockProject project;
  private static String supplyId;
  private static String webId;

  private final String sku = "SKU-" + UUID.randomUUID();
  private final MutableClock clock = new MutableClock(Instant.now());
  private final String watermarkKey = "feed-" + UUID.randomUUID();

  @BeforeAll
  static void connect(CommercetoolsMock mock) {
    connector = CommercetoolsConnector.connect(MockConfig.of(mock).build());
    project = new MockProject(connector);
    project.ensureChannels("of-dc", "of-web");
    supplyId = connector.channels().id("of-dc");
    webId = connector.channels().id("of-web");
  }

  @AfterAll
  static void close() {
    connector.close();
  }

  @BeforeEach
  void product() {
    project.createProducts(List.of(sku));
  }

  private OrderFeed feed() {
    return connector.orderFeed().clock(clock).watermarkObject("stockbridge-test", watermarkKey).startAt(clock.instant().minus(Duration.ofMinutes(1))).build();
  }

  private Order order(long quantity, String extra) {
    return project.importOrder(
        "{\"orderNumber\":\"" + UUID.randomUUID() + "\",\"country\":\"GB\",\"inventoryMode\":\"TrackOnly\","
            + "\"totalPrice\":{\"currencyCode\":\"GBP\",\"centAmount\":" + 1250 * quantity + "},"
            + "\"lineItems\":[{\"name\":{\"en\":\"x\"},\"variant\":{\"sku\":\"" + sku + "\"},\"quantity\":" + quantity + ","
            + "\"price\":{\"value\":{\"currencyCode\":\"GBP\",\"centAmount\":1250}},"
            + "\"supplyChannel\":{\"typeId\":\"channel\",\"id\":\"" + supplyId + "\"},"
            + "\"distributionChannel\":{\"typeId\":\"channel\",\"id\":\"" + webId + "\"},\"inventoryMode\":\"TrackOnly\"}]"
            + extra + "}");
  }

  @Test
  void shouldEmitEachOrderOnce_whenPollsOverlap() {
    OrderFeed feed = feed();
    Order first = order(1, "");
    Order second = order(2, "");
    clock.set(Instant.now().plusSeconds(1));
    OrderPage one = read(feed);
    feed.commit(one);
    Order third = order(3, "");
    clock.set(Instant.now().plusSeconds(1));

    OrderPage two = read(feed);

    assertThat(placedIds(one)).contains(first.getId(), second.getId()).doesNotContain(third.getId());
    assertThat(placedIds(two)).contains(third.getId()).doesNotContain(first.getId(), second.getId());
    assertThat(feed.watermark()).isEqualTo(one.checkpoint());
  }

  @Test
  void shouldYieldNoDuplicateDemand_whenARestartedFeedRereadsTheOverlap() {
    Order first = order(1, "");
    clock.set(Instant.now().plusSeconds(1));
    OrderFeed before = feed();
    OrderPage one = read(before);
    before.commit(one);
    order(2, "");
    clock.set(Instant.now().plusSeconds(1));

    OrderPage again = read(feed());

    // The restarted feed re-reads the first order inside the overlap; its ids are the same ones, so
    // a demand store keyed by id holds each row once.
    assertThat(placedIds(again)).contains(first.getId());
    Map<String, DemandLine> store = new HashMap<>();
    List<DemandLine> all = new ArrayList<>(one.demand());
    all.addAll(again.demand());
    all.removeIf(line -> !line.sku().value().equals(sku));
    all.forEach(line -> store.put(line.id(), line));
    assertThat(store).hasSize(2);
    assertThat(store.values()).extracting(DemandLine::quantity).containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void shouldPageInAStableOrder_whenMoreOrdersThanAPage() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(order(1, "").getId());
    }
    clock.set(Instant.now().plusSeconds(1));

    OrderPage batch = read(connector.orderFeed().clock(clock).watermarkObject("stockbridge-test", watermarkKey).startAt(clock.instant().minus(Duration.ofMinutes(1))).pageSize(2).build());

    assertThat(placedIds(batch)).containsAll(ids).doesNotHaveDuplicates();
  }

  @Test
  void shouldMapLinesWithLocationChannelModeAndDemandAttributes() {
    Order placed = order(2, ",\"orderState\":\"Confirmed\"");
    clock.set(Instant.now().plusSeconds(1));

    OrderPage batch = read(feed());

    OrderEvent.Placed event = (OrderEvent.Placed) batch.events().stream().filter(e -> e.orderId().equals(placed.getId())).findFirst().orElseThrow();
    assertThat(event.lines()).singleElement().satisfies(line -> {
      assertThat(line.sku().value()).isEqualTo(sku);
      assertThat(line.quantity()).isEqualTo(2);
      assertThat(line.location()).isEqualTo(Location.of("of-dc"));
      assertThat(line.channel()).contains(Channel.of("of-web"));
      assertThat(line.mode()).isEqualTo(InventoryMode.TRACK_ONLY);
    });
    DemandLine sale = batch.demand().stream().filter(d -> d.orderId().equals(placed.getId())).findFirst().orElseThrow();
    assertThat(sale.kind()).isEqualTo(DemandKind.SALE);
    assertThat(sale.id()).isEqualTo("order/" + placed.getId() + "/" + placed.getLineItems().get(0).getId());
    assertThat(sale.unitPrice()).isEqualByComparingTo(new BigDecimal("12.50"));
    assertThat(sale.currency()).isEqualTo("GBP");
    assertThat(sale.country()).contains("GB");
    assertThat(sale.orderNumber()).contains(placed.getOrderNumber());
    assertThat(sale.attributes()).containsEntry("orderState", "Confirmed");
  }

  @Test
  void shouldEmitCancellationAndReturns_whenTheOrderChanges() {
    Order placed = order(3, "");
    String lineId = placed.getLineItems().get(0).getId();
    project.updateOrder(placed.getId(), "[{\"action\":\"addReturnInfo\",\"items\":[{\"quantity\":1,\"lineItemId\":\"" + lineId + "\",\"shipmentState\":\"BackInStock\"},{\"quantity\":1,\"lineItemId\":\"" + lineId + "\",\"shipmentState\":\"Advised\"}]}]");
    project.updateOrder(placed.getId(), "[{\"action\":\"changeOrderState\",\"orderState\":\"Cancelled\"}]");
    clock.set(Instant.now().plusSeconds(1));

    OrderPage all = read(feed());
    OrderPage batch = only(all, placed.getId());

    assertThat(batch.events()).hasSize(3);
    assertThat(batch.events().get(1)).isInstanceOf(OrderEvent.Cancelled.class);
    assertThat(batch.events().get(2)).isInstanceOfSatisfying(OrderEvent.Returned.class, r -> {
      assertThat(r.disposition()).isEqualTo(ReturnDisposition.RESELLABLE);
      assertThat(r.line().quantity()).isEqualTo(1);
    });
    assertThat(batch.demand()).extracting(DemandLine::kind).containsExactly(DemandKind.SALE, DemandKind.CANCELLATION, DemandKind.RETURN);
    assertThat(batch.demand()).extracting(DemandLine::signedQuantity).containsExactly(3L, -3L, -1L);
  }

  @Test
  void shouldMapPushedMessageLikeThePolledOrder_andIdenticallyWhenDeliveredTwice() throws Exception {
    Order placed = order(1, "");
    clock.set(Instant.now().plusSeconds(1));
    String message = "{\"id\":\"" + UUID.randomUUID() + "\",\"version\":1,\"sequenceNumber\":1,\"resourceVersion\":1,"
        + "\"type\":\"OrderCreated\",\"notificationType\":\"Message\","
        + "\"resource\":{\"typeId\":\"order\",\"id\":\"" + placed.getId() + "\"},"
        + "\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-01-01T00:00:00.000Z\","
        + "\"order\":" + JsonUtils.toJsonString(placed) + "}";
    OrderFeed feed = feed();

    OrderPage pushed = feed.fromMessage(message);
    OrderPage pushedAgain = feed.fromMessage(message);
    OrderPage polled = only(read(feed), placed.getId());

    assertThat(pushed.events()).isEqualTo(pushedAgain.events()).isEqualTo(polled.events());
    assertThat(pushed.demand()).extracting(DemandLine::id).isEqualTo(polled.demand().stream().map(DemandLine::id).toList());
    assertThat(pushed.checkpoint()).isEmpty();
  }

  @Test
  void shouldCarryDiscountAndPromotions_fromDiscountCodesAndDiscountedPrices() throws Exception {
    // The mock's order import drops discounts, so the pushed message carries them: 2 units at 12.50
    // discounted to 10.00 each by a cart discount, with a discount code on the order.
    ObjectNode order = (ObjectNode) JSON.readTree(JsonUtils.toJsonString(order(2, "")));
    order.putArray("discountCodes").addObject().put("state", "MatchesCart")
        .putObject("discountCode").put("typeId", "discount-code").put("id", "dc-summer");
    ObjectNode part = ((ObjectNode) order.withArray("lineItems").get(0)).putArray("discountedPricePerQuantity").addObject();
    part.put("quantity", 2);
    ObjectNode discounted = part.putObject("discountedPrice");
    money(discounted.putObject("value"), 1000);
    ObjectNode portion = discounted.putArray("includedDiscounts").addObject();
    portion.putObject("discount").put("typeId", "cart-discount").put("id", "cd-flash");
    money(portion.putObject("discountedAmount"), 250);
    String message = "{\"id\":\"" + UUID.randomUUID() + "\",\"version\":1,\"sequenceNumber\":1,\"resourceVersion\":1,"
        + "\"type\":\"OrderCreated\",\"resource\":{\"typeId\":\"order\",\"id\":\"" + order.get("id").asText() + "\"},"
        + "\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-01-01T00:00:00.000Z\",\"order\":" + order + "}";

    DemandLine sale = feed().fromMessage(message).demand().get(0);

    assertThat(sale.unitPrice()).isEqualByComparingTo("12.50");
    assertThat(sale.discount()).isEqualByComparingTo("5.00");
    assertThat(sale.promotions()).containsExactly("code:dc-summer", "cart-discount:cd-flash");
  }

  private static void money(ObjectNode node, long centAmount) {
    node.put("type", "centPrecision").put("currencyCode", "GBP").put("centAmount", centAmount).put("fractionDigits", 2);
  }

  /** An order whose one line has no supply channel: the default mapping has no location for it. */
  private Order orderWithoutSupplyChannel() {
    return orderWithoutSupplyChannel(null);
  }

  /** An order whose line has no supply channel, in a store unless null. */
  private Order orderWithoutSupplyChannel(String store) {
    return project.importOrder(
        "{\"orderNumber\":\"" + UUID.randomUUID() + "\",\"inventoryMode\":\"None\","
            + (store == null ? "" : "\"store\":{\"typeId\":\"store\",\"key\":\"" + store + "\"},")
            + "\"totalPrice\":{\"currencyCode\":\"GBP\",\"centAmount\":1250},"
            + "\"lineItems\":[{\"name\":{\"en\":\"x\"},\"variant\":{\"sku\":\"" + sku + "\"},\"quantity\":1,"
            + "\"price\":{\"value\":{\"currencyCode\":\"GBP\",\"centAmount\":1250}}}]}");
  }

  @Test
  void shouldRejectOnlyTheBadOrder_andMapTheOrdersAroundIt() {
    Order before = order(1, "");
    Order poisoned = orderWithoutSupplyChannel();
    Order after = order(2, "");
    clock.set(Instant.now().plusSeconds(1));

    OrderPage page = read(feed());

    assertThat(placedIds(page)).contains(before.getId(), after.getId()).doesNotContain(poisoned.getId());
    RejectedOrder rejected = only(page, poisoned.getId()).rejected().get(0);
    assertThat(rejected.problem()).contains("supplyChannel", "line item " + poisoned.getLineItems().get(0).getId(), "SKU " + sku, "order " + poisoned.getId(),
        "add a row with supply_channel * to mapping.locations");
  }

  @Test
  void shouldMapALineWithoutSupplyChannel_whenTheMappingHasALocationForIt() {
    Order order = orderWithoutSupplyChannel();
    clock.set(Instant.now().plusSeconds(1));
    OrderFeed feed = connector.orderFeed().clock(clock).watermarkObject("stockbridge-test", watermarkKey).startAt(clock.instant().minus(Duration.ofMinutes(1)))
        .locations(LocationChannels.of(Map.of(dev.stockbridge.Location.of("online-dc"), dev.stockbridge.mapping.SupplyChannel.none()))).build();

    OrderPage page = only(read(feed), order.getId());

    assertThat(page.rejected()).isEmpty();
    OrderEvent.Placed placed = (OrderEvent.Placed) page.events().get(0);
    assertThat(placed.lines()).singleElement().satisfies(line -> assertThat(line.location().key()).isEqualTo("online-dc"));
  }

  @Test
  void shouldTakeTheDistributionChannelsDefault_beforeTheStores_forALineWithoutSupplyChannel() {
    String store = "of-store-" + UUID.randomUUID().toString().substring(0, 8);
    connector.api().stores().post(JsonUtils.fromJsonString("{\"key\":\"" + store + "\",\"name\":{\"en\":\"x\"}}",
        com.commercetools.api.models.store.StoreDraft.class)).executeBlocking();
    Order web = project.importOrder(
        "{\"orderNumber\":\"" + UUID.randomUUID() + "\",\"inventoryMode\":\"None\",\"store\":{\"typeId\":\"store\",\"key\":\"" + store + "\"},"
            + "\"totalPrice\":{\"currencyCode\":\"GBP\",\"centAmount\":1250},"
            + "\"lineItems\":[{\"name\":{\"en\":\"x\"},\"variant\":{\"sku\":\"" + sku + "\"},\"quantity\":1,"
            + "\"price\":{\"value\":{\"currencyCode\":\"GBP\",\"centAmount\":1250}},"
            + "\"distributionChannel\":{\"typeId\":\"channel\",\"id\":\"" + webId + "\"}}]}");
    Order storeOnly = orderWithoutSupplyChannel(store);
    Order nowhere = orderWithoutSupplyChannel();
    clock.set(Instant.now().plusSeconds(1));
    dev.stockbridge.mapping.OrderDefaults defaults = dev.stockbridge.mapping.OrderDefaults.of(
        Map.of("of-web", dev.stockbridge.Location.of("web-dc")), Map.of(store, dev.stockbridge.Location.of("store-dc")), java.util.Optional.empty());
    OrderFeed feed = connector.orderFeed().clock(clock).watermarkObject("stockbridge-test", watermarkKey).startAt(clock.instant().minus(Duration.ofMinutes(1)))
        .locations(LocationChannels.sameKeys().withDefaults(defaults)).build();

    OrderPage page = read(feed);

    assertThat(only(page, web.getId()).events().get(0)).isInstanceOfSatisfying(OrderEvent.Placed.class, placed ->
        assertThat(placed.lines()).singleElement().satisfies(line -> assertThat(line.location().key()).as("the distribution channel's default").isEqualTo("web-dc")));
    assertThat(only(page, storeOnly.getId()).events().get(0)).isInstanceOfSatisfying(OrderEvent.Placed.class, placed ->
        assertThat(placed.lines()).singleElement().satisfies(line -> assertThat(line.location().key()).as("the store's default").isEqualTo("store-dc")));
    assertThat(only(page, nowhere.getId()).rejected()).as("no store, no distribution channel, no * row").singleElement()
        .satisfies(rejected -> assertThat(rejected.problem()).contains("add an order_defaults row"));
  }

  @Test
  void shouldReadAQuarantinedOrderAgainById() {
    Order order = order(3, "");

    OrderPage again = feed().reread(order.getId());
    OrderPage gone = feed().reread(UUID.randomUUID().toString());

    assertThat(placedIds(again)).containsExactly(order.getId());
    assertThat(again.checkpoint()).isEmpty();
    assertThat(gone.orders()).isEmpty();
    assertThat(gone.rejected()).isEmpty();
  }

  private String message(ObjectNode order) {
    return "{\"id\":\"" + UUID.randomUUID() + "\",\"version\":1,\"sequenceNumber\":1,\"resourceVersion\":1,"
        + "\"type\":\"OrderCreated\",\"resource\":{\"typeId\":\"order\",\"id\":\"" + order.get("id").asText() + "\"},"
        + "\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-01-01T00:00:00.000Z\",\"order\":" + order + "}";
  }

  @Test
  void shouldRejectAMessage_namingTheFieldItLacks() throws Exception {
    ObjectNode noVariant = (ObjectNode) JSON.readTree(JsonUtils.toJsonString(order(1, "")));
    ((ObjectNode) noVariant.withArray("lineItems").get(0)).remove("variant");
    ObjectNode noQuantity = (ObjectNode) JSON.readTree(JsonUtils.toJsonString(order(1, "")));
    ((ObjectNode) noQuantity.withArray("lineItems").get(0)).remove("quantity");
    ObjectNode noPrice = (ObjectNode) JSON.readTree(JsonUtils.toJsonString(order(1, "")));
    ((ObjectNode) noPrice.withArray("lineItems").get(0)).remove("price");
    ObjectNode noCreatedAt = (ObjectNode) JSON.readTree(JsonUtils.toJsonString(order(1, "")));
    noCreatedAt.remove("createdAt");
    ObjectNode fraction = (ObjectNode) JSON.readTree(JsonUtils.toJsonString(order(1, "")));
    ((ObjectNode) fraction.withArray("lineItems").get(0)).put("quantity", 2.5);
    ObjectNode unknownMode = (ObjectNode) JSON.readTree(JsonUtils.toJsonString(order(1, "")));
    ((ObjectNode) unknownMode.withArray("lineItems").get(0)).put("inventoryMode", "Sometimes");
    ObjectNode noReturnItems = (ObjectNode) JSON.readTree(JsonUtils.toJsonString(order(1, "")));
    noReturnItems.putArray("returnInfo").addObject().put("returnTrackingId", "r1");

    OrderFeed feed = feed();

    assertThat(feed.fromMessage(message(noVariant)).rejected()).singleElement().extracting(RejectedOrder::problem).asString().contains("variant.sku", "is missing on line item");
    assertThat(feed.fromMessage(message(noQuantity)).rejected()).singleElement().extracting(RejectedOrder::problem).asString().contains("quantity", "must be a whole number");
    assertThat(feed.fromMessage(message(noPrice)).rejected()).singleElement().extracting(RejectedOrder::problem).asString().contains("price", "is missing on line item");
    assertThat(feed.fromMessage(message(noCreatedAt)).rejected()).singleElement().extracting(RejectedOrder::problem).asString().contains("createdAt", "is missing in order");
    assertThat(feed.fromMessage(message(fraction)).rejected()).singleElement().extracting(RejectedOrder::problem).asString().contains("is 2.5", "whole number of units");
    assertThat(feed.fromMessage(message(unknownMode)).rejected()).singleElement().extracting(RejectedOrder::problem).asString()
        .contains("inventoryMode", "\"Sometimes\"", "is not TrackOnly, ReserveOnOrder or None");
    assertThat(feed.fromMessage(message(noReturnItems)).rejected()).singleElement().extracting(RejectedOrder::problem).asString().contains("returnInfo.items", "is missing");
  }

  @Test
  void shouldRejectMessage_whenItIsNotOrderCreated() {
    assertThatThrownBy(() -> feed().fromMessage("{\"type\":\"OrderStateChanged\",\"orderState\":\"Cancelled\"}"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("OrderCreated");
  }

  /** The part of a batch about one order: other tests' orders share the mock and the time window. */
  private static OrderPage only(OrderPage batch, String orderId) {
    return new OrderPage(
        batch.orders().stream().filter(o -> o.orderId().equals(orderId)).toList(),
        batch.rejected().stream().filter(o -> o.orderId().equals(orderId)).toList(),
        batch.checkpoint(),
        false);
  }

  /** Every page of one read, as one page with the last page's checkpoint. */
  private static OrderPage read(OrderFeed feed) {
    List<SourcedOrder> orders = new ArrayList<>();
    List<RejectedOrder> rejected = new ArrayList<>();
    OrderPage page;
    do {
      page = feed.poll();
      orders.addAll(page.orders());
      rejected.addAll(page.rejected());
    } while (page.more());
    return new OrderPage(orders, rejected, page.checkpoint(), false);
  }

  private static List<String> placedIds(OrderPage batch) {
    return batch.events().stream().filter(e -> e instanceof OrderEvent.Placed).map(OrderEvent::orderId).toList();
  }

}
