package dev.stockbridge.planner.feed;

/**
 * Which rows a sales-order feed writes for a bundle sold. Lines of SKUs that are not bundles are
 * written as they are in every mode.
 */
public enum BundleMode {
  /**
   * One row per physical component, with the bundle's quantity times the component's quantity per
   * bundle: the planner forecasts the stock that actually moves. The default.
   */
  COMPONENTS,
  /** One row for the bundle as sold, for a planner that knows the bundle and credits components itself. */
  BUNDLES,
  /** Both the bundle row and its component rows. */
  BOTH
}
