/**
 * Demand as the planner needs it: {@link dev.stockbridge.demand.DemandLine} (a sale, cancellation
 * or return with channel, promotion and location) and {@link dev.stockbridge.demand.DemandStore},
 * the full record from which planner feeds are regenerated.
 */
package dev.stockbridge.demand;
