package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.net.SocketAddress;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;

/**
 * Uploads feed files for an Inventory Planner Advanced CSV connection over SFTP (Apache MINA
 * SSHD). Each upload opens a session, writes the file under a hidden temporary name ({@code
 * .NAME.UUID.part}) in the remote directory, and renames it to its final name only once it is
 * written whole; a failed or interrupted upload removes the temporary file when it still can and
 * never leaves a partial file under the final name. The rename replaces an existing file
 * atomically where the server offers OpenSSH's {@code posix-rename}; elsewhere an existing file
 * under the final name fails the upload rather than being deleted first.
 *
 * <p>The server's host key must be listed for the host in an OpenSSH {@code known_hosts} file
 * ({@code [host]:port} for a port other than 22); an unknown or changed key refuses the
 * connection. Nothing is read from {@code ~/.ssh}. An unreachable server, a refused login and an
 * unknown or changed host key (with the fingerprint the server showed) are each an {@link
 * SftpException} with its own {@link SftpException.Reason}.
 *
 * <p>Thread-safe: uploads may run concurrently, each in its own session. {@link #close()} stops
 * the client.
 */
public final class SftpUploader implements AutoCloseable {

  private record RefusedKey(SftpException.Reason reason, String fingerprint) {}

  /**
   * What the host key check refused, per session, so the failure can say it. Not the session's own
   * attributes: the session clears those once its close completes, and a refused key closes it at
   * once, so by the time the login's outcome is read they may be gone (the refusal was then reported
   * as a refused login). Weak keys: a session given up on before its key was checked leaves nothing.
   */
  private final Map<ClientSession, RefusedKey> refusals = Collections.synchronizedMap(new WeakHashMap<>());
  /** A seam for tests: runs once the login's outcome is known, before it is read. */
  private final Consumer<ClientSession> afterLogin;

  private final SshClient client;
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final KeyPair keyPair;
  private final String remoteDirectory;
  private final Duration timeout;
  private final Path knownHosts;

  private SftpUploader(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.username = builder.username;
    this.password = builder.password;
    this.keyPair = builder.keyPair;
    this.remoteDirectory = builder.remoteDirectory;
    this.timeout = builder.timeout;
    this.knownHosts = builder.knownHosts;
    this.afterLogin = builder.afterLogin;
    this.client = SshClient.setUpDefaultClient();
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setServerKeyVerifier(new RecordingVerifier(knownHosts, refusals));
    client.start();
  }

  /**
   * Starts configuring an uploader; set a password or a key pair before building.
   *
   * @param host the SFTP server's host name or address
   * @param port the SFTP server's port, usually 22
   * @param username the login
   * @param knownHosts an OpenSSH {@code known_hosts} file listing the server's host key
   * @return a builder
   * @throws InvalidValueException if an argument is null or blank, or the port is out of range
   */
  public static Builder builder(String host, int port, String username, Path knownHosts) {
    return new Builder(host, port, username, knownHosts);
  }

  /**
   * Uploads one file atomically.
   *
   * @param fileName the final file name in the remote directory; a plain name
   * @param content writes the file
   * @return what the content reported
   * @throws InvalidValueException if the name is not a plain file name, or an argument is null
   * @throws FeedException if connecting, logging in, writing or renaming fails, the host key is
   *     refused, or the content throws it or an {@link UncheckedIOException}; the final name is
   *     then untouched
   */
  public FeedReport upload(String fileName, FeedContent content) {
    return upload(null, fileName, content);
  }

