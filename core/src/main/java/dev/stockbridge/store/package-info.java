/**
 * Crash-safe files for the embedded stores. {@link dev.stockbridge.store.RecordLog} is an
 * append-only log of checksummed records held by one process (the journal, the demand store, the
 * receipt ledger); {@link dev.stockbridge.store.SharedRecordLog} is the same file format shared by
 * several processes one locked batch at a time (the exception tracker). Both truncate a torn tail,
 * set damaged records aside and keep every intact one. {@link dev.stockbridge.store.AtomicFile}
 * replaces a small file in one step (watermarks, feeds, compaction). Each store brings only its own
 * record codec.
 */
package dev.stockbridge.store;
