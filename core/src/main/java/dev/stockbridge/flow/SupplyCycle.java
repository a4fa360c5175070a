package dev.stockbridge.flow;

/**
 * What one run of {@link SupplyFlow} did. Immutable.
 *
 * @param keys keys the read covered
 * @param updated keys whose supply fields changed and were handed to the engine
 * @param movements movements the engine accepted (receipts)
 * @param note the source's own summary
 */
public record SupplyCycle(int keys, int updated, long movements, String note) {}
