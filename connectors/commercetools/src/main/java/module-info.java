/**
 * The commercetools connector: inventory entries as the engine's storefront, the order feed, the
 * catalogue reader and channel resolution. The SDK is an automatic module (it ships no descriptor).
 */
module dev.stockbridge.commercetools {
  requires transitive dev.stockbridge.core;
  requires transitive commercetools.sdk.java.api;
  requires commercetools.http.client;
  requires rmf.java.base;
  requires dev.failsafe.core;
  requires com.github.benmanes.caffeine;
  requires com.fasterxml.jackson.databind;

  exports dev.stockbridge.commercetools;
}
