package dev.stockbridge.examples.runner;

import dev.failsafe.TimeoutExceededException;
import dev.stockbridge.commercetools.CommercetoolsApiException;
import dev.stockbridge.planner.PlannerApiException;
import dev.stockbridge.planner.PlannerBlockedException;
import dev.stockbridge.planner.PlannerException;
import dev.stockbridge.planner.feed.SftpException;
import dev.stockbridge.postgres.PostgresStoreException;
import dev.stockbridge.spi.TransientStorefrontException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

/**
 * Turns whatever ended a command into one line for people and an exit code: what is wrong and
 * what to fix, never a stack trace. Stateless.
 */
final class Failures {

  /** Exit code: something else went wrong. */
  static final int OTHER = 1;
  /** Exit code: the configuration (file, environment or command line) is missing or wrong. */
  static final int CONFIGURATION = 2;
  /** Exit code: a platform refused the credentials. */
  static final int AUTHENTICATION = 3;
  /** Exit code: a platform could not be reached. */
  static final int CONNECTIVITY = 4;
  /** Exit code: the SFTP server's host key is not listed in the known-hosts file. */
  static final int HOST_KEY_UNKNOWN = 5;
  /** Exit code: the SFTP server showed a host key other than the listed one. */
  static final int HOST_KEY_CHANGED = 6;

  private Failures() {}

  /**
   * One line and an exit code.
   *
   * @param exitCode the process's exit code
   * @param message the line for stderr, starting {@code stockbridge: }
   */
  record Failure(int exitCode, String message) {}

  /**
   * Where the platforms are, for messages about reaching them.
   *
   * @param commercetools the commercetools hosts, e.g. {@code api.europe-west1.gcp.commercetools.com}
   * @param planner the Inventory Planner host
   * @param sftp the SFTP host, or a placeholder if none is configured
   */
  record Endpoints(String commercetools, String planner, String sftp) {

    /** Placeholders, before the configuration is read. */
    static final Endpoints UNKNOWN = new Endpoints("the configured host", "the configured host", "the configured host");
  }

  /**
   * Describes a failure.
   *
   * @param failure what ended the command
   * @param at where the platforms are
   * @return the line and exit code
   */
  static Failure describe(Throwable failure, Endpoints at) {
    if (failure instanceof ConfigException || failure instanceof UsageException) {
      return new Failure(CONFIGURATION, line(failure.getMessage()));
    }
    String unreachable = unreachable(failure);
    if (failure instanceof CommercetoolsApiException ct) {
      return switch (ct.status()) {
        case 401 -> new Failure(AUTHENTICATION,
            line("commercetools refused the client credentials (401): check commercetools.clientId and " + Secrets.CT_CLIENT_SECRET));
        case 403 -> new Failure(AUTHENTICATION,
            line("commercetools refused access (403) to " + ct.operation() + ": give the API client the scopes in commercetools.scopes"));
        default -> unreachable != null
            ? new Failure(CONNECTIVITY, reach("commercetools", at.commercetools(), unreachable, "commercetools.region (or apiUrl and authUrl)"))
            : new Failure(OTHER, line(ct.getMessage()));
      };
    }
    if (failure instanceof TransientStorefrontException && unreachable != null) {
      return new Failure(CONNECTIVITY, reach("commercetools", at.commercetools(), unreachable, "commercetools.region (or apiUrl and authUrl)"));
    }
    if (failure instanceof PlannerApiException ip && (ip.status() == 401 || ip.status() == 403) && !(failure instanceof PlannerBlockedException)) {
      return new Failure(AUTHENTICATION,
          line("Inventory Planner refused the API key (" + ip.status() + "): check planner.account and " + Secrets.IP_API_KEY));
    }
    if (failure instanceof PlannerException && unreachable != null) {
      return new Failure(CONNECTIVITY, reach("Inventory Planner", at.planner(), unreachable, "planner.baseUrl"));
    }
    if (failure instanceof PostgresStoreException) {
      String state = sqlState(failure);
      // 28xxx: invalid authorization or password; 08004: the server asked for a password, none was set.
      if (state != null && (state.startsWith("28") || state.equals("08004"))) {
        return new Failure(AUTHENTICATION, line("PostgreSQL refused the login (SQLSTATE " + state + "): check store.user and " + Secrets.PG_PASSWORD));
      }
      if (unreachable != null || (state != null && state.startsWith("08"))) {
        return new Failure(CONNECTIVITY, line("cannot reach PostgreSQL (" + (unreachable != null ? unreachable : "SQLSTATE " + state) + "): check store.url and the network"));
      }
    }
    if (failure instanceof SftpException sftp) {
      return switch (sftp.reason()) {
        case AUTHENTICATION_REFUSED -> new Failure(AUTHENTICATION, line("the SFTP server at " + at.sftp()
            + " refused the login: check feeds.sftp.user and " + Secrets.SFTP_PASSWORD));
        case HOST_KEY_UNKNOWN -> new Failure(HOST_KEY_UNKNOWN, line("the SFTP server at " + at.sftp() + " showed host key "
            + sftp.fingerprint().orElse("?") + ", which feeds.sftp.knownHosts does not list: check the fingerprint with the provider, then add the key"));
        case HOST_KEY_CHANGED -> new Failure(HOST_KEY_CHANGED, line("the SFTP server at " + at.sftp() + " showed host key "
            + sftp.fingerprint().orElse("?") + ", not the one feeds.sftp.knownHosts lists: connection refused; ask the provider whether the"
            + " key really changed before replacing it"));
        case UNREACHABLE -> new Failure(CONNECTIVITY, reach("the SFTP server", at.sftp(), unreachable == null ? "no answer" : unreachable,
            "feeds.sftp.host and feeds.sftp.port"));
      };
    }
    return new Failure(OTHER, line(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()));
  }

  /** Why no answer came, from the causes: null if an answer came or the cause is not the network. */
  private static String unreachable(Throwable failure) {
    // The JDK's HTTP client reports an unresolvable host as a ConnectException caused by
    // UnresolvedAddressException: look for the most specific cause first.
    if (hasCause(failure, UnknownHostException.class) || hasCause(failure, UnresolvedAddressException.class)) {
      return "unknown host";
    }
    if (hasCause(failure, ConnectException.class)) {
      return "connection refused";
    }
    if (hasCause(failure, HttpTimeoutException.class) || hasCause(failure, SocketTimeoutException.class)
        || hasCause(failure, TimeoutException.class) || hasCause(failure, TimeoutExceededException.class)) {
      return "timed out";
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return "no answer: " + io.getClass().getSimpleName();
      }
    }
    return null;
  }

  private static String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String reach(String platform, String host, String why, String fields) {
    return line("cannot reach " + platform + " at " + host + " (" + why + "): check " + fields + " and the network");
  }

  /** One line: prefixed, line breaks folded. */
  private static String line(String message) {
    return "stockbridge: " + message.replaceAll("\\s*\\R\\s*", "; ");
  }
}
