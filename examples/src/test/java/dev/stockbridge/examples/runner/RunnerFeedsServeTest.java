package dev.stockbridge.examples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feeds serve} in this JVM: the planner's GET and HEAD answered under the token, anything else refused. */
class RunnerFeedsServeTest {

  private static final String PASSWORD = "feed-pass-value-9";
  private static final Pattern SERVING = Pattern.compile("at (http://127\\.0\\.0\\.1:(\\d+)/)<serve\\.token>/");

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  /** A running {@code feeds serve}: its thread, its output, and the exit code once stopped. */
  private final class Serving {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final AtomicInteger exitCode = new AtomicInteger(-1);
    final Thread thread;
    final URI base;

    Serving(Map<String, String> env) throws Exception {
      Path config = Invocation.write(dir.resolve("stockbridge.json"), """
          {
            "commercetools": { "projectKey": "p", "clientId": "c", "apiUrl": "http://127.0.0.1:9", "authUrl": "http://127.0.0.1:9" },
            "planner": { "account": "a1" },
            "mapping": { "skus": "skus.csv", "locations": "locations.csv" },
            "dataDirectory": "data",
            "feeds": { "warehouse": "w1", "serve": { "port": 0 } }
          }
          """);
      PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
      thread = new Thread(() -> exitCode.set(Runner.run(new String[] {"--config", config.toString(), "feeds", "serve"}, env, print, print)));
      thread.start();
      Matcher serving = SERVING.matcher("");
      for (int i = 0; i < 500 && !serving.reset(output()).find(); i++) {
        thread.join(10); // waits for the server's line; no clock involved
      }
      assertThat(serving.reset(output()).find()).as("serving line in: %s", output()).isTrue();
      String token = Files.readString(dir.resolve("data/feeds/serve.token")).strip();
      base = URI.create(serving.group(1) + token + "/");
    }

    synchronized String output() {
      return out.toString(StandardCharsets.UTF_8);
    }

    /** Stops the server the way Ctrl-C's interrupt would, and waits for the command to end. */
    void stop() throws InterruptedException {
      thread.interrupt();
      thread.join(10_000);
    }
  }

  private void publishProducts() {
    Invocation.write(dir.resolve("data/feeds/products.csv"), "product_id,title\nMUG,Mug\n");
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void shouldAnswerGetAndHeadUnderTheToken_andRefuseAWrongOne() throws Exception {
    publishProducts();
    Serving serving = new Serving(Map.of());
    try {
      HttpResponse<String> get = send(HttpRequest.newBuilder(serving.base.resolve("products.csv")).build());
      HttpResponse<String> head = send(HttpRequest.newBuilder(serving.base.resolve("products.csv"))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
      HttpResponse<String> wrongToken = send(HttpRequest.newBuilder(serving.base.resolve("/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/products.csv")).build());
      HttpResponse<String> noToken = send(HttpRequest.newBuilder(serving.base.resolve("/products.csv")).build());

      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.body()).isEqualTo("product_id,title\nMUG,Mug\n");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValue("Content-Length")).hasValue("25");
      assertThat(head.headers().firstValue("ETag")).isEqualTo(get.headers().firstValue("ETag"));
      assertThat(wrongToken.statusCode()).isEqualTo(404);
      assertThat(noToken.statusCode()).isEqualTo(404);
    } finally {
      serving.stop();
    }
    assertThat(serving.exitCode).hasValue(0);
    String token = serving.base.getPath().split("/")[1];
    assertThat(serving.output()).doesNotContain(token).contains("feeds: serving ");
  }

  @Test
  void shouldAskForBasicCredentials_whenTheFeedPasswordIsSet() throws Exception {
    publishProducts();
    Serving serving = new Serving(Map.of(Secrets.FEED_PASSWORD, PASSWORD));
    try {
      URI products = serving.base.resolve("products.csv");
      String basic = "Basic " + Base64.getEncoder().encodeToString(("planner:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

      assertThat(send(HttpRequest.newBuilder(products).build()).statusCode()).isEqualTo(401);
      assertThat(send(HttpRequest.newBuilder(products).header("Authorization", basic).build()).statusCode()).isEqualTo(200);
      assertThat(serving.output()).contains("; basic auth").doesNotContain(PASSWORD);
    } finally {
      serving.stop();
    }
  }
}
