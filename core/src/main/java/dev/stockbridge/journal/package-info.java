/**
 * Journals that record accepted movements: {@link dev.stockbridge.journal.FileJournal} (the
 * embedded durable default, one checksummed append-only file with group commit and crash recovery)
 * and {@link dev.stockbridge.journal.InMemoryJournal} (for tests and for embeddings that need no
 * durability). Both implement {@link dev.stockbridge.spi.MovementJournal}.
 */
package dev.stockbridge.journal;
