package dev.stockbridge.examples.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.engine.EngineHealth;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.flow.OrderQuarantine;
import dev.stockbridge.inspection.InspectionFile;
import dev.stockbridge.inspection.InspectionStatuses;
import dev.stockbridge.reconcile.ExceptionStatus;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.reconcile.TrackedException;
import dev.stockbridge.reconcile.report.FlowFreshness;
import dev.stockbridge.runtime.FlowStatus;
import dev.stockbridge.runtime.Stockbridge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The live status of a running {@code sync}: {@code /status} (JSON), {@code /metrics} (Prometheus
 * text) and {@code /} (one self-contained HTML page that refreshes itself); and the warehouse's
 * inspection webhook, {@code POST /inspections}, whose body is an inspection status file (see
 * {@link InspectionFile}): checked, dropped into the inspection directory and booked at once. Every request must carry
 * the token from {@code STOCKBRIDGE_STATUS_TOKEN}, as {@code Authorization: Bearer <token>} or as
 * the password of basic auth (what a browser prompts for); it listens on loopback unless configured
 * otherwise. Thread-safe: each request reads immutable snapshots.
 */
final class StatusServer implements AutoCloseable {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /** No script, no outside resource: the page is inert text with its own style. */
  private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final HttpServer server;
  private final byte[] token;
  private final Stockbridge stockbridge;
  private final ExceptionTracker exceptions;
  private final OrderQuarantine quarantine;
  private final PrometheusMeterRegistry registry;
  private final Path inspections;

  /** The largest inspection file a POST may carry. */
  private static final int MAX_BODY = 1 << 20;

  private StatusServer(HttpServer server, String token, Stockbridge stockbridge, ExceptionTracker exceptions, OrderQuarantine quarantine,
      PrometheusMeterRegistry registry, Path inspections) {
    this.server = server;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.stockbridge = stockbridge;
    this.exceptions = exceptions;
    this.quarantine = quarantine;
    this.registry = registry;
    this.inspections = inspections;
  }

