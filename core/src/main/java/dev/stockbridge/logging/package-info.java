/**
 * Logging helpers: {@link dev.stockbridge.logging.RateLimitedWarnings} logs the same warning for
 * the same cause at most once per interval, with a count of the repeats, so a problem that
 * recurs every cycle stays readable in the log.
 */
package dev.stockbridge.logging;
