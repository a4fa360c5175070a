/**
 * The flows between the systems, framework-free: order intake ({@link
 * dev.stockbridge.flow.OrderFlow}: orders into the engine and the demand store, then the source's
 * checkpoint), supply ({@link dev.stockbridge.flow.SupplyFlow}), reconciliation ({@link
 * dev.stockbridge.flow.ReconcileFlow}) and feed generation and publishing ({@link
 * dev.stockbridge.flow.FeedFlow}), with the ports the connectors implement ({@link
 * dev.stockbridge.flow.OrderSource}, {@link dev.stockbridge.flow.SupplySource}, {@link
 * dev.stockbridge.flow.StockCountSource}, {@link dev.stockbridge.flow.CatalogueSource}, {@link
 * dev.stockbridge.flow.FeedPublisher}) and the small durable stores the flows keep ({@link
 * dev.stockbridge.flow.OrderQuarantine}, {@link dev.stockbridge.flow.Checkpoints}, and the {@link
 * dev.stockbridge.flow.ReceiptLedger} of quantities already received against purchase orders). A
 * host wires connectors into the flows and runs them with {@link
 * dev.stockbridge.runtime.Stockbridge}, or on its own schedule.
 */
package dev.stockbridge.flow;
