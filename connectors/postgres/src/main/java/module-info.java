/**
 * The PostgreSQL stores: journal, demand, exceptions, receipts, quarantine, checkpoints and the
 * lease, over the official driver, HikariCP and Flyway.
 */
module dev.stockbridge.postgres {
  requires transitive dev.stockbridge.core;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires flyway.core;
  requires org.postgresql.jdbc;
  requires com.fasterxml.jackson.databind;

  exports dev.stockbridge.postgres;

  // Flyway reads the migrations as resources; a tracked exception is read by data binding.
  opens db.stockbridge;
  opens dev.stockbridge.postgres to com.fasterxml.jackson.databind;
}
