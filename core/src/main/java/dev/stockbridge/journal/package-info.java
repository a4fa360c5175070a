/**
 * Journals that record accepted movements: {@link dev.stockbridge.journal.InMemoryJournal} (for
 * tests and for embeddings that need no durability). It implements {@link
 * dev.stockbridge.spi.MovementJournal}.
 */
package dev.stockbridge.journal;
