package dev.stockbridge.ats;

/**
 * Where the controls applied to an available-to-sell figure came from, from least to most
 * specific. The most specific scope that has controls for a (SKU, location, channel) wins.
 */
public enum AtsScope {
  /** The policy's default controls, used when no override matches. */
  DEFAULT,
  /** An override for every SKU at every location in one channel. */
  CHANNEL,
  /** An override for one SKU at every location in one channel. */
  CHANNEL_SKU,
  /** An override for one SKU at one location in one channel. */
  CHANNEL_SKU_LOCATION
}
