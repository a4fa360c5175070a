package dev.stockbridge.planner.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads to Apache MINA SSHD's SFTP subsystem running in-process on 127.0.0.1. */
class SftpUploaderTest {

  private static final String USER = "planner";
  private static final String PASSWORD = "s3cret-pw";

  @TempDir Path root;
  @TempDir Path local;

  private SshServer server;
  private Path inbox;
  private PublicKey hostKey;

  @BeforeEach
  void startServer() throws Exception {
    inbox = Files.createDirectories(root.resolve("inbox"));
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider();
    keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
    server.setKeyPairProvider(keys);
    server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    server.setFileSystemFactory(new VirtualFileSystemFactory(root));
    server.start();
    hostKey = keys.loadKeys(null).iterator().next().getPublic();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.stop(true);
  }

  private Path knownHosts(PublicKey key) throws IOException {
    return Files.writeString(local.resolve("known_hosts"),
        "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(key) + "\n");
  }

  private SftpUploader uploader(Path knownHosts) {
    return SftpUploader.builder("127.0.0.1", server.getPort(), USER, knownHosts)
        .password(PASSWORD)
        .remoteDirectory("/inbox")
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  private List<String> inboxFiles() throws IOException {
    try (Stream<Path> files = Files.list(inbox)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void shouldUploadUnderTheFinalNameOnly_whenTheHostKeyIsKnown() throws IOException {
    try (SftpUploader uploader = uploader(knownHosts(hostKey))) {
      FeedReport report = uploader.upload("sales.csv", FeedFixtures.content("ORDER_ID\nl-1\n", 1));

      assertThat(report.rowsWritten()).isEqualTo(1);
    }
    assertThat(inboxFiles()).containsExactly("sales.csv");
    assertThat(inbox.resolve("sales.csv")).hasContent("ORDER_ID\nl-1\n");
  }

  @Test
  void shouldReplaceTheFile_whenUploadedAgain() throws IOException {
    try (SftpUploader uploader = uploader(knownHosts(hostKey))) {
      uploader.upload("stock.csv", FeedFixtures.content("first, longer content\n", 1));
      uploader.upload("stock.csv", FeedFixtures.content("second\n", 1));
    }
    assertThat(inboxFiles()).containsExactly("stock.csv");
    assertThat(inbox.resolve("stock.csv")).hasContent("second\n");
  }

  @Test
  void shouldRefuseTheServer_whenItsHostKeyIsNotTheListedOne() throws Exception {
    KeyPair other = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
    try (SftpUploader uploader = uploader(knownHosts(other.getPublic()))) {
      assertThatThrownBy(() -> uploader.upload("sales.csv", FeedFixtures.content("x\n", 1)))
          .isInstanceOfSatisfying(SftpException.class, e -> {
            assertThat(e.reason()).isEqualTo(SftpException.Reason.HOST_KEY_CHANGED);
            assertThat(e.fingerprint()).contains(KeyUtils.getFingerPrint(hostKey));
          })
          .hasMessageContaining("host key changed: it showed " + KeyUtils.getFingerPrint(hostKey))
          .hasMessageContaining("connection refused")
          .hasMessageNotContaining(PASSWORD);
    }
    assertThat(inboxFiles()).isEmpty();
  }

  @Test
  void shouldRefuseTheServer_whenTheHostIsNotListed() throws Exception {
    Path empty = Files.writeString(local.resolve("empty_known_hosts"), "");
    try (SftpUploader uploader = uploader(empty)) {
      assertThatThrownBy(() -> uploader.upload("sales.csv", FeedFixtures.content("x\n", 1)))
          .isInstanceOfSatisfying(SftpException.class, e -> {
            assertThat(e.reason()).isEqualTo(SftpException.Reason.HOST_KEY_UNKNOWN);
            assertThat(e.fingerprint()).contains(KeyUtils.getFingerPrint(hostKey));
          })
          .hasMessageContaining("host key " + KeyUtils.getFingerPrint(hostKey) + " is unknown");
    }
    assertThat(inboxFiles()).isEmpty();
  }

  /**
   * Regression: a refused host key was reported as a refused login (AUTHENTICATION_REFUSED) when the
   * session, closed by the refusal, finished closing and cleared its attributes, where the refusal
   * was kept, before the uploader read the login's outcome. The seam waits for that close.
   */
  @Test
  void shouldRefuseTheServer_whenTheSessionHasFinishedClosingBeforeTheOutcomeIsRead() throws Exception {
    Path empty = Files.writeString(local.resolve("empty_known_hosts"), "");
    SftpUploader.Builder builder = SftpUploader.builder("127.0.0.1", server.getPort(), USER, empty)
        .password(PASSWORD)
        .remoteDirectory("/inbox")
        .timeout(Duration.ofSeconds(10))
        .afterLogin(session -> {
          CountDownLatch closed = new CountDownLatch(1);
          session.addCloseFutureListener(future -> closed.countDown());
          try {
            assertThat(closed.await(10, TimeUnit.SECONDS)).as("the refusal closed the session").isTrue();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          }
        });
    try (SftpUploader uploader = builder.build()) {
      assertThatThrownBy(() -> uploader.upload("sales.csv", FeedFixtures.content("x\n", 1)))
          .isInstanceOfSatisfying(SftpException.class, e -> {
            assertThat(e.reason()).isEqualTo(SftpException.Reason.HOST_KEY_UNKNOWN);
            assertThat(e.fingerprint()).contains(KeyUtils.getFingerPrint(hostKey));
          });
    }
    assertThat(inboxFiles()).isEmpty();
  }

  @Test
  void shouldLeaveNoFileAtAll_whenTheContentFailsHalfway() throws IOException {
    try (SftpUploader uploader = uploader(knownHosts(hostKey))) {
      FeedContent failing = out -> {
        try {
          out.write(new byte[200_000]);
          out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        throw new FeedException("test", "demand store went away", null);
      };

      assertThatThrownBy(() -> uploader.upload("sales.csv", failing))
          .isInstanceOf(FeedException.class)
          .hasMessageContaining("demand store went away");
    }
    assertThat(inboxFiles()).isEmpty();
  }

  @Test
  void shouldLeaveTheFinalNameUntouched_whenTheConnectionDropsMidUpload() throws IOException {
    Files.writeString(inbox.resolve("sales.csv"), "previous complete file\n");
    try (SftpUploader uploader = uploader(knownHosts(hostKey))) {
      FeedContent cut = out -> {
        try {
          out.write(new byte[100_000]);
          out.flush();
          server.stop(true); // the network goes away mid-file
          for (int i = 0; i < 100; i++) {
            out.write(new byte[100_000]);
            out.flush();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return new FeedReport(0, 0, List.of());
      };

      assertThatThrownBy(() -> uploader.upload("sales.csv", cut)).isInstanceOf(FeedException.class);
    }
    assertThat(inbox.resolve("sales.csv")).hasContent("previous complete file\n");
    assertThat(inboxFiles()).allMatch(name -> name.equals("sales.csv") || name.endsWith(".part"));
  }

  @Test
  void shouldFailWithoutTheSecret_whenThePasswordIsWrong() throws IOException {
    try (SftpUploader uploader = SftpUploader.builder("127.0.0.1", server.getPort(), USER, knownHosts(hostKey))
        .password("wrong-password").remoteDirectory("/inbox").timeout(Duration.ofSeconds(10)).build()) {
      assertThatThrownBy(() -> uploader.upload("sales.csv", FeedFixtures.content("x\n", 1)))
          .isInstanceOfSatisfying(SftpException.class,
              e -> assertThat(e.reason()).isEqualTo(SftpException.Reason.AUTHENTICATION_REFUSED))
          .hasMessageContaining("refused the login of " + USER)
          .hasMessageNotContaining("wrong-password");
      assertThat(uploader.toString()).doesNotContain("wrong-password").contains("<redacted>");
    }
    assertThat(inboxFiles()).isEmpty();
  }

  @Test
  void shouldSayTheServerIsUnreachable_whenNothingListensOnThePort() throws IOException {
    Path knownHosts = knownHosts(hostKey);
    int port = server.getPort();
    server.stop(true);
    try (SftpUploader uploader = SftpUploader.builder("127.0.0.1", port, USER, knownHosts)
        .password(PASSWORD).timeout(Duration.ofSeconds(5)).build()) {
      assertThatThrownBy(() -> uploader.upload("sales.csv", FeedFixtures.content("x\n", 1)))
          .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.reason()).isEqualTo(SftpException.Reason.UNREACHABLE))
          .hasMessageContaining("cannot reach the SFTP server (ConnectException");
    }
  }

  @Test
  void shouldCreateTheSubdirectory_whenUploadingIntoOne() throws IOException {
    try (SftpUploader uploader = uploader(knownHosts(hostKey))) {
      uploader.upload("variants", "v1.csv", FeedFixtures.content("VARIANT_ID\n", 0));
      uploader.upload("variants", "v2.csv", FeedFixtures.content("VARIANT_ID\n", 0));
    }
    try (Stream<Path> files = Files.list(inbox.resolve("variants"))) {
      assertThat(files.map(file -> file.getFileName().toString()).sorted()).containsExactly("v1.csv", "v2.csv");
    }
  }

  @Test
  void shouldRefuseToBuild_whenTheKnownHostsFileIsMissing() {
    assertThatThrownBy(() -> uploader(local.resolve("missing")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("known_hosts");
  }
}
