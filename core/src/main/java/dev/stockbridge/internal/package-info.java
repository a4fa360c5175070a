/**
 * Helpers shared by core's packages. Not API: connectors must not use them.
 */
package dev.stockbridge.internal;
