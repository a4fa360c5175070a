package dev.stockbridge.examples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.SupplyChannel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's configuration failures: each one line on stderr, exit code 2, no trace, no secret. */
class RunnerConfigurationTest {

  private static final Map<String, String> ENV = Map.of(Secrets.CT_CLIENT_SECRET, "ct-secret-value-1", Secrets.IP_API_KEY, "ip-secret-value-2");

  @TempDir Path dir;

  static String config(String commercetools) {
    return """
        // a test configuration
        {
          "commercetools": %s,
          "planner": { "account": "a1", "baseUrl": "http://127.0.0.1:9" },
          "mapping": { "skus": "skus.csv", "locations": "locations.csv" },
          "dataDirectory": "data"
        }
        """.formatted(commercetools);
  }

  private static final String CT = "{ \"projectKey\": \"p\", \"clientId\": \"c\", \"apiUrl\": \"http://127.0.0.1:9\", \"authUrl\": \"http://127.0.0.1:9\" }";

  private Invocation status(String configText) {
    Path file = Invocation.write(dir.resolve("stockbridge.json"), configText);
    return Invocation.run(ENV, "--config", file.toString(), "status");
  }

  @Test
  void shouldParseTheSampleConfig_whenCommittedWithComments() {
    Settings settings = Settings.load(Path.of("stockbridge.sample.json"));

    assertThat(settings.commercetools().region()).isEqualTo("GCP_EUROPE_WEST1");
    assertThat(settings.engine().peakWindows()).hasSize(2);
    assertThat(settings.bundles()).containsKey("GIFT-SET");
    assertThat(settings.feeds().sftp().port()).isEqualTo(22);
    Platforms platforms = new Platforms(settings, Path.of("stockbridge.sample.json"), new Secrets(ENV::get));
    assertThat(platforms.commercetools().apiUrl().getHost()).isEqualTo("api.europe-west1.gcp.commercetools.com");
    assertThat(platforms.engine()).isNotNull();
  }

  @Test
  void shouldLoadTheSampleMapping_fromTheCsvFilesAndTheJsonAlike() {
    Platforms csv = new Platforms(Settings.load(Path.of("stockbridge.sample.json")), Path.of("stockbridge.sample.json"), new Secrets(ENV::get));
    CatalogueMapping json = CatalogueMapping.builder().json(Path.of("mapping/mapping.json")).build();

    CatalogueMapping mapping = csv.mapping();

    assertThat(mapping).isEqualTo(json);
    assertThat(mapping.skus().keySet()).extracting(Sku::value).contains("GIFT-SET", "MUG-WHITE", "TEA-EARL-GREY");
    assertThat(mapping.supplyChannels()).containsEntry(SupplyChannel.none(), Location.of("leeds-store"));
    assertThat(csv.bundles().components(Sku.of("GIFT-SET"))).containsEntry(Sku.of("TEA-EARL-GREY"), 2L);
  }

  @Test
  void shouldNameTheFile_whenItIsMissing() {
    Path missing = dir.resolve("nope.json");

    Invocation run = Invocation.run(ENV, "--config", missing.toString(), "status");

    run.assertFailed(2, "stockbridge: configuration file " + missing + " not found: pass --config <file> or create it from examples/stockbridge.sample.json", ENV);
  }

  @Test
  void shouldGiveLineAndColumn_whenTheJsonIsMalformed() {
    Invocation run = status("{\n  \"commercetools\": {\n    \"projectKey\": \"p\",,\n  }\n}\n");

    run.assertFailed(2, "stockbridge: " + dir.resolve("stockbridge.json") + " is not valid JSON at line 3, column 23: "
        + "Unexpected character (',' (code 44)): was expecting double-quote to start field name; fix the syntax", ENV);
  }

  @Test
  void shouldNameTheField_whenItIsUnknown() {
    Invocation run = status(config(CT.replace("}", ", \"scope\": [] }")));

    run.assertFailed(2, "stockbridge: " + dir.resolve("stockbridge.json") + " line 3, column 137: unknown field commercetools.scope: "
        + "fix its spelling (known here: apiUrl, authUrl, clientId, projectKey, region, scopes)", ENV);
  }

  @Test
  void shouldNameTheFieldAndType_whenAValueHasTheWrongType() {
    Invocation run = status(config(CT).replace("\"dataDirectory\": \"data\"", "\"dataDirectory\": \"data\", \"engine\": { \"parallelism\": \"four\" }"));

    run.assertFailed(2, "stockbridge: " + dir.resolve("stockbridge.json") + " line 6, column 55: engine.parallelism has the wrong type: it must be a whole number", ENV);
  }

