package dev.stockbridge.commercetools;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Channel key and id resolution, with WireMock counting the lookups. */
class ChannelResolverTest {

  private static final String ID = "3f1b4a8e-0000-4000-8000-000000000001";

  private WireMockServer server;
  private CommercetoolsConnector connector;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(okJson("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":172800}")));
    server.stubFor(
        get(urlPathEqualTo("/p/channels"))
            .withQueryParam("var.key", WireMock.equalTo("dc-1"))
            .willReturn(okJson("{\"limit\":1,\"offset\":0,\"count\":1,\"results\":[{\"id\":\"" + ID + "\",\"version\":1,\"key\":\"dc-1\",\"roles\":[\"InventorySupply\"],"
                + "\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-01-01T00:00:00.000Z\"}]}")));
    server.stubFor(
        get(urlPathEqualTo("/p/channels"))
            .withQueryParam("var.key", WireMock.equalTo("nowhere"))
            .willReturn(okJson("{\"limit\":1,\"offset\":0,\"count\":0,\"results\":[]}")));
    URI base = URI.create("http://127.0.0.1:" + server.port());
    connector = CommercetoolsConnector.connect(CommercetoolsConfig.builder().projectKey("p").credentials("c", "s").urls(base, base.resolve("/oauth/token")).build());
  }

  @AfterEach
  void stop() {
    connector.close();
    server.stop();
  }

  @Test
  void shouldLookUpOnceAndCacheBothWays_whenAKeyIsResolvedRepeatedly() {
    assertThat(connector.channels().id("dc-1")).isEqualTo(ID);
    assertThat(connector.channels().id("dc-1")).isEqualTo(ID);
    assertThat(connector.channels().key(ID)).isEqualTo("dc-1");

    server.verify(1, getRequestedFor(urlPathMatching("/p/channels.*")));
  }

  @Test
  void shouldNameTheKey_whenTheChannelDoesNotExist() {
    assertThatThrownBy(() -> connector.channels().id("nowhere"))
        .isInstanceOf(UnknownChannelException.class)
        .hasMessageContaining("nowhere")
        .satisfies(e -> assertThat(((UnknownChannelException) e).channel()).isEqualTo("nowhere"));
  }
}
