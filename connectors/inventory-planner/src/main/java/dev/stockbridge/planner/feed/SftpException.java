package dev.stockbridge.planner.feed;

import java.util.Optional;

/**
 * An SFTP upload failed for a reason a person fixes in one place, each told apart so the message
 * says which: the server refused the login, its host key is not the one expected, or it could not
 * be reached. Other failures (a full disk on the server, a refused rename) are plain {@link
 * FeedException}s.
 */
public final class SftpException extends FeedException {

  /** Why the upload failed. */
  public enum Reason {
    /** The server refused the user name and password or key: fix the credentials. */
    AUTHENTICATION_REFUSED,
    /** The known-hosts file lists no key for this host: add the server's key after checking it. */
    HOST_KEY_UNKNOWN,
    /** The server showed a key other than the one listed: someone may be in between; ask the provider. */
    HOST_KEY_CHANGED,
    /** No connection: wrong host or port, DNS, firewall or the server is down. */
    UNREACHABLE
  }

  private final Reason reason;
  private final String fingerprint;

  /**
   * Creates the exception.
   *
   * @param target where the upload was going, without credentials
   * @param reason why it failed
   * @param fingerprint the host key fingerprint the server showed, or null when no key was seen
   * @param message what failed and what to do
   * @param cause the underlying failure, or null
   */
  public SftpException(String target, Reason reason, String fingerprint, String message, Throwable cause) {
    super(target, message, cause);
    this.reason = reason;
    this.fingerprint = fingerprint;
  }

  /** Why the upload failed. @return the reason */
  public Reason reason() {
    return reason;
  }

  /** The host key the server showed, for a host key refusal. @return its SHA-256 fingerprint, if seen */
  public Optional<String> fingerprint() {
    return Optional.ofNullable(fingerprint);
  }
}
