/**
 * The flows between the systems, framework-free: order intake (orders into the engine and the
 * demand store, then the source's checkpoint), with the ports the connectors implement ({@link
 * dev.stockbridge.flow.OrderSource}) and the small durable stores the flows keep ({@link
 * dev.stockbridge.flow.OrderQuarantine}, {@link dev.stockbridge.flow.Checkpoints}, and the {@link
 * dev.stockbridge.flow.ReceiptLedger} of quantities already received against purchase orders). A host wires
 * connectors into a flow and runs it on its own schedule, or lets the runner do it.
 */
package dev.stockbridge.flow;
