package dev.stockbridge.planner.internal;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.stockbridge.InvalidValueException;
import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;

/**
 * Creates the embedded servers this module opens (feeds, webhooks): HTTPS when given a TLS context,
 * plain HTTP only on a loopback address. Not API.
 */
public final class HttpServers {

  private HttpServers() {}

  /**
   * Creates an unstarted server.
   *
   * @param address where to listen
   * @param tls the TLS context, or null for plain HTTP (loopback only)
   * @return the server
   * @throws InvalidValueException if plain HTTP is asked for on a non-loopback address
   * @throws IOException if the address cannot be bound
   */
  public static HttpServer create(InetSocketAddress address, SSLContext tls) throws IOException {
    if (tls == null) {
      if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
        throw new InvalidValueException(
            "address", address, "may serve plain HTTP only on loopback; configure TLS with an SSLContext");
      }
      return HttpServer.create(address, 0);
    }
    HttpsServer server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return server;
  }

  /**
   * The scheme a server answers on.
   *
   * @param server the server
   * @return {@code https} or {@code http}
   */
  public static String scheme(HttpServer server) {
    return server instanceof HttpsServer ? "https" : "http";
  }
}
