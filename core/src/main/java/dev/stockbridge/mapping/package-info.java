/**
 * The mapping between storefront and planner. The entry point is {@link
 * dev.stockbridge.mapping.CatalogueMapping}: storefront {@link dev.stockbridge.Sku} to planner
 * {@link dev.stockbridge.mapping.VariantId}, and {@link dev.stockbridge.mapping.SupplyChannel} to
 * stock pool ({@link dev.stockbridge.Location}) to planner {@link
 * dev.stockbridge.mapping.WarehouseId}. Lookups return a {@link dev.stockbridge.mapping.Lookup};
 * invalid input raises a {@link dev.stockbridge.mapping.MappingException} listing every {@link
 * dev.stockbridge.mapping.MappingProblem}.
 *
 * <h2>File formats</h2>
 *
 * <p>All files are UTF-8. Column and field names are the same in CSV and JSON, and name the fields
 * of problems. Values are kept exactly: surrounding whitespace is an error, not trimmed. A supply
 * channel of {@code *} means entries without a supply channel ({@link
 * dev.stockbridge.mapping.SupplyChannel#none()}).
 *
 * <p>SKU CSV: a header row then one row per SKU. Empty lines are skipped; header names ignore case
 * and surrounding spaces; a leading byte-order mark is ignored; other columns are ignored and may
 * appear in any order.
 *
 * <pre>{@code
 * sku,planner_variant_id
 * TEE-RED-M,12345
 * "MUG, large",a3060_1234
 * }</pre>
 *
 * <p>Location CSV, same rules, one row per supply channel; channels sharing a stock pool restate
 * its warehouse:
 *
 * <pre>{@code
 * supply_channel,location,planner_warehouse
 * web-uk,london-dc,wh-1
 * web-ie,london-dc,wh-1
 * *,leeds-store,wh-2
 * }</pre>
 *
 * <p>Order-defaults CSV, same rules, one row per store or distribution channel (commercetools keys):
 * where order lines without a supply channel sell from ({@link
 * dev.stockbridge.mapping.OrderDefaults}). A line's supply channel decides first; without one, the
 * default for its distribution channel, then the one for its order's store, then the location of
 * the {@code *} row; a line none of them covers cannot be placed. Each location needs a planner
 * warehouse in the location table:
 *
 * <pre>{@code
 * default_for,key,location
 * store,ie-store,dublin-dc
 * distribution_channel,web-uk-b2b,london-dc
 * }</pre>
 *
 * <p>JSON: one object holding the tables ({@code skus}, {@code locations}, {@code order_defaults};
 * any may be absent; other top-level fields are an error, other fields in entries are ignored):
 *
 * <pre>{@code
 * {
 *   "skus": [ { "sku": "TEE-RED-M", "planner_variant_id": "12345" } ],
 *   "locations": [
 *     { "supply_channel": "web-uk", "location": "london-dc", "planner_warehouse": "wh-1" }
 *   ],
 *   "order_defaults": [ { "default_for": "store", "key": "uk-store", "location": "london-dc" } ]
 * }
 * }</pre>
 */
package dev.stockbridge.mapping;
