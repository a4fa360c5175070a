/**
 * Bundles: {@link dev.stockbridge.bundle.BundleCatalogue} maps each bundle SKU to its flattened
 * physical components, expands a bundle's movements into component movements, derives a bundle's
 * available-to-sell from its components, and says which bundles to recompute when a component
 * changes. A catalogue whose bundles contain themselves is refused with a {@link
 * dev.stockbridge.bundle.BundleCycleException}.
 */
package dev.stockbridge.bundle;
