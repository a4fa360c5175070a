/**
 * The connector's shared plumbing: {@link dev.stockbridge.planner.internal.HttpServers}, the one
 * place HTTP(S) servers are opened on loopback for the purchase-order webhook and the feed server.
 * Not exported from the module.
 */
package dev.stockbridge.planner.internal;
