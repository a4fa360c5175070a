package dev.stockbridge.planner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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

/**
 * Runs a {@link PurchaseOrderWebhook} on the JDK's embedded HTTP server, for hosts without their
 * own. Put TLS in front of it (a reverse proxy): the secret travels in the URL. Bodies over 1 MiB
 * are refused. Start with {@link #start(InetSocketAddress, String, PurchaseOrderWebhook)}; close
 * to stop.
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
   * @return the running server
   * @throws StockbridgeException if the address cannot be bound
   */
  public static WebhookServer start(InetSocketAddress address, String path, PurchaseOrderWebhook webhook) {
    Objects.requireNonNull(webhook, "webhook");
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
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
    return URI.create("http://" + bound.getHostString() + ":" + bound.getPort() + path);
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
