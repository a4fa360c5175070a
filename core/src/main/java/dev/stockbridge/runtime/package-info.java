/**
 * The one entry point for embedding: {@link dev.stockbridge.runtime.Stockbridge} takes an engine and
 * the flows built on the connectors, runs them on a schedule (or once, on demand) and stops them
 * cleanly.
 */
package dev.stockbridge.runtime;
