/**
 * Stockbridge's core: the model, the engine, the flows and their ports, with in-memory and file
 * adapters. It knows no platform. Every package here is API or SPI; what is not API is
 * package-private inside it (the engine's collaborators), so nothing internal is exported.
 */
module dev.stockbridge.core {
  requires transitive org.slf4j;
  requires dev.failsafe.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.csv;
  requires java.net.http;
  // The file demand store's index on disk.
  requires com.h2database.mvstore;

  exports dev.stockbridge;
  exports dev.stockbridge.ats;
  exports dev.stockbridge.bundle;
  exports dev.stockbridge.demand;
  exports dev.stockbridge.engine;
  exports dev.stockbridge.flow;
  exports dev.stockbridge.inspection;
  exports dev.stockbridge.journal;
  exports dev.stockbridge.logging;
  exports dev.stockbridge.mapping;
  exports dev.stockbridge.order;
  exports dev.stockbridge.queue;
  exports dev.stockbridge.reconcile;
  exports dev.stockbridge.reconcile.report;
  exports dev.stockbridge.runtime;
  exports dev.stockbridge.simulation;
  exports dev.stockbridge.spi;
  exports dev.stockbridge.state;
  exports dev.stockbridge.store;
  exports dev.stockbridge.storefront;

  // Data binding reads and writes these packages' state files: the exception tracker's snapshot,
  // the order quarantine and the checkpoints.
  opens dev.stockbridge.reconcile to com.fasterxml.jackson.databind;
  opens dev.stockbridge.flow to com.fasterxml.jackson.databind;
}
