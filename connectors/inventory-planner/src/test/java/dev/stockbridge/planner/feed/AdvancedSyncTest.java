package dev.stockbridge.planner.feed;

import static dev.stockbridge.planner.feed.FeedFixtures.T0;
import static dev.stockbridge.planner.feed.FeedFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Channel;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.mapping.CatalogueMapping;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import dev.stockbridge.simulation.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
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

/** The Advanced sync end to end, against Apache MINA SSHD's SFTP server in-process on 127.0.0.1. */
class AdvancedSyncTest {

  private static final String USER = "planner";
  private static final String PASSWORD = "s3cret-pw";
  private static final CatalogueMapping MAPPING = FeedFixtures.mapping(
      Map.of("MUG", "c1_10", "CUP", "c1_11", "KIT", "c1_90"), Map.of("london-dc", "c1_wh1"));
  private static final BundleCatalogue BUNDLES = BundleCatalogue.builder().component(Sku.of("KIT"), Sku.of("CUP"), 2).build();
  private static final Location DC = Location.of("london-dc");

  @TempDir Path root;
  @TempDir Path local;

  private SshServer server;
  private SftpUploader uploader;
  private final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));
  private final Rows source = new Rows();
  private final List<String> uploads = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(root.resolve("inbox"));
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
    PublicKey hostKey = keys.loadKeys(null).iterator().next().getPublic();
    Path knownHosts = Files.writeString(local.resolve("known_hosts"),
        "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey) + "\n");
    uploader = SftpUploader.builder("127.0.0.1", server.getPort(), USER, knownHosts)
        .password(PASSWORD).remoteDirectory("/inbox").timeout(Duration.ofSeconds(10)).build();
  }

  @AfterEach
  void stop() throws IOException {
    uploader.close();
    server.stop(true);
  }

  private AdvancedSync sync() {
    return sync(MAPPING);
  }

  private AdvancedSync sync(CatalogueMapping mapping) {
    AdvancedFeeds feeds = AdvancedFeeds.builder(mapping).bundles(BUNDLES, BundleMode.BUNDLES).build();
    AdvancedSync.Transport recording = (directory, name, content) -> {
      uploads.add(directory + "/" + name);
      return uploader.upload(directory, name, content);
    };
    return AdvancedSync.builder(feeds, recording, local.resolve("state")).clock(clock).build();
  }

  @Test
  void shouldSendTheFullSetThenOnlyWhatChanged_inDependencyOrderUnderUniqueNames() throws IOException {
    source.warehouses.add(new FeedWarehouse(DC, "London", Optional.of("EUR"), false, T0));
    source.vendors.add(new FeedVendor("acme", "Acme", "EUR", false, T0));
    source.variants.add(variant("MUG", T0));
    source.variants.add(variant("CUP", T0));
    source.variants.add(variant("KIT", T0));
    source.links.add(new VariantVendor(Sku.of("MUG"), "acme", Optional.of(new BigDecimal("2.1")), "EUR",
        Optional.of("AC-1"), java.util.OptionalLong.empty(), false, T0));
    source.stock.add(VariantStock.of(Sku.of("MUG"), DC, 5, false, T0));
    source.demand.add(sale("o1", "l1", "MUG", 2, T0));

    AdvancedSync.Result first = sync().run(source);

    assertThat(first.initial()).isTrue();
    assertThat(first.files()).extracting(AdvancedSync.Uploaded::type).containsExactly(AdvancedFile.values());
    // Sortable names: the upload order is the order of the names, whatever the subdirectory.
    assertThat(uploads).hasSize(7).extracting(upload -> upload.substring(upload.indexOf('/') + 1)).isSorted();
    assertThat(uploads.get(0)).isEqualTo("warehouses/20240302T101530000Z-r000001-1-warehouses.csv");
    assertThat(uploads.get(6)).isEqualTo("sales-orders/20240302T101530000Z-r000001-7-sales-orders.csv");
    assertThat(remote("variants", uploads.get(2))).extracting(row -> row.get(1) + " " + row.get(9))
        .containsExactly("SKU TYPE", "MUG simple", "CUP simple", "KIT bundle");
    assertThat(remote("variant-components", uploads.get(3)))
        .containsExactly(AdvancedFile.VARIANT_COMPONENT.columns(), List.of("c1_90", "c1_11", "2", "false", "2024-03-02T10:15:30Z"));

    // An hour later: one new sale, its order's cancellation of an earlier line, and a stock change.
    Instant later = T0.plus(Duration.ofHours(1));
    clock.advance(Duration.ofHours(1));
    source.demand.add(sale("o2", "l1", "CUP", 1, later));
    source.demand.add(new DemandLine("cancel/o1/l1", DemandKind.CANCELLATION, "o1", Optional.of("#o1"), "l1", Sku.of("MUG"), 2,
        new BigDecimal("9.99"), BigDecimal.ZERO, "EUR", List.of(), DC, Optional.of(Channel.of("web")), Optional.empty(),
        Optional.empty(), Optional.empty(), later, later, Map.of()));
    source.stock.add(VariantStock.of(Sku.of("MUG"), DC, 3, false, later));
    uploads.clear();

    AdvancedSync.Result second = sync().run(source);

    assertThat(second.initial()).isFalse();
    assertThat(second.files()).extracting(AdvancedSync.Uploaded::type)
        .containsExactly(AdvancedFile.VARIANT_WAREHOUSE, AdvancedFile.SALES_ORDER);
    assertThat(uploads).containsExactly(
        "variant-warehouses/20240302T111530000Z-r000002-6-variant-warehouses.csv",
        "sales-orders/20240302T111530000Z-r000002-7-sales-orders.csv");
    assertThat(remote("sales-orders", uploads.get(1))).extracting(row -> row.get(0) + " " + row.get(5) + " " + row.get(14))
        .containsExactly("ORDER_ID QUANTITY CANCELLED", "o2/l1 1 false", "o1/l1 2 true");
    try (Stream<Path> files = Files.list(root.resolve("inbox/sales-orders"))) {
      assertThat(files.map(file -> file.getFileName().toString()).sorted())
          .containsExactly("20240302T101530000Z-r000001-7-sales-orders.csv", "20240302T111530000Z-r000002-7-sales-orders.csv");
    }
    try (Stream<Path> outbox = Files.list(local.resolve("state/outbox"))) {
      assertThat(outbox).isEmpty();
    }

    // Nothing changed: nothing goes up, and the names of the next change are new ones.
    uploads.clear();
    assertThat(sync().run(source).files()).isEmpty();
    assertThat(uploads).isEmpty();
  }

  @Test
  void shouldSendAHeldSaleOnce_whenItsMappingArrives_thoughTheWatermarkPassedIt() throws IOException {
    source.warehouses.add(new FeedWarehouse(DC, "London", Optional.of("EUR"), false, T0));
    source.vendors.add(new FeedVendor("acme", "Acme", "EUR", false, T0));
    source.variants.add(variant("MUG", T0));
    source.demand.add(sale("o1", "l1", "MUG", 2, T0));
    source.demand.add(sale("o9", "l1", "TEA", 4, T0));

    sync().run(source);
    String firstSales = uploads.get(uploads.size() - 1);
    assertThat(remote("sales-orders", firstSales)).extracting(row -> row.get(0)).containsExactly("ORDER_ID", "o1/l1");

    CatalogueMapping withTea = FeedFixtures.mapping(Map.of("MUG", "c1_10", "CUP", "c1_11", "KIT", "c1_90", "TEA", "c1_12"), Map.of("london-dc", "c1_wh1"));
    clock.advance(Duration.ofHours(1));
    uploads.clear();
    AdvancedSync.Result mapped = sync(withTea).run(source);

    assertThat(mapped.files()).extracting(AdvancedSync.Uploaded::type).contains(AdvancedFile.SALES_ORDER);
    String secondSales = uploads.get(uploads.size() - 1);
    assertThat(remote("sales-orders", secondSales)).extracting(row -> row.get(0) + " " + row.get(5))
        .as("the held sale, older than the watermark, goes up once its SKU is mapped").containsExactly("ORDER_ID QUANTITY", "o9/l1 4");

    clock.advance(Duration.ofHours(1));
    uploads.clear();
    AdvancedSync.Result again = sync(withTea).run(source);

    assertThat(again.files()).as("sent once: nothing goes up again").isEmpty();
  }

  @Test
  void shouldUploadNothing_whenTheInitialSetHasNoVendor() {
    source.warehouses.add(new FeedWarehouse(DC, "London", Optional.empty(), false, T0));

    assertThatThrownBy(() -> sync().run(source))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("the initial sync needs at least one vendor");
    assertThat(uploads).isEmpty();
  }

  private List<List<String>> remote(String directory, String upload) throws IOException {
    return parse(Files.readAllBytes(root.resolve("inbox").resolve(upload)));
  }

  private static FeedVariant variant(String sku, Instant at) {
    return new FeedVariant(Sku.of(sku), sku, Optional.empty(), "p-" + sku, new BigDecimal("9.99"), "EUR", at, at, false);
  }

  private static DemandLine sale(String order, String line, String sku, long quantity, Instant at) {
    return new DemandLine("order/" + order + "/" + line, DemandKind.SALE, order, Optional.of("#" + order), line, Sku.of(sku),
        quantity, new BigDecimal("9.99"), BigDecimal.ZERO, "EUR", List.of(), DC, Optional.of(Channel.of("web")),
        Optional.empty(), Optional.empty(), Optional.empty(), at, at, Map.of());
  }

  /** An in-memory source that hands over everything; the sync drops what is older than asked for. */
  private static final class Rows implements AdvancedSource {
    final List<FeedWarehouse> warehouses = new ArrayList<>();
    final List<FeedVendor> vendors = new ArrayList<>();
    final List<FeedVariant> variants = new ArrayList<>();
    final List<VariantVendor> links = new ArrayList<>();
    final List<VariantStock> stock = new ArrayList<>();
    final List<DemandLine> demand = new ArrayList<>();

    @Override
    public void warehouses(Instant since, Consumer<FeedWarehouse> rows) {
      warehouses.forEach(rows);
    }

    @Override
    public void vendors(Instant since, Consumer<FeedVendor> rows) {
      vendors.forEach(rows);
    }

    @Override
    public void variants(Instant since, Consumer<FeedVariant> rows) {
      variants.forEach(rows);
    }

    @Override
    public void variantVendors(Instant since, Consumer<VariantVendor> rows) {
      links.forEach(rows);
    }

    @Override
    public void stock(Instant since, Consumer<VariantStock> rows) {
      stock.forEach(rows);
    }

    @Override
    public void demand(Instant since, Consumer<DemandLine> rows) {
      demand.forEach(rows);
    }
  }

  /** A clock the test moves; nothing sleeps. */

}
