package dev.stockbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MappingRoundTripProperties {

  @Property
  void toPlannerThenToStorefront_returnsTheOriginal(@ForAll("mappings") CatalogueMapping mapping) {
    for (Sku sku : mapping.skus().keySet()) {
      for (Map.Entry<SupplyChannel, Location> channel : mapping.supplyChannels().entrySet()) {
        PlannerKey planner = mapping.toPlanner(sku, channel.getKey()).orElseThrow();
        StorefrontKey storefront =
            mapping.toStorefront(planner.variant(), planner.warehouse()).orElseThrow();
        assertThat(storefront.sku()).isEqualTo(sku);
        assertThat(storefront.location()).isEqualTo(channel.getValue());
        assertThat(storefront.supplyChannels()).contains(channel.getKey());
      }
    }
  }

  @Property
  void toStorefrontThenToPlanner_returnsTheOriginal(@ForAll("mappings") CatalogueMapping mapping) {
    for (VariantId variant : mapping.skus().values()) {
      for (WarehouseId warehouse : mapping.warehouses().values()) {
        StorefrontKey storefront = mapping.toStorefront(variant, warehouse).orElseThrow();
        for (SupplyChannel channel : storefront.supplyChannels()) {
          assertThat(mapping.toPlanner(storefront.sku(), channel).orElseThrow())
              .isEqualTo(new PlannerKey(variant, warehouse));
        }
      }
    }
  }

  @Property
  void writingCsvThenLoading_givesAnEqualMapping(@ForAll("mappings") CatalogueMapping mapping) {
    StringWriter skus = new StringWriter();
    StringWriter locations = new StringWriter();
    mapping.writeSkusCsv(skus);
    mapping.writeLocationsCsv(locations);

    CatalogueMapping loaded =
        CatalogueMapping.builder()
            .skusCsv(new StringReader(skus.toString()), "skus.csv")
            .locationsCsv(new StringReader(locations.toString()), "locations.csv")
            .build();

    assertThat(loaded).isEqualTo(mapping);
    assertThat(loaded.skus().keySet()).containsExactlyElementsOf(mapping.skus().keySet());
  }

  @Property
  void writingJsonThenLoading_givesAnEqualMapping(@ForAll("mappings") CatalogueMapping mapping) {
    StringWriter json = new StringWriter();
    mapping.writeJson(json);

    assertThat(CatalogueMapping.builder().json(new StringReader(json.toString()), "m.json").build())
        .isEqualTo(mapping);
  }

  /** Unique SKUs and variants; pools each drawn on by one or more channels, maybe by none(). */
  @Provide
  Arbitrary<CatalogueMapping> mappings() {
    Arbitrary<List<String>> skus = tokens().list().uniqueElements().ofMaxSize(12);
    Arbitrary<List<String>> variants = tokens().list().uniqueElements().ofMinSize(12).ofMaxSize(12);
    Arbitrary<List<String>> pools = tokens().list().uniqueElements().ofMinSize(1).ofMaxSize(4);
    Arbitrary<List<String>> warehouses = tokens().list().uniqueElements().ofMinSize(4).ofMaxSize(4);
    Arbitrary<List<String>> channels =
        tokens().filter(token -> !token.equals(SupplyChannel.NONE_TEXT)).list().uniqueElements()
            .ofMinSize(4).ofMaxSize(8);
    return Combinators.combine(
            skus, variants, pools, warehouses, channels, Arbitraries.of(true, false))
        .as(
            (skuList, variantList, poolList, warehouseList, channelList, withNone) -> {
              CatalogueMapping.Builder builder = CatalogueMapping.builder();
              for (int i = 0; i < skuList.size(); i++) {
                builder.sku(Sku.of(skuList.get(i)), VariantId.of(variantList.get(i)));
              }
              for (int i = 0; i < poolList.size(); i++) {
                builder.warehouse(
                    Location.of(poolList.get(i)), WarehouseId.of(warehouseList.get(i)));
              }
              for (int i = 0; i < channelList.size(); i++) {
                Location pool = Location.of(poolList.get(i % poolList.size()));
                boolean none = withNone && i == 0;
                builder.channel(
                    none ? SupplyChannel.none() : SupplyChannel.of(channelList.get(i)), pool);
              }
              return builder.build();
            });
  }

  /** Non-blank, unpadded text mixing commas, quotes, line breaks and non-ASCII characters. */
  private static Arbitrary<String> tokens() {
    return Arbitraries.of(
            "a", "Z", "7", "-", "_", " ", ",", ";", "\"", "'", "\n", "\r", "\r\n", "*", "#", "é",
            "ß", "漢", "😀", "\\", "{", "}")
        .list()
        .ofMinSize(1)
        .ofMaxSize(8)
        .map(parts -> String.join("", parts))
        .filter(text -> !text.isBlank() && text.equals(text.strip()));
  }
}
