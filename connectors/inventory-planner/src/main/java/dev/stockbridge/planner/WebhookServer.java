package dev.stockbridge.planner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stockbridge.planner.internal.HttpServers;
import dev.stockbridge.StockbridgeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * Runs a {@link PurchaseOrderWebhook} on the JDK's embedded HTTP server, for hosts without their
 * own. The secret travels in the URL, so the server speaks HTTPS when given a TLS context and plain
 * HTTP only on a loopback address (behind a TLS-terminating proxy). Bodies over 1 MiB are refused.
 * Start with {@link #start(InetSocketAddress, String, PurchaseOrderWebhook, SSLContext)}; close to
 * stop.
 */
public final class WebhookServer implements AutoCloseable {

  private static final int MAX_BODY = 1 << 20;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String path;

  private WebhookServer(HttpServer server, ExecutorService executor, String path) {
    this.server = server;
    this.executor = executor;
    this.path = path;
  }

  /**
   * Starts a server.
   *
   * @param address where to listen, e.g. {@code 127.0.0.1:0} for any free port
   * @param path the path to serve, e.g. {@code /webhooks/inventory-planner}
   * @param webhook the receiver
   * @param tls the server's TLS context, or null for plain HTTP on a loopback address
   * @return the running server
   * @throws StockbridgeException if the address cannot be bound
   * @throws dev.stockbridge.InvalidValueException if plain HTTP is asked for on a non-loopback
   *     address
   */
  public static WebhookServer start(
      InetSocketAddress address, String path, PurchaseOrderWebhook webhook, SSLContext tls) {
    Objects.requireNonNull(webhook, "webhook");
    HttpServer server;
    try {
      server = HttpServers.create(address, tls);
    } catch (IOException e) {
      throw new StockbridgeException("could not listen on " + address + ": " + e, e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "stockbridge-ip-webhook");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext(path, exchange -> serve(exchange, webhook));
    server.start();
    return new WebhookServer(server, executor, path);
  }

  /**
   * The URL the server answers on, without the secret.
   *
   * @return e.g. {@code http://127.0.0.1:53811/webhooks/inventory-planner}
   */
  public URI uri() {
    InetSocketAddress bound = server.getAddress();
    return URI.create(HttpServers.scheme(server) + "://" + bound.getHostString() + ":" + bound.getPort() + path);
  }

  /** Stops the server at once and releases its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void serve(HttpExchange exchange, PurchaseOrderWebhook webhook) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      PurchaseOrderWebhook.Response response = body.length > MAX_BODY
          ? new PurchaseOrderWebhook.Response(413, "body too large")
          : webhook.handle(exchange.getRequestMethod(), exchange.getRequestURI(), body);
      byte[] text = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(response.status(), text.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(text);
      }
    }
  }
}
