/**
 * Demand feeds for Inventory Planner, which has no API to receive sales: CSV files it reads.
 *
 * <ul>
 *   <li>Starter CSV connection: {@link dev.stockbridge.planner.feed.StarterFeeds} writes the
 *       full-history products, sales-orders and purchase-orders files; {@link
 *       dev.stockbridge.planner.feed.FeedDirectory} publishes them atomically and {@link
 *       dev.stockbridge.planner.feed.FeedServer} serves them over HTTP with basic auth, {@code
 *       ETag} and {@code Last-Modified}.
 *   <li>Advanced CSV connection: {@link dev.stockbridge.planner.feed.AdvancedFeeds} writes the
 *       incremental sales-orders and variant-warehouse files and {@link
 *       dev.stockbridge.planner.feed.SftpUploader} uploads them atomically, checking the server's
 *       host key against a {@code known_hosts} file.
 * </ul>
 *
 * <p>Demand comes from a {@link dev.stockbridge.demand.DemandStore} (the full record), through
 * {@link dev.stockbridge.planner.feed.Rows}; bundles are exploded per {@link
 * dev.stockbridge.planner.feed.BundleMode}; rows that cannot be mapped are held back and listed
 * in the {@link dev.stockbridge.planner.feed.FeedReport}.
 *
 * <p><b>CSV rules</b>, the same for every file: UTF-8 without byte-order mark, LF line ends, a
 * header row, commas between cells. A cell holding a comma, a double quote, CR or LF is wrapped in
 * double quotes, with quotes inside doubled (RFC 4180); other cells may be quoted too. Numbers are
 * plain decimals ({@code -3}, {@code 12.50}, never an exponent), instants ISO-8601 in UTC ({@code
 * 2024-03-01T10:15:30Z}, fractions of a second only when non-zero), dates {@code YYYY-MM-DD},
 * flags {@code true}/{@code false}, a missing optional value an empty cell. <b>Formula
 * injection</b>: a text cell (names, ids, references, codes) that starts with {@code =}, {@code
 * +}, {@code -}, {@code @}, TAB, CR or an apostrophe gets a leading apostrophe, so a spreadsheet
 * opening the file shows text instead of running a formula. Numeric, instant, date and flag cells
 * are never changed, so a return's {@code -2} stays a number. The rule is reversible: stripping
 * one leading apostrophe from a text cell that starts with one gives the original value back.
 */
package dev.stockbridge.planner.feed;
