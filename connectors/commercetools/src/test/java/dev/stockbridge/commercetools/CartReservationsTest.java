package dev.stockbridge.commercetools;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.stockbridge.Location;
import dev.stockbridge.StockKey;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.reconcile.Reservation;
import dev.stockbridge.reconcile.ReservationSource;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading open reservations from active carts. The commercetools mock has no reservations, so the
 * platform's answers are WireMock bodies in the shape of the API reference ({@code
 * types/reservation/Reservation.raml}, a line item's {@code reservation} expanded).
 */
class CartReservationsTest {

  private static final String DC_ID = "3f1b4a8e-0000-4000-8000-0000000000dc";
  private static final Location LONDON = Location.of("london-dc");

  private WireMockServer server;
  private CommercetoolsConnector connector;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(okJson("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":172800}")));
    server.stubFor(get(urlPathEqualTo("/p/channels/" + DC_ID)).willReturn(okJson("{\"id\":\"" + DC_ID + "\",\"version\":1,\"key\":\"london-dc\","
        + "\"roles\":[\"InventorySupply\"],\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-01-01T00:00:00.000Z\"}")));
    URI base = URI.create("http://127.0.0.1:" + server.port());
    connector = CommercetoolsConnector.connect(CommercetoolsConfig.builder().projectKey("p").credentials("c", "s").urls(base, base.resolve("/oauth/token")).build());
  }

  @AfterEach
  void stop() {
    connector.close();
    server.stop();
  }

  private static String line(String id, String sku, String reservationState, long quantity, String expiresAt) {
    return "{\"id\":\"" + id + "\",\"productId\":\"p1\",\"quantity\":" + quantity + ",\"variant\":{\"id\":1,\"sku\":\"" + sku + "\"},"
        + "\"supplyChannel\":{\"typeId\":\"channel\",\"id\":\"" + DC_ID + "\"},"
        + "\"reservation\":{\"typeId\":\"reservation\",\"id\":\"r-" + id + "\",\"obj\":{\"id\":\"r-" + id + "\",\"version\":1,"
        + "\"createdAt\":\"2026-11-27T08:00:00.000Z\",\"lastModifiedAt\":\"2026-11-27T08:00:00.000Z\",\"expiresAt\":\"" + expiresAt + "\","
        + "\"inventoryEntry\":{\"typeId\":\"inventory-entry\",\"id\":\"e1\"},\"quantity\":" + quantity + ","
        + "\"owner\":{\"typeId\":\"cart\",\"id\":\"c1\"},\"lineItemId\":\"" + id + "\",\"state\":\"" + reservationState + "\"}}}";
  }

  private static String cart(String id, String... lines) {
    return "{\"id\":\"" + id + "\",\"version\":3,\"cartState\":\"Active\",\"inventoryMode\":\"ReserveOnCart\",\"lineItems\":[" + String.join(",", lines) + "]}";
  }

  @Test
  void shouldKeepCreatedAndUpdatedReservationsOfTheKeysAsked_whenCartsHoldSeveral() {
    server.stubFor(get(urlPathEqualTo("/p/carts")).willReturn(okJson("{\"limit\":500,\"offset\":0,\"count\":2,\"results\":["
        + cart("c1", line("l1", "MUG", "Created", 2, "2026-11-27T09:10:00.000Z"), line("l2", "CAP", "Updated", 1, "2026-11-27T08:00:00.000Z"))
        + "," + cart("c2", line("l3", "MUG", "Committed", 4, "2026-11-27T09:10:00.000Z"), line("l4", "MUG", "Updated", 3, "2026-11-27T07:30:00.000Z"),
            line("l5", "SOCKS", "Created", 5, "2026-11-27T09:10:00.000Z"))
        + "]}")));
    ReservationSource source = connector.reservations(LocationChannels.of(Map.of(LONDON, SupplyChannel.of("london-dc"))));

    Map<StockKey, List<Reservation>> open = source.open(List.of(StockKey.of("MUG", "london-dc"), StockKey.of("CAP", "london-dc")));

    assertThat(open).containsOnlyKeys(StockKey.of("MUG", "london-dc"), StockKey.of("CAP", "london-dc"));
    assertThat(open.get(StockKey.of("MUG", "london-dc"))).containsExactly(
        new Reservation(2, Instant.parse("2026-11-27T09:10:00Z")), new Reservation(3, Instant.parse("2026-11-27T07:30:00Z")));
    assertThat(open.get(StockKey.of("CAP", "london-dc"))).containsExactly(new Reservation(1, Instant.parse("2026-11-27T08:00:00Z")));
    server.verify(1, getRequestedFor(urlPathEqualTo("/p/carts"))
        .withQueryParam("where", WireMock.equalTo("cartState = \"Active\" and lineItems(reservation is defined)"))
        .withQueryParam("expand", WireMock.equalTo("lineItems[*].reservation")));
    assertThat(source.known()).isTrue();
  }

  @Test
  void shouldReadOnStockAndAvailableApart_whenAnEntryHasReservations() {
    server.stubFor(get(urlPathEqualTo("/p/channels")).willReturn(okJson("{\"limit\":1,\"offset\":0,\"count\":1,\"results\":[{\"id\":\"" + DC_ID
        + "\",\"version\":1,\"key\":\"london-dc\",\"roles\":[\"InventorySupply\"],\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-01-01T00:00:00.000Z\"}]}")));
    server.stubFor(get(urlPathEqualTo("/p/inventory")).willReturn(okJson("{\"limit\":500,\"offset\":0,\"count\":1,\"results\":[{\"id\":\"e1\",\"version\":7,"
        + "\"sku\":\"MUG\",\"supplyChannel\":{\"typeId\":\"channel\",\"id\":\"" + DC_ID + "\"},\"quantityOnStock\":10,\"availableQuantity\":6,"
        + "\"restockableInDays\":3,\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-11-27T08:00:00.000Z\"}]}")));
    StockKey key = StockKey.of("MUG", "london-dc");

    dev.stockbridge.spi.StockEntry entry = connector.storefrontStockWithRetries(LocationChannels.sameKeys()).read(List.of(key)).get(key);
    dev.stockbridge.reconcile.ShownStock row = dev.stockbridge.reconcile.ShownStock.of(entry, Instant.EPOCH, dev.stockbridge.reconcile.LastWriter.UNKNOWN);

    assertThat(entry.quantityOnStock()).isEqualTo(10);
    assertThat(entry.availableQuantity()).isEqualTo(6);
    assertThat(row.reserved()).isEqualTo(4);
    assertThat(row.restockableInDays()).hasValue(3);
  }

  @Test
  void shouldReadNothing_whenNoKeyIsAsked() {
    assertThat(connector.reservations(LocationChannels.sameKeys()).open(List.of())).isEmpty();
    server.verify(0, getRequestedFor(urlPathEqualTo("/p/carts")));
  }
}
