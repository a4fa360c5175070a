/**
 * The Inventory Planner connector's REST side. Entry point: {@link
 * dev.stockbridge.planner.PlannerClient}, built from a {@link dev.stockbridge.planner.PlannerConfig},
 * reads variants with their per-warehouse planning figures, warehouses, purchase orders and vendors
 * (lazy, paged from page 0, throttled per account, retried where safe, errors as {@link
 * dev.stockbridge.planner.PlannerApiException}).
 *
 * <p>What the reads mean for the storefront: {@link dev.stockbridge.planner.SupplySignals} turns
 * them into expected delivery, restockable days and safety stock ({@link
 * dev.stockbridge.planner.SupplyReport}, pushed with the engine's {@code setSupply}) and forecasts;
 * {@link dev.stockbridge.planner.ReceiptTracker} turns received quantities into RECEIPT movements,
 * into INSPECTION or AVAILABLE by policy; {@link dev.stockbridge.inspection.InspectionOutcome} later
 * makes inspected units sellable. Purchase order changes arrive through {@link
 * dev.stockbridge.planner.PurchaseOrderWebhook} (mounted by the host or run in a {@link
 * dev.stockbridge.planner.WebhookServer}), with {@link dev.stockbridge.planner.PurchaseOrderPoller}
 * as the fallback. Hosts choose which state receipts enter ({@link
 * dev.stockbridge.planner.ReceiptPolicy}) and who hears of unmapped variants and warehouses ({@link
 * dev.stockbridge.planner.UnmappedListener}); received quantities are remembered in core's {@link
 * dev.stockbridge.flow.ReceiptLedger}.
 *
 * <p>Inventory Planner's API is beta, and some of its shapes are unverified: the warehouses list,
 * a purchase order item's {@code received}, the write format of {@code expected_date}, the webhook
 * subscription body and payload. Every one of them lives in {@code
 * dev.stockbridge.planner.Wire}, to be corrected there. Demand reaches Inventory Planner
 * through CSV feeds, built in {@code dev.stockbridge.planner.feed}.
 */
package dev.stockbridge.planner;
