/**
 * Extension points that adapters implement: {@link dev.stockbridge.spi.StorefrontStock} (the
 * storefront's entries, read in batches and updated with compare-and-set) and {@link
 * dev.stockbridge.spi.MovementJournal} (the durable record of accepted movements) and {@link
 * dev.stockbridge.spi.OrderLedgerStore} (what each order line sold and had back). Core's
 * in-memory and file adapters are the embedded default; connectors add the real platforms.
 */
package dev.stockbridge.spi;
