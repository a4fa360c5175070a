/**
 * Inventory states: {@link dev.stockbridge.state.InventoryState} names what stock is doing, {@link
 * dev.stockbridge.state.StateModel} says which states exist and how stock may move between them,
 * and {@link dev.stockbridge.state.StatusMapping} turns an external system's status strings into
 * states, refusing any it does not know.
 */
package dev.stockbridge.state;
