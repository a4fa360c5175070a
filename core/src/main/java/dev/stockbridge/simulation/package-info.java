/**
 * Helpers for demos, simulations and tests of a host: a clock moved by hand (a four-hour peak window
 * passes in a moment) and an exception store that keeps what it is given.
 */
package dev.stockbridge.simulation;
