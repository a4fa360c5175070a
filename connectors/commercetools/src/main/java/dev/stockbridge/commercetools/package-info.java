/**
 * The commercetools connector (not built yet): a storefront stock adapter that applies movements
 * as relative {@code addQuantity}/{@code removeQuantity} with compare-and-set on the entry version,
 * an incremental order feed, a catalogue reader and supply-channel resolution, all on
 * commercetools-sdk-java-v2. It will pass the same storefront contract test as core's in-memory
 * adapter.
 */
package dev.stockbridge.commercetools;
