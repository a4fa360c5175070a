/**
 * Available-to-sell policy: {@link dev.stockbridge.ats.AtsPolicy} turns sellable stock, in-flight
 * commitments and safety stock into the quantity a channel shows, through ordered {@link
 * dev.stockbridge.ats.AtsControls} (exclusion, {@link dev.stockbridge.ats.Buffer buffer}, cap,
 * floor) chosen by the most specific {@link dev.stockbridge.ats.AtsScope scope}; {@link
 * dev.stockbridge.ats.AtsBreakdown} explains each step of one figure.
 */
package dev.stockbridge.ats;
