/**
 * Available-to-sell policy: {@link dev.stockbridge.ats.AtsPolicy} turns sellable stock, in-flight
 * commitments and safety stock into the quantity a channel shows, through ordered {@link
 * dev.stockbridge.ats.AtsControls} (exclusion, {@link dev.stockbridge.ats.Buffer buffer}, cap,
 * floor) chosen by the most specific {@link dev.stockbridge.ats.AtsScope scope}; {@link
 * dev.stockbridge.ats.AtsBreakdown} explains each step of one figure. {@link
 * dev.stockbridge.ats.StorefrontPolicy} is what the engine applies to every storefront entry: what
 * it holds back ({@link dev.stockbridge.ats.HeldBack}, with the reasons) and where backorders are
 * allowed.
 */
package dev.stockbridge.ats;
