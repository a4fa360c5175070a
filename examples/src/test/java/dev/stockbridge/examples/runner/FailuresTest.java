package dev.stockbridge.examples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.StockbridgeException;
import dev.stockbridge.commercetools.CommercetoolsApiException;
import dev.stockbridge.planner.PlannerApiException;
import dev.stockbridge.planner.PlannerBlockedException;
import dev.stockbridge.planner.PlannerException;
import dev.stockbridge.planner.feed.FeedSchemaException;
import dev.stockbridge.planner.feed.SftpException;
import dev.stockbridge.spi.TransientStorefrontException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The mapping from what ended a command to its one line and exit code. */
class FailuresTest {

  private static final Failures.Endpoints AT = new Failures.Endpoints("api.ct.example", "ip.example", "sftp.example:22");

  private static Failures.Failure describe(Throwable failure) {
    return Failures.describe(failure, AT);
  }

  @Test
  void shouldTellSftpFailuresApart_eachWithItsOwnLineAndCode() {
    String target = "sftp://sftp.example:22/in/x.csv";
    String fingerprint = "SHA256:abc123";

    assertThat(describe(new SftpException(target, SftpException.Reason.AUTHENTICATION_REFUSED, null, "refused", null)))
        .isEqualTo(new Failures.Failure(3, "stockbridge: the SFTP server at sftp.example:22 refused the login: check feeds.sftp.user and STOCKBRIDGE_SFTP_PASSWORD"));
    assertThat(describe(new SftpException(target, SftpException.Reason.HOST_KEY_UNKNOWN, fingerprint, "unknown", null)))
        .isEqualTo(new Failures.Failure(5, "stockbridge: the SFTP server at sftp.example:22 showed host key SHA256:abc123, which"
            + " feeds.sftp.knownHosts does not list: check the fingerprint with the provider, then add the key"));
    assertThat(describe(new SftpException(target, SftpException.Reason.HOST_KEY_CHANGED, fingerprint, "changed", null)))
        .isEqualTo(new Failures.Failure(6, "stockbridge: the SFTP server at sftp.example:22 showed host key SHA256:abc123, not the one"
            + " feeds.sftp.knownHosts lists: connection refused; ask the provider whether the key really changed before replacing it"));
    assertThat(describe(new SftpException(target, SftpException.Reason.UNREACHABLE, null, "cannot reach", new ConnectException("refused"))))
        .isEqualTo(new Failures.Failure(4, "stockbridge: cannot reach the SFTP server at sftp.example:22 (connection refused): check"
            + " feeds.sftp.host and feeds.sftp.port and the network"));
  }

  @Test
  void shouldNotBlameTheNetwork_whenAFeedFailsLocally() {
    Failures.Failure failure = describe(new FeedSchemaException("out/x.csv", "EMAIL", "unsupported column EMAIL"));

    assertThat(failure).isEqualTo(new Failures.Failure(1, "stockbridge: out/x.csv: unsupported column EMAIL"));
  }

  @Test
  void shouldBeAConfigurationFailure_whenTheConfigOrCommandLineIsWrong() {
    assertThat(describe(new ConfigException("x is missing: set it"))).isEqualTo(new Failures.Failure(2, "stockbridge: x is missing: set it"));
    assertThat(describe(new UsageException("unknown option -x"))).isEqualTo(new Failures.Failure(2, "stockbridge: unknown option -x"));
  }

  @Test
  void shouldNameTheCredentials_whenEitherPlatformAnswers401() {
    assertThat(describe(new CommercetoolsApiException(401, "read orders", "invalid_client", null))).isEqualTo(new Failures.Failure(3,
        "stockbridge: commercetools refused the client credentials (401): check commercetools.clientId and STOCKBRIDGE_CT_CLIENT_SECRET"));
    assertThat(describe(new PlannerApiException("GET /api/v1/warehouses", 401, "Invalid API key", null))).isEqualTo(new Failures.Failure(3,
        "stockbridge: Inventory Planner refused the API key (401): check planner.account and STOCKBRIDGE_IP_API_KEY"));
  }

  @Test
  void shouldNameTheScopes_whenCommercetoolsAnswers403() {
    assertThat(describe(new CommercetoolsApiException(403, "read orders", "insufficient_scope", null))).isEqualTo(new Failures.Failure(3,
        "stockbridge: commercetools refused access (403) to read orders: give the API client the scopes in commercetools.scopes"));
  }

  @Test
  void shouldNotBlameTheKey_whenTheCdnBlocksTheClient() {
    Failures.Failure failure = describe(new PlannerBlockedException("GET /api/v1/warehouses", "<html>blocked</html>"));

    assertThat(failure.exitCode()).isEqualTo(1);
    assertThat(failure.message()).doesNotContain("API key");
  }

  @Test
  void shouldNameHostAndCause_whenAPlatformCannotBeReached() {
    assertThat(describe(new TransientStorefrontException("read orders failed without an answer", null, new CompletionException(new ConnectException()))))
        .isEqualTo(new Failures.Failure(4, "stockbridge: cannot reach commercetools at api.ct.example (connection refused): check commercetools.region (or apiUrl and authUrl) and the network"));
    assertThat(describe(new PlannerException("GET /api/v1/warehouses", "could not be sent", new ConnectException("x").initCause(new UnresolvedAddressException()))))
        .isEqualTo(new Failures.Failure(4, "stockbridge: cannot reach Inventory Planner at ip.example (unknown host): check planner.baseUrl and the network"));
    assertThat(describe(new PlannerException("GET /api/v1/warehouses", "could not be sent", new UnknownHostException("ip.example"))).message())
        .contains("(unknown host)");
    assertThat(describe(new PlannerException("GET /api/v1/warehouses", "timed out", new HttpTimeoutException("timed out"))))
        .isEqualTo(new Failures.Failure(4, "stockbridge: cannot reach Inventory Planner at ip.example (timed out): check planner.baseUrl and the network"));
  }

  @Test
  void shouldFoldTheMessageIntoOneLine_whenNothingMoreIsKnown() {
    assertThat(describe(new StockbridgeException("first\n  second"))).isEqualTo(new Failures.Failure(1, "stockbridge: first; second"));
    assertThat(describe(new CommercetoolsApiException(400, "store watermark", "bad", null)).exitCode()).isEqualTo(1);
  }
}
