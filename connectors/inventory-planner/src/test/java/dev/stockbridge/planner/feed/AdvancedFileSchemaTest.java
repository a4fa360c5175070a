package dev.stockbridge.planner.feed;

import static dev.stockbridge.planner.feed.FeedFixtures.T0;
import static dev.stockbridge.planner.feed.FeedFixtures.orderLine;
import static dev.stockbridge.planner.feed.FeedFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.mapping.CatalogueMapping;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each Advanced file type: its writer's header is the declared schema, and a file that differs is refused. */
class AdvancedFileSchemaTest {

  private static final CatalogueMapping MAPPING = FeedFixtures.mapping(
      Map.of("MUG", "c1_10", "KIT", "c1_90"), Map.of("london-dc", "c1_wh1"));
  private static final AdvancedFeeds FEEDS = AdvancedFeeds.builder(MAPPING)
      .bundles(BundleCatalogue.builder().component(Sku.of("KIT"), Sku.of("MUG"), 2).build(), BundleMode.BUNDLES)
      .build();

  @TempDir Path dir;

  /** One file of each type, with one row with a quoted, multi-line cell where the type has text. */
  static FeedContent sample(AdvancedFile type) {
    return switch (type) {
      case WAREHOUSE -> out -> FEEDS.writeWarehouses(
          List.of(new FeedWarehouse(Location.of("london-dc"), "London,\nDC", Optional.empty(), false, T0))::forEach, out);
      case VENDOR -> out -> FEEDS.writeVendors(List.of(new FeedVendor("acme", "Acme \"Ltd\"", "EUR", false, T0))::forEach, out);
      case VARIANT -> out -> FEEDS.writeVariants(List.of(AdvancedFeedsTest.variant("KIT", "9")).stream()
          .map(v -> v)::forEach, out);
      case VARIANT_COMPONENT -> out -> FEEDS.writeVariantComponents(T0, out);
      case VARIANT_VENDOR -> out -> FEEDS.writeVariantVendors(List.of(new VariantVendor(Sku.of("MUG"), "acme",
          Optional.of(BigDecimal.ONE), "EUR", Optional.of("A,1"), OptionalLong.empty(), false, T0))::forEach, out);
      case VARIANT_WAREHOUSE -> out -> FEEDS.writeVariantWarehouses(
          List.of(VariantStock.of(Sku.of("MUG"), Location.of("london-dc"), 3, false, T0))::forEach, out);
      case SALES_ORDER -> out -> FEEDS.writeSalesOrders(
          List.of(orderLine("order/o1/l1", DemandKind.SALE, "o1", "l1", "MUG", 1, "2", "0"))::forEach, out);
    };
  }

  private Path written(AdvancedFile type) throws IOException {
    List<AdvancedFileSet.StagedFile> staged = AdvancedFileSet.create().add(type, sample(type)).stage(dir, T0, 1);
    return staged.get(0).path();
  }

  @ParameterizedTest
  @EnumSource(AdvancedFile.class)
  void shouldWriteExactlyTheDeclaredSchema_forEachFileType(AdvancedFile type) throws IOException {
    Path file = written(type);

    List<List<String>> rows = parse(Files.readAllBytes(file));
    assertThat(rows.get(0)).isEqualTo(type.columns());
    assertThat(rows).hasSize(type == AdvancedFile.VARIANT_COMPONENT ? 2 : 2).allSatisfy(row -> assertThat(row).hasSize(type.columns().size()));
    type.check(file); // passes
  }

  @ParameterizedTest
  @EnumSource(AdvancedFile.class)
  void shouldRefuseTheFileNamingTheColumn_whenAColumnIsAdded(AdvancedFile type) throws IOException {
    Path file = written(type);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    // Append a column the planner does not support: header and every row, so only the header is wrong.
    String widened = lines.stream().map(line -> line + ",x").collect(Collectors.joining("\n", "", "\n"));
    Path bad = Files.writeString(dir.resolve("bad-" + type.entity() + ".csv"),
        widened.replaceFirst(",x\n", ",SHIPPING_TAX\n"), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> type.check(bad))
        .isInstanceOfSatisfying(FeedSchemaException.class, e -> {
          assertThat(e.file()).isEqualTo(bad.toString());
          assertThat(e.column()).isEqualTo("SHIPPING_TAX");
        })
        .hasMessageContaining("unsupported column SHIPPING_TAX");
  }

  @ParameterizedTest
  @EnumSource(AdvancedFile.class)
  void shouldRefuseTheFileNamingTheColumn_whenAColumnIsMissing(AdvancedFile type) throws IOException {
    List<String> columns = type.columns();
    String dropped = columns.get(columns.size() - 1);
    Path bad = Files.writeString(dir.resolve("short-" + type.entity() + ".csv"),
        String.join(",", columns.subList(0, columns.size() - 1)) + "\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> type.check(bad))
        .isInstanceOfSatisfying(FeedSchemaException.class, e -> assertThat(e.column()).isEqualTo(dropped))
        .hasMessageContaining("missing column " + dropped);
  }

  @Test
  void shouldRefuseARowWithTheWrongNumberOfCells_whenTheHeaderIsRight() throws IOException {
    Path bad = Files.writeString(dir.resolve("rows.csv"),
        String.join(",", AdvancedFile.VENDOR.columns()) + "\nacme,\"Acme, \"\"Ltd\"\"\nUK\",EUR,false\n");

    assertThatThrownBy(() -> AdvancedFile.VENDOR.check(bad))
        .isInstanceOf(FeedSchemaException.class)
        .hasMessageContaining("row 1 has 4 cells, the header 5");
  }

  @Test
  void shouldStageNothing_whenOneFileOfTheSetIsRefused() throws IOException {
    FeedContent wrong = FeedFixtures.content("VENDOR_ID,DISPLAY_NAME,CURRENCY,REMOVED,UPDATED_AT,EMAIL\n", 0);
    Path staging = dir.resolve("outbox");

    assertThatThrownBy(() -> AdvancedFileSet.create()
        .add(AdvancedFile.WAREHOUSE, sample(AdvancedFile.WAREHOUSE))
        .add(AdvancedFile.VENDOR, wrong)
        .stage(staging, T0, 7))
        .isInstanceOfSatisfying(FeedSchemaException.class, e -> assertThat(e.column()).isEqualTo("EMAIL"))
        .hasMessageContaining("r000007-2-vendors.csv");
    try (var files = Files.list(staging)) {
      assertThat(files).isEmpty();
    }
  }
}
