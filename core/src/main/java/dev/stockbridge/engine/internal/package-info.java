/**
 * Engine internals. Not API: connectors must not use them; benchmarks may.
 */
package dev.stockbridge.engine.internal;
