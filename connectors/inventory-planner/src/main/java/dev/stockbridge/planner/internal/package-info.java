/**
 * Implementation of the Inventory Planner connector: HTTP transport, throttle, paging and the
 * mapping from the API's JSON ({@link dev.stockbridge.planner.internal.Wire}, which isolates every
 * field name the reference marks unverified). Not API: may change without notice.
 */
package dev.stockbridge.planner.internal;
