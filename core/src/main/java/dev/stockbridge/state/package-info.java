/**
 * External status names: {@link dev.stockbridge.state.StatusMapping} turns a warehouse's or
 * planner's status strings into the model's {@link dev.stockbridge.InventoryState}s, refusing any it
 * does not know with an {@link dev.stockbridge.state.UnknownStatusException}.
 */
package dev.stockbridge.state;
