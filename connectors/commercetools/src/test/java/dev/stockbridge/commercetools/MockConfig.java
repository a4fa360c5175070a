package dev.stockbridge.commercetools;

import dev.stockbridge.testkit.CommercetoolsMock;
import java.time.Duration;

/** Client configurations for the test peer. */
final class MockConfig {

  private MockConfig() {}

  /**
   * A configuration for the running mock, with the only credentials it accepts.
   *
   * @param mock the mock
   * @return a builder, to adjust limits before building
   */
  static CommercetoolsConfig.Builder of(CommercetoolsMock mock) {
    return CommercetoolsConfig.builder()
        .projectKey(CommercetoolsMock.PROJECT_KEY)
        .credentials(CommercetoolsMock.CLIENT_ID, CommercetoolsMock.CLIENT_SECRET)
        .scopes("manage_project:" + CommercetoolsMock.PROJECT_KEY)
        .urls(mock.apiUrl(), mock.tokenUrl())
        .requestTimeout(Duration.ofSeconds(20));
  }
}