  /**
   * Uploads one file atomically into a subdirectory of the remote directory, created if missing.
   *
   * @param subdirectory a plain directory name, e.g. {@code sales-orders}, or null for the remote
   *     directory itself
   * @param fileName the final file name; a plain name
   * @param content writes the file
   * @return what the content reported
   * @throws InvalidValueException if a name is not a plain name, or the content is null
   * @throws SftpException if the server cannot be reached, refuses the login, or shows a host key
   *     other than the listed one; the final name is then untouched
   * @throws FeedException if writing or renaming fails, or the content throws it or an {@link
   *     UncheckedIOException}; the final name is then untouched
   */
  public FeedReport upload(String subdirectory, String fileName, FeedContent content) {
    String directory = subdirectory == null ? remoteDirectory : remoteDirectory + "/" + FeedDirectory.plainName(subdirectory);
    String finalPath = directory + "/" + FeedDirectory.plainName(fileName);
    Fields.notNull("content", content);
    String target = "sftp://" + host + ":" + port + "/" + finalPath;
    ClientSession session = connect(target);
    try {
      try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
        if (subdirectory != null) {
          makeDirectory(sftp, directory);
        }
        return upload(sftp, finalPath, content, target);
      }
    } catch (IOException e) {
      throw new FeedException(target, "upload failed: " + e.getMessage(), e);
    } finally {
      session.close(true);
    }
  }

  /** Connects and logs in, telling an unreachable server, a refused host key and a refused login apart. */
  private ClientSession connect(String target) {
    ClientSession session;
    try {
      session = client.connect(username, host, port).verify(timeout).getSession();
    } catch (IOException e) {
      throw new SftpException(target, SftpException.Reason.UNREACHABLE, null, "cannot reach the SFTP server ("
          + describe(e) + "): check the host, the port and the network", e);
    }
    try {
      if (password != null) {
        session.addPasswordIdentity(password);
      } else {
        session.addPublicKeyIdentity(keyPair);
      }
      AuthFuture auth = session.auth();
      boolean done = auth.await(timeout);
      afterLogin.accept(session);
      RefusedKey refused = refusals.remove(session);
      if (refused != null) {
        throw refusedKey(target, refused, auth.getException());
      }
      if (!done) {
        throw new SftpException(target, SftpException.Reason.UNREACHABLE, null,
            "the SFTP server did not finish the login within " + timeout.toSeconds() + " s: check the network", null);
      }
      if (!auth.isSuccess()) {
        throw new SftpException(target, SftpException.Reason.AUTHENTICATION_REFUSED, null, "the SFTP server refused the login of "
            + username + " (" + (password != null ? "password" : "key " + fingerprint(keyPair.getPublic()))
            + "): check the user and its password or key", auth.getException());
      }
      return session;
    } catch (IOException | RuntimeException e) {
      session.close(true);
      RefusedKey refused = refusals.remove(session);
      if (refused != null && !(e instanceof SftpException)) {
        throw refusedKey(target, refused, e);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new SftpException(target, SftpException.Reason.UNREACHABLE, null, "the connection to the SFTP server broke during"
          + " the login (" + describe(e) + "): check the network", e);
    }
  }

  private SftpException refusedKey(String target, RefusedKey refused, Throwable cause) {
    String where = "[" + host + "]:" + port + " in " + knownHosts;
    return refused.reason() == SftpException.Reason.HOST_KEY_CHANGED
        ? new SftpException(target, refused.reason(), refused.fingerprint(), "the SFTP server's host key changed: it showed "
            + refused.fingerprint() + ", not the key listed for " + where + "; connection refused. Ask the provider whether"
            + " the key really changed before replacing the line", cause)
        : new SftpException(target, refused.reason(), refused.fingerprint(), "the SFTP server's host key " + refused.fingerprint()
            + " is unknown: no key is listed for " + where + "; connection refused. Check the fingerprint with the"
            + " provider, then add the key", cause);
  }

  private static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.NoRouteToHostException) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void makeDirectory(SftpClient sftp, String directory) throws IOException {
    try {
      sftp.stat(directory);
    } catch (IOException missing) {
      sftp.mkdir(directory);
    }
  }

  /**
   * Checks host keys against the known-hosts file and records, per session, why one was refused,
   * with the fingerprint of the key the server showed; recorded before the refusal closes the session.
   */
  private static final class RecordingVerifier extends KnownHostsServerKeyVerifier {

    private final Map<ClientSession, RefusedKey> refusals;

    RecordingVerifier(Path knownHosts, Map<ClientSession, RefusedKey> refusals) {
      super(RejectAllServerKeyVerifier.INSTANCE, knownHosts);
      this.refusals = refusals;
    }

    @Override
    protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey serverKey) {
      refusals.put(session, new RefusedKey(SftpException.Reason.HOST_KEY_UNKNOWN, KeyUtils.getFingerPrint(serverKey)));
      return false;
    }

    @Override
    public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
        PublicKey expected, PublicKey actual) {
      refusals.put(session, new RefusedKey(SftpException.Reason.HOST_KEY_CHANGED, KeyUtils.getFingerPrint(actual)));
      return false;
    }
  }

  private static FeedReport upload(SftpClient sftp, String finalPath, FeedContent content, String target)
      throws IOException {
    int slash = finalPath.lastIndexOf('/');
    String temporary = finalPath.substring(0, slash + 1) + "." + finalPath.substring(slash + 1)
        + "." + UUID.randomUUID() + ".part";
    try {
      FeedReport report;
      try (OutputStream out = new BufferedOutputStream(sftp.write(temporary), 1 << 16)) {
        report = content.writeTo(out);
      }
      OpenSSHPosixRenameExtension posixRename = sftp.getExtension(OpenSSHPosixRenameExtension.class);
      if (posixRename != null && posixRename.isSupported()) {
        posixRename.posixRename(temporary, finalPath);
      } else {
        sftp.rename(temporary, finalPath);
      }
      return report;
    } catch (IOException | RuntimeException e) {
      try {
        sftp.remove(temporary);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      if (e instanceof FeedException || e instanceof UncheckedIOException) {
        throw new FeedException(target, "upload failed: " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /** Stops the SSH client. */
  @Override
  public void close() {
    client.stop();
  }

  @Override
  public String toString() {
    return "SftpUploader[" + username + "@" + host + ":" + port + "/" + remoteDirectory
        + ", auth=" + (password != null ? "password <redacted>" : "key " + fingerprint(keyPair.getPublic()))
        + ", knownHosts=" + knownHosts + "]";
  }

  private static String fingerprint(PublicKey key) {
    return KeyUtils.getFingerPrint(key);
  }

  /** Configures an {@link SftpUploader}. Not thread-safe. */
  public static final class Builder {

    private final String host;
    private final int port;
    private final String username;
    private final Path knownHosts;
    private String password;
    private KeyPair keyPair;
    private String remoteDirectory = ".";
    private Duration timeout = Duration.ofSeconds(30);
    private Consumer<ClientSession> afterLogin = session -> { };

    private Builder(String host, int port, String username, Path knownHosts) {
      this.host = Fields.notBlank("host", host);
      if (port < 1 || port > 65535) {
        throw new InvalidValueException("port", port, "must be within 1..65535");
      }
      this.port = port;
      this.username = Fields.notBlank("username", username);
      this.knownHosts = Fields.notNull("knownHosts", knownHosts);
    }

    /**
     * Logs in with a password (and not with a key pair).
     *
     * @param password the password
     * @return this builder
     * @throws InvalidValueException if the password is blank; the message never holds it
     */
    public Builder password(String password) {
      if (password == null || password.isBlank()) {
        throw new InvalidValueException("password", "<redacted>", "must not be blank");
      }
      this.password = password;
      this.keyPair = null;
      return this;
    }

    /**
     * Logs in with a key pair (and not with a password).
     *
     * @param keyPair the client's key pair
     * @return this builder
     * @throws InvalidValueException if the key pair is null
     */
    public Builder keyPair(KeyPair keyPair) {
      this.keyPair = Fields.notNull("keyPair", keyPair);
      this.password = null;
      return this;
    }

    /**
     * Sets the remote directory files are uploaded to.
     *
     * @param remoteDirectory the directory, absolute or relative to the login directory; default
     *     {@code "."}
     * @return this builder
     * @throws InvalidValueException if the directory is blank
     */
    public Builder remoteDirectory(String remoteDirectory) {
      String directory = Fields.notBlank("remoteDirectory", remoteDirectory);
      this.remoteDirectory = directory.length() > 1 && directory.endsWith("/")
          ? directory.substring(0, directory.length() - 1) : directory;
      return this;
    }

    /**
     * Sets how long connecting and logging in may each take.
     *
     * @param timeout the limit; default 30 seconds
     * @return this builder
     * @throws InvalidValueException if the timeout is null, zero or negative
     */
    public Builder timeout(Duration timeout) {
      if (Fields.notNull("timeout", timeout).isNegative() || timeout.isZero()) {
        throw new InvalidValueException("timeout", timeout, "must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** A seam for tests: runs once the login's outcome is known, before it is read. */
    Builder afterLogin(Consumer<ClientSession> hook) {
      this.afterLogin = Fields.notNull("afterLogin", hook);
      return this;
    }

    /**
     * Starts the SSH client.
     *
     * @return the uploader
     * @throws InvalidValueException if neither a password nor a key pair was set, or the known
     *     hosts file does not exist
     */
    public SftpUploader build() {
      if (password == null && keyPair == null) {
        throw new InvalidValueException("credentials", username, "need a password or a key pair");
      }
      if (!Files.isRegularFile(knownHosts)) {
        throw new InvalidValueException("knownHosts", knownHosts, "must be an existing known_hosts file");
      }
      return new SftpUploader(this);
    }
  }
}
