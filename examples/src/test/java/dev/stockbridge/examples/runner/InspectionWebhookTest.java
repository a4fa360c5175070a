package dev.stockbridge.examples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.flow.OrderQuarantine;
import dev.stockbridge.inspection.InspectionStatuses;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.runtime.Stockbridge;
import dev.stockbridge.InventoryState;
import dev.stockbridge.storefront.InMemoryStorefront;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse's inspection webhook on the status server: authenticated, checked, booked at once and once. */
class InspectionWebhookTest {

  private static final StockKey MUG = new StockKey(Sku.of("MUG"), Location.of("dc"));
  private static final String TOKEN = "webhook-token-not-real";

  @TempDir Path dir;

  @Test
  void shouldBookAPostedStatusFileOnce_andRefuseAStrangerOrABadFile() throws Exception {
    InMemoryStorefront storefront = new InMemoryStorefront();
    storefront.create(MUG, 10);
    ExceptionTracker exceptions = ExceptionTracker.inMemory(Clock.systemUTC());
    Path drop = dir.resolve("inspections");
    HttpClient http = HttpClient.newHttpClient();
    try (Stockbridge stockbridge = Stockbridge.builder()
            .engine(StockEngine.builder().storefront(storefront).journal(new InMemoryJournal()).exceptionStore(exceptions).build())
            .inspections(drop, InspectionStatuses.standard(), exceptions)
            .build();
        StatusServer server = StatusServer.start("127.0.0.1", 0, TOKEN, stockbridge, exceptions, OrderQuarantine.inMemory(),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), drop)) {
      stockbridge.runOnce();
      stockbridge.engine().submit(new Movement(MovementKind.RECEIPT, MUG.sku(), MUG.location(), InventoryState.INSPECTION, 5, "receipt into inspection",
          IdempotencyKeys.of(MovementKind.RECEIPT, "po-1/MUG/5"), Movement.UNSEQUENCED));
      URI webhook = URI.create("http://127.0.0.1:" + server.port() + "/inspections");
      String file = "inspection_id,sku,location,quantity,status\nqc-1,MUG,dc,3,passed\n";

      HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(webhook).POST(HttpRequest.BodyPublishers.ofString(file)).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> badFile = post(http, webhook, "sku,quantity\nMUG,3\n");
      HttpResponse<String> booked = post(http, webhook, file);
      HttpResponse<String> again = post(http, webhook, file);

      assertThat(stranger.statusCode()).isEqualTo(401);
      assertThat(badFile.statusCode()).isEqualTo(400);
      assertThat(badFile.body()).contains("lacks inspection_id, location, status");
      assertThat(booked.statusCode()).isEqualTo(202);
      assertThat(booked.body()).startsWith("1 lots booked, 0 rows refused");
      assertThat(again.statusCode()).isEqualTo(202);
      assertThat(stockbridge.drain(Duration.ofSeconds(10))).isTrue();
      assertThat(storefront.entry(MUG).quantityOnStock()).as("3 passed units on sale once, though the file came twice").isEqualTo(13);
      try (var done = Files.list(drop.resolve("done"))) {
        assertThat(done.count()).isEqualTo(2);
      }
      try (var left = Files.list(drop)) {
        assertThat(left.filter(Files::isRegularFile).toList()).as("no half or refused file left in the drop directory").isEmpty();
      }
    }
  }

  private static HttpResponse<String> post(HttpClient http, URI uri, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
