package dev.stockbridge.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockbridgeException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Inventory Planner's {@code purchase-orders/connection-save} webhook, framework-free: a
 * host mounts {@link #handle(String, URI, byte[])} on any HTTP stack, or runs it in a {@link
 * WebhookServer}.
 *
 * <p>Authentication: Inventory Planner does not sign deliveries (unverified), so the subscribed
 * address carries a secret as its {@code secret} query parameter; a request without the right
 * secret is answered 401 before its body is read. The comparison takes the same time whatever the
 * secret guessed.
 *
 * <p>Replays: a delivery is identified by the SHA-256 hash of its body (Inventory Planner sends no
 * delivery id we know of). A body already handled is answered 200 and not handed on again; the
 * last {@code capacity} hashes are remembered. A body whose handling failed is forgotten, so the
 * sender's retry is handled. The payload is assumed to be the order wrapped as {@code
 * {"purchase-order": {…}}} (unverified). Thread-safe.
 */
public final class PurchaseOrderWebhook {

  private static final Logger LOG = LoggerFactory.getLogger(PurchaseOrderWebhook.class);

  private final byte[] secretDigest;
  private final Consumer<PurchaseOrder> onSave;
  private final Map<String, Boolean> seen;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * A response to send back.
   *
   * @param status the HTTP status
   * @param body a short plain-text body
   */
  public record Response(int status, String body) {}

  private PurchaseOrderWebhook(String secret, int capacity, Consumer<PurchaseOrder> onSave) {
    if (secret == null || secret.length() < 16) {
      throw new InvalidValueException("secret", "***", "must have at least 16 characters");
    }
    if (capacity < 1) {
      throw new InvalidValueException("capacity", capacity, "must be positive");
    }
    this.secretDigest = sha256(secret.getBytes(StandardCharsets.UTF_8));
    this.onSave = Objects.requireNonNull(onSave, "onSave");
    this.seen = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * Creates a receiver.
   *
   * @param secret the shared secret, at least 16 characters, also put in the subscribed address
   * @param capacity how many delivery hashes to remember for replay detection
   * @param onSave handles each saved purchase order once, e.g. turning receipts into movements
   * @return the receiver
   * @throws InvalidValueException if the secret is too short or the capacity not positive
   */
  public static PurchaseOrderWebhook create(String secret, int capacity, Consumer<PurchaseOrder> onSave) {
    return new PurchaseOrderWebhook(secret, capacity, onSave);
  }

  /**
   * Handles one request.
   *
   * @param method the HTTP method
   * @param uri the request URI, with its query
   * @param body the request body
   * @return 401 without the right secret, 405 for a method other than POST, 400 for a body that
   *     is not a purchase order, 500 if handling failed, else 200 (also for a replay)
   */
  public Response handle(String method, URI uri, byte[] body) {
    if (!authorised(uri)) {
      return new Response(401, "missing or wrong secret");
    }
    if (!"POST".equalsIgnoreCase(method)) {
      return new Response(405, "POST only");
    }
    String delivery = HexFormat.of().formatHex(sha256(body));
    synchronized (seen) {
      if (seen.putIfAbsent(delivery, Boolean.TRUE) != null) {
        return new Response(200, "duplicate delivery ignored");
      }
    }
    PurchaseOrder order;
    try {
      JsonNode node = json.readTree(body).path(Wire.PURCHASE_ORDER);
      if (!node.isObject()) {
        forget(delivery);
        return new Response(400, "body has no \"" + Wire.PURCHASE_ORDER + "\" object");
      }
      order = Wire.purchaseOrder(node);
    } catch (IOException | StockbridgeException e) {
      forget(delivery);
      return new Response(400, "body is not a purchase order: " + e.getMessage());
    }
    try {
      onSave.accept(order);
      return new Response(200, "accepted");
    } catch (RuntimeException e) {
      forget(delivery);
      LOG.error("purchase order {} from the webhook could not be handled; the sender's retry will be", order.id(), e);
      return new Response(500, "could not be handled");
    }
  }

  private void forget(String delivery) {
    synchronized (seen) {
      seen.remove(delivery);
    }
  }

  private boolean authorised(URI uri) {
    String query = uri.getRawQuery();
    if (query == null) {
      return false;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("secret")) {
        byte[] given = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        // Digests have one length, so isEqual's constant time holds whatever was sent.
        return MessageDigest.isEqual(secretDigest, sha256(given));
      }
    }
    return false;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
