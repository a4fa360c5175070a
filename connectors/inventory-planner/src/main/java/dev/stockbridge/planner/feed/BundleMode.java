package dev.stockbridge.planner.feed;

/**
 * How the feeds present bundles to the planner. Lines of SKUs that are not bundles are written as
 * they are in every mode. There is no mode that sends both bundle and component demand: a planner
 * that knows the bundle credits its sales to the components, so the units would count twice.
 */
public enum BundleMode {
  /**
   * The default: bundles are declared, not exploded. The Advanced variant file gives each bundle
   * {@code TYPE=bundle} and the variant-component file its components; a bundle sold is one
   * bundle row, which the planner attributes to the components itself (variant-component article
   * 10803221). The Starter files, which cannot declare bundles, list the bundle as a product and
   * its sales as bundle rows, for a planner with the bundle set up by hand.
   */
  BUNDLES,
  /**
   * Bundles are exploded: a bundle sold is one row per physical component (the bundle's quantity
   * times the component's quantity per bundle, the price spread over the units), and the bundle
   * itself is left out of the product, variant, component and stock files, so the planner never
   * sees a bundle with stock but no demand. For setups whose planner cannot hold bundles.
   */
  COMPONENTS
}
