/**
 * For connector authors and Stockbridge's own tests: the contract every {@code StorefrontStock}
 * adapter must pass, and the commercetools test peer ({@code @labdigital/commercetools-mock} on
 * loopback, as a JUnit extension), and a real PostgreSQL server for the PostgreSQL store's tests
 * ({@code TestPostgres}).
 */
package dev.stockbridge.testkit;
