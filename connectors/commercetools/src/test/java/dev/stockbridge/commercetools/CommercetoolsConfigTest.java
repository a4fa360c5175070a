package dev.stockbridge.commercetools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercetools.api.defaultconfig.ServiceRegion;
import dev.stockbridge.InvalidValueException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class CommercetoolsConfigTest {

  private static CommercetoolsConfig.Builder valid() {
    return CommercetoolsConfig.builder().projectKey("shop").credentials("client", "very-secret").region(ServiceRegion.GCP_EUROPE_WEST1);
  }

  @Test
  void shouldHideTheSecret_whenPrinted() {
    CommercetoolsConfig config = valid().build();

    assertThat(config.toString()).doesNotContain("very-secret").contains("clientSecret=****").contains("client");
  }

  @Test
  void shouldUseTheRegionsHttpsUrls_whenARegionIsGiven() {
    CommercetoolsConfig config = valid().build();

    assertThat(config.apiUrl().getScheme()).isEqualTo("https");
    assertThat(config.tokenUrl().toString()).endsWith("/oauth/token");
  }

  @Test
  void shouldRejectPlainHttp_whenTheHostIsNotLoopback() {
    assertThatThrownBy(() -> valid().urls(URI.create("http://api.example.com"), URI.create("https://auth.example.com/oauth/token")).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("apiUrl");
    assertThat(valid().urls(URI.create("http://127.0.0.1:8080"), URI.create("http://127.0.0.1:8080/oauth/token")).build().apiUrl().getPort()).isEqualTo(8080);
  }

  @Test
  void shouldNotEchoTheSecret_whenItIsBlank() {
    assertThatThrownBy(() -> CommercetoolsConfig.builder().projectKey("shop").credentials("client", " ").region(ServiceRegion.GCP_EUROPE_WEST1).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("clientSecret");
  }
}