  @Test
  void shouldNameTheField_whenARequiredOneIsMissing() {
    Invocation run = status(config(CT.replace("\"projectKey\": \"p\", ", "")));

    run.assertFailed(2, "stockbridge: " + file() + " line 3: commercetools.projectKey is missing: set it in the config file", ENV);
  }

  private Path file() {
    return dir.resolve("stockbridge.json");
  }

  private static String withData(String extra) {
    return config(CT).replace("\"dataDirectory\": \"data\"", "\"dataDirectory\": \"data\", " + extra);
  }

  @Test
  void shouldNameTheKeyAndLine_whenAKeyAppearsTwice() {
    Invocation run = status(config(CT).replace("\"dataDirectory\": \"data\"", "\"dataDirectory\": \"data\",\n  \"dataDirectory\": \"other\""));

    run.assertFailed(2, "stockbridge: " + file() + " line 7, column 18: field \"dataDirectory\" appears twice in the same object: keep one", ENV);
  }

  @Test
  void shouldSayTheFileIsEmpty_whenItHoldsNothing() {
    for (String empty : new String[] {"", "  \n", "// only a comment\n"}) {
      Invocation run = status(empty);

      run.assertFailed(2, "stockbridge: configuration file " + file() + " is empty: start from examples/stockbridge.sample.json", ENV);
    }
  }

  @Test
  void shouldNameTheFieldAndRange_whenANumberIsOutOfRange() {
    Invocation tooBig = status(withData("\"engine\": { \"parallelism\": 99999999999 }"));
    Invocation port = status(withData("\"feeds\": { \"warehouse\": \"wh\", \"sftp\": { \"host\": \"h\", \"user\": \"u\", \"knownHosts\": \"k\", \"port\": 70000 } }"));
    Invocation zero = status(withData("\"engine\": { \"callsPerSecond\": 0 }"));

    tooBig.assertFailed(2, "stockbridge: " + file() + " line 6, column 66: engine.parallelism is out of range: it must be a whole number from -2147483648 to 2147483647", ENV);
    port.assertFailed(2, "stockbridge: " + file() + " line 6: feeds.sftp.port is 70000: it must be between 1 and 65535", ENV);
    zero.assertFailed(2, "stockbridge: " + file() + " line 6: engine.callsPerSecond is 0: it must be between 1 and 100000", ENV);
  }

