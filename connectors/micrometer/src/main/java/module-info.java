/** Binds the engine's and the flows' health to a Micrometer meter registry. */
module dev.stockbridge.micrometer {
  requires transitive dev.stockbridge.core;
  requires transitive micrometer.core;

  exports dev.stockbridge.micrometer;
}