  /**
   * Starts the server.
   *
   * @param host the address to listen on (loopback unless configured)
   * @param port the port, 0 for any free one
   * @param token the token every request must carry
   * @param inspections the inspection drop directory the webhook writes to
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  static StatusServer start(String host, int port, String token, Stockbridge stockbridge, ExceptionTracker exceptions, OrderQuarantine quarantine,
      PrometheusMeterRegistry registry, Path inspections) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 16);
    StatusServer server = new StatusServer(http, token, stockbridge, exceptions, quarantine, registry, inspections);
    http.createContext("/", server::handle);
    http.start();
    return server;
  }

  /** The port it listens on. @return the port */
  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"stockbridge\", charset=\"UTF-8\"");
        send(exchange, 401, "text/plain; charset=utf-8", "a token is required: STOCKBRIDGE_STATUS_TOKEN as a bearer token or as the basic-auth password\n");
        return;
      }
      if ("POST".equals(exchange.getRequestMethod()) && "/inspections".equals(exchange.getRequestURI().getPath())) {
        receiveInspections(exchange);
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain; charset=utf-8", "only GET, and POST to /inspections\n");
        return;
      }
      switch (exchange.getRequestURI().getPath()) {
        case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
        case "/status" -> send(exchange, 200, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status()));
        case "/" -> send(exchange, 200, "text/html; charset=utf-8", StatusPage.html(status()));
        default -> send(exchange, 404, "text/plain; charset=utf-8", "not found: use /, /status or /metrics\n");
      }
    }
  }

  /**
   * The webhook: the body is checked as an inspection file in a temporary file, then moved into the
   * drop directory (so the flow never sees half a file) and booked at once. Each lot is booked once
   * by its inspection id, however often the warehouse sends it.
   */
  private void receiveInspections(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      send(exchange, 413, "text/plain; charset=utf-8", "an inspection file may hold at most " + MAX_BODY + " bytes: send it in parts\n");
      return;
    }
    Files.createDirectories(inspections);
    String name = "webhook-" + Instant.now().toEpochMilli() + "-" + UUID.randomUUID() + ".csv";
    Path staged = Files.write(inspections.resolve(name + ".part"), body);
    try {
      InspectionFile.Contents contents = InspectionFile.read(staged, InspectionStatuses.standard());
      Files.move(staged, inspections.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      stockbridge.bookInspections();
      send(exchange, 202, "text/plain; charset=utf-8", contents.outcomes().size() + " lots booked, " + contents.problems().size() + " rows refused"
          + (contents.problems().isEmpty() ? "" : ": " + String.join("; ", contents.problems())) + "\n");
    } catch (StockbridgeException e) {
      Files.deleteIfExists(staged);
      send(exchange, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
    }
  }

  private boolean authorised(String header) {
    if (header == null) {
      return false;
    }
    String presented;
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = header.substring(7).strip();
    } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        presented = pair.substring(pair.indexOf(':') + 1);
      } catch (IllegalArgumentException unreadable) {
        return false;
      }
    } else {
      return false;
    }
    return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token); // constant time
  }

  /** The status as plain maps and lists, in the order a reader wants it. */
  Map<String, Object> status() {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    Map<String, Object> flows = new TreeMap<>();
    for (FlowStatus flow : stockbridge.flows().values()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("runs", flow.runs());
      one.put("failures", flow.failures());
      one.put("lastSuccess", flow.lastSuccess().map(at -> at.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(null));
      one.put("lastFailure", flow.lastFailure().orElse(null));
      java.time.Duration target = Runner.FLOW_TARGETS.get(flow.flow());
      if (target != null) {
        FlowFreshness freshness = new FlowFreshness(flow.flow(), flow.lastSuccess(), target);
        Instant now = Instant.now();
        one.put("targetSeconds", target.toSeconds());
        one.put("ageSeconds", freshness.age(now).map(java.time.Duration::toSeconds).orElse(null));
        one.put("fresh", freshness.fresh(now));
      }
      flows.put(flow.flow(), one);
    }
    status.put("flows", flows);
    EngineHealth health = stockbridge.engine().health();
    Map<String, Object> engine = new LinkedHashMap<>();
    engine.put("running", health.running());
    engine.put("accepted", health.accepted());
    engine.put("applied", health.applied());
    engine.put("failed", health.failed());
    engine.put("storefrontCalls", health.storefrontCalls());
    engine.put("conflicts", health.conflicts());
    engine.put("retries", health.retries());
    engine.put("lastSuccess", health.lastSuccess().map(at -> at.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(null));
    EngineHealth.OrderLatency latency = health.orderToStorefront();
    Map<String, Object> timing = new LinkedHashMap<>();
    timing.put("timed", latency.timed());
    timing.put("recent", latency.recent());
    timing.put("p50Seconds", seconds(latency.p50()));
    timing.put("p99Seconds", seconds(latency.p99()));
    engine.put("orderToStorefront", timing);
    // Largest first, a page's worth: the hot SKUs of a sale.
    engine.put("latencyBuffers", health.latencyBuffers().stream()
        .sorted(java.util.Comparator.comparingLong(dev.stockbridge.ats.LatencyBuffer.Figure::units).reversed()).limit(50)
        .map(figure -> {
          Map<String, Object> one = new LinkedHashMap<>();
          one.put("sku", figure.key().sku().value());
          one.put("location", figure.key().location().key());
          one.put("units", figure.units());
          one.put("orderUnitsInWindow", figure.orderUnits());
          one.put("windowSeconds", figure.window().toSeconds());
          one.put("perMinute", Math.round(figure.perMinute() * 10) / 10.0);
          one.put("exposureSeconds", seconds(figure.exposure()));
          one.put("figure", Math.round(figure.raw() * 100) / 100.0);
          return one;
        }).toList());
    Map<String, Object> lanes = new LinkedHashMap<>();
    for (Lane lane : Lane.values()) {
      EngineHealth.LaneHealth one = health.lanes().get(lane);
      if (one != null) {
        lanes.put(lane.name().toLowerCase(Locale.ROOT), Map.of("waitingKeys", one.waitingKeys(), "oldestWaitSeconds", one.oldestWait().toSeconds()));
      }
    }
    engine.put("lanes", lanes);
    status.put("engine", engine);
    List<TrackedException> open = exceptions.list(EnumSet.of(ExceptionStatus.OPEN));
    Map<String, List<Map<String, String>>> byOwner = open.stream().collect(Collectors.groupingBy(e -> e.owner().name().toLowerCase(Locale.ROOT), TreeMap::new,
        Collectors.mapping(e -> Map.of("code", e.code(), "subject", e.subject(), "message", e.message()), Collectors.toList())));
    status.put("openExceptions", byOwner);
    status.put("lastReconciliation", LastReconciliation.read(reconciliation()).orElse(null));
    status.put("quarantinedOrders", quarantine.held().stream().map(order -> Map.of("orderId", order.orderId(), "problem", order.problem())).toList());
    return status;
  }

  /** Seconds to the millisecond, as a number a dashboard reads. */
  private static double seconds(java.time.Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  /** Where {@code stockbridge reconcile} leaves its JSON report: beside the inspection drop, in reports/. */
  private Path reconciliation() {
    return inspections.resolveSibling("reports").resolve("reconciliation.json");
  }

  private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.getResponseHeaders().add("Content-Security-Policy", CSP);
    exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
