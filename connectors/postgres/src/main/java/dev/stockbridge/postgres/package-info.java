/**
 * Every Stockbridge store on PostgreSQL, for production: several processes sharing one store and
 * an active instance with a standby. The entry point is {@link dev.stockbridge.postgres.PostgresStore};
 * {@link dev.stockbridge.postgres.PostgresLease} is the active/standby lease with its fencing token;
 * {@link dev.stockbridge.postgres.PostgresJournal} the movement journal, compacted as {@link
 * dev.stockbridge.postgres.PostgresJournalOptions} says.
 */
package dev.stockbridge.postgres;
