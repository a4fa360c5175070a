/**
 * Storefront adapters that ship with core: {@link dev.stockbridge.storefront.InMemoryStorefront},
 * the embedded default and the reference for the storefront contract.
 */
package dev.stockbridge.storefront;
