package dev.stockbridge.planner.feed;

import dev.stockbridge.Sku;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.VariantId;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/**
 * Writes the variant-component file, {@link AdvancedFile#VARIANT_COMPONENT}, from the bundle
 * catalogue; every column rule is from help article 10803221 ("Variant component data file
 * specification"):
 *
 * <ul>
 *   <li>{@code VARIANT_ID} (required): "the VARIANT_ID of the bundle or assembly parent";
 *   <li>{@code COMPONENT_VARIANT_ID} (required): the component's variant; nested bundles are
 *       flattened to their physical components, which the article wants as simple variants;
 *   <li>{@code QUANTITY} (required): "how many units of this component are used in the bundle";
 *   <li>{@code REMOVED}, {@code UPDATED_AT} (required).
 * </ul>
 *
 * <p>A bundle with an unmapped SKU, or any unmapped component, is held back whole: a bundle
 * declared with some of its components would under-count the others' demand. When bundles are
 * exploded ({@link BundleMode#COMPONENTS}) nothing is declared and the file holds only its
 * header. Stateless.
 */
final class VariantComponentFile {

  private VariantComponentFile() {}

  static FeedReport write(CatalogueMapping mapping, Explosion bundles, HeldRows held, Instant updatedAt, OutputStream out) {
    AdvancedFile type = AdvancedFile.VARIANT_COMPONENT;
    CsvRows csv = new CsvRows(type.entity(), out, type.columns());
    Problems problems = new Problems(type.entity(), held);
    long read = 0;
    for (Sku bundle : bundles.bundles().bundles()) {
      if (!bundles.declaredBundle(bundle)) {
        continue;
      }
      read++;
      Map<Sku, Long> components = bundles.bundles().components(bundle);
      boolean mapped = true;
      Lookup<VariantId> parent = mapping.variant(bundle);
      if (parent instanceof Lookup.Unmapped<VariantId> unmapped) {
        problems.add(unmapped, bundle.value());
        mapped = false;
      }
      for (Sku component : components.keySet()) {
        if (mapping.variant(component) instanceof Lookup.Unmapped<VariantId> unmapped) {
          problems.add(unmapped, bundle.value());
          mapped = false;
        }
      }
      if (!mapped) {
        continue;
      }
      components.forEach((component, quantity) ->
          csv.text(parent.orElseThrow().value()).text(mapping.variant(component).orElseThrow().value())
              .number(quantity).flag(false).instant(updatedAt)
              .end());
    }
    csv.finish();
    return new FeedReport(read, csv.rows(), problems.report());
  }
}
