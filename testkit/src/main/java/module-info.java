/**
 * For connector authors and our own tests: the storefront contract and the commercetools test
 * peer as a JUnit extension.
 */
module dev.stockbridge.testkit {
  requires transitive dev.stockbridge.core;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  requires embedded.postgres;
  requires java.sql;

  exports dev.stockbridge.testkit;
}
