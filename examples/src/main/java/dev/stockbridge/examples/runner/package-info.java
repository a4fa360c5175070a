/**
 * The command-line runner for real platforms: {@link dev.stockbridge.examples.runner.Runner} wires
 * the commercetools connector, the Inventory Planner client and feeds, the file journal, the demand
 * store and the engine from a JSON configuration file plus environment variables for secrets.
 */
package dev.stockbridge.examples.runner;
