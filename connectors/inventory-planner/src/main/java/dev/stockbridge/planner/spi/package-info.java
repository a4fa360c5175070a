/**
 * Extension points of the Inventory Planner connector: where received quantities are remembered
 * ({@link dev.stockbridge.planner.spi.ReceiptLedger}), which state receipts enter ({@link
 * dev.stockbridge.planner.spi.ReceiptPolicy}) and who hears about unmapped variants and warehouses
 * ({@link dev.stockbridge.planner.spi.UnmappedListener}).
 */
package dev.stockbridge.planner.spi;
