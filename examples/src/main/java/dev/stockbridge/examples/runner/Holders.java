package dev.stockbridge.examples.runner;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Names this process as a lease holder: host and process id, what an operator can find and kill. */
final class Holders {

  private Holders() {}

  /**
   * This process's name, e.g. {@code "web-2:4711"}.
   *
   * @return the name
   */
  static String thisProcess() {
    return host() + ":" + ProcessHandle.current().pid();
  }

  private static String host() {
    String container = System.getenv("HOSTNAME");
    if (container != null && !container.isBlank()) {
      return container;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
