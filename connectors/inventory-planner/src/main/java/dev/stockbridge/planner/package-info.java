/**
 * The Inventory Planner connector (not built yet): a REST client for variants, warehouses and
 * purchase orders that turns them into supply signals for the core, and the CSV demand feeds
 * (Starter over HTTP, Advanced over SFTP) through which the planner learns what sold.
 */
package dev.stockbridge.planner;