  @Test
  void shouldReadTheLatencyBuffer_offUnlessConfigured_andNameItsFields() {
    Settings sample = Settings.load(Path.of("stockbridge.sample.json"));
    assertThat(sample.engine().latencyBuffer()).isEqualTo(new Settings.LatencyBuffer(5L, 60, 10));
    assertThat(sample.engine().consistencyLagSeconds()).isEqualTo(10);
    Path plain = Invocation.write(dir.resolve("plain.json"), config(CT));
    assertThat(Settings.load(plain).engine().latencyBuffer()).as("off by default").isNull();

    Invocation noCap = status(withData("\"engine\": { \"latencyBuffer\": { \"windowSeconds\": 30 } }"));
    Invocation typo = status(withData("\"engine\": { \"latencyBuffer\": { \"cap\": 3, \"window\": 30 } }"));
    Invocation zero = status(withData("\"engine\": { \"latencyBuffer\": { \"cap\": 3, \"recomputeSeconds\": 0 } }"));

    noCap.assertFailed(2, "stockbridge: " + file() + " line 6: engine.latencyBuffer.cap is missing: set it in the config file", ENV);
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).contains("unknown field engine.latencyBuffer.window", "windowSeconds");
    zero.assertFailed(2, "stockbridge: " + file() + " line 6: engine.latencyBuffer.recomputeSeconds is 0: it must be between 1 and 3600", ENV);
  }

  @Test
  void shouldNameTheFieldAndAnExample_whenTheTimeZoneIsUnknown() {
    Invocation run = status(withData("\"timeZone\": \"Mars/Olympus\""));

    run.assertFailed(2, "stockbridge: " + file() + " line 7: timeZone is \"Mars/Olympus\": use a region id such as \"Europe/London\" or \"America/New_York\"", ENV);
  }

  @Test
  void shouldRefuseANumber_whereAPathBelongs() {
    Invocation run = status(config(CT).replace("\"dataDirectory\": \"data\"", "\"dataDirectory\": 5"));

    run.assertFailed(2, "stockbridge: " + file() + " line 6, column 20: dataDirectory has the wrong type: it must be a string", ENV);
  }

  @Test
  void shouldRefuseABundle_withoutComponents() {
    Invocation run = status(withData("\"bundles\": { \"KIT\": {} }"));

    run.assertFailed(2, "stockbridge: " + file() + " line 6: bundles.KIT has no components: list each component SKU with its units per bundle, e.g. { \"MUG-WHITE\": 1 }", ENV);
  }

  @Test
  void shouldRefuseAComponentListedTwice() {
    Invocation run = status(withData("\"bundles\": { \"KIT\": { \"MUG\": 1, \"MUG\": 2 } }"));

    run.assertFailed(2, "stockbridge: " + file() + " line 6, column 65: field \"MUG\" appears twice in the same object: keep one", ENV);
  }

  @Test
  void shouldNameBundleAndComponent_whenAQuantityIsMissing() {
    Invocation nullQuantity = status(withData("\"bundles\": { \"KIT\": { \"MUG\": null } }"));
    Invocation zero = status(withData("\"bundles\": { \"KIT\": { \"MUG\": 0 } }"));

    nullQuantity.assertFailed(2, "stockbridge: " + file() + " line 6: bundles.KIT.MUG has no quantity: give the units of \"MUG\" per bundle, a whole number of at least 1", ENV);
    zero.assertFailed(2, "stockbridge: " + file() + " line 6: bundles.KIT.MUG is 0: it must be between 1 and 1000000", ENV);
  }

  @Test
  void shouldNameTheFileAndSection_whenBundlesFormACycle() {
    Path file = Invocation.write(file(), withData("\"bundles\": { \"A\": { \"B\": 1 }, \"B\": { \"A\": 1 } }"));
    Invocation.write(dir.resolve("skus.csv"), "sku,planner_variant_id\n");
    Invocation.write(dir.resolve("locations.csv"), "supply_channel,location,planner_warehouse\n");

    Invocation run = Invocation.run(ENV, "--config", file.toString(), "sync", "--once");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines().toList()).singleElement().asString().startsWith("stockbridge: " + file + ": bundles: ").contains("cycle").endsWith(": fix it in the config file");
  }

  @Test
  void shouldNameTheMappingFile_whenTwoChannelsShareALocation() {
    Path file = Invocation.write(file(), config(CT));
    Invocation.write(dir.resolve("skus.csv"), "sku,planner_variant_id\n");
    Invocation.write(dir.resolve("locations.csv"), "supply_channel,location,planner_warehouse\nweb-uk,london-dc,wh-1\nweb-ie,london-dc,wh-1\n");

    Invocation run = Invocation.run(ENV, "--config", file.toString(), "sync", "--once");

    run.assertFailed(2, "stockbridge: " + dir.resolve("locations.csv") + ": location draws on two supply channels, web-uk and web-ie (was \"london-dc\")"
        + ": the commercetools storefront writes each location through one supply channel; give each channel a location of its own", ENV);
  }

  @Test
  void shouldCutALongValue_whenTheMessageNamesIt() {
    String longValue = "x".repeat(10_000);
    Invocation run = status(config(CT).replace("\"account\": \"a1\"", "\"account\": \"a1\", \"receipts\": \"" + longValue + "\""));

    run.assertFailed(2, "stockbridge: " + file() + " line 4: planner.receipts is \"" + "x".repeat(60) + "… (10000 characters)\": use \"inspect\" (received goods wait in inspection) or \"sellable\" (sellable at once)", ENV);
    assertThat(run.err()).hasSizeLessThan(400);
  }

  @Test
  void shouldNameTheVariable_whenASecretIsNotSet() {
    Path file = Invocation.write(dir.resolve("stockbridge.json"), config(CT));
    Invocation.write(dir.resolve("skus.csv"), "sku,planner_variant_id\n");
    Invocation.write(dir.resolve("locations.csv"), "supply_channel,location,planner_warehouse\n");
    Map<String, String> withoutCt = Map.of(Secrets.IP_API_KEY, "ip-secret-value-2");

    Invocation run = Invocation.run(withoutCt, "--config", file.toString(), "status");

    run.assertFailed(2, "stockbridge: environment variable STOCKBRIDGE_CT_CLIENT_SECRET is not set: export it with the commercetools API client's secret", withoutCt);
  }

  @Test
  void shouldExplain_whenTheCommandIsUnknown() {
    Invocation run = Invocation.run(ENV, "synch");

    run.assertFailed(2, "stockbridge: unknown command synch: use sync, reconcile, feeds generate, feeds publish, feeds serve, orders list, orders retry, inspection pass, inspection fail or status (--help for more)", ENV);
  }

  @Test
  void shouldRefuseTheScheduleFlag_whenTheCommandIsNotFeedsPublish() {
    Invocation run = Invocation.run(ENV, "sync", "--schedule");

    run.assertFailed(2, "stockbridge: --schedule applies to feeds publish only", ENV);
  }

  @Test
  void shouldPrintUsage_whenAskedForHelp() {
    Invocation run = Invocation.run(ENV, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("usage: stockbridge", "sync [--once]", "feeds publish [--schedule]", "feeds serve");
    assertThat(run.err()).isEmpty();
  }
}
