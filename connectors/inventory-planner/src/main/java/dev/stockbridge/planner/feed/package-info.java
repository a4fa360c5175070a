/**
 * Demand feeds for Inventory Planner, which has no API to receive sales: CSV files it reads.
 *
 * <ul>
 *   <li>Starter CSV connection: {@link dev.stockbridge.planner.feed.StarterFeeds} writes the
 *       full-history products, sales-orders and purchase-orders files; {@link
 *       dev.stockbridge.planner.feed.FeedDirectory} publishes them atomically and {@link
 *       dev.stockbridge.planner.feed.FeedServer} serves them over HTTP(S) under an unguessable
 *       path token (basic auth optional), with {@code ETag} and {@code Last-Modified}.
 *   <li>Advanced CSV connection: {@link dev.stockbridge.planner.feed.AdvancedFeeds} writes each
 *       {@link dev.stockbridge.planner.feed.AdvancedFile} type to its one declared schema; {@link
 *       dev.stockbridge.planner.feed.AdvancedSync} sends the initial full set, then what changed,
 *       each file checked against its schema first ({@link
 *       dev.stockbridge.planner.feed.AdvancedFileSet}), in dependency order, through {@link
 *       dev.stockbridge.planner.feed.SftpUploader} (atomic uploads, host key checked against a
 *       {@code known_hosts} file, failures told apart by {@link
 *       dev.stockbridge.planner.feed.SftpException}); {@link
 *       dev.stockbridge.planner.feed.AdvancedSchedule} says when the files are due.
 * </ul>
 *
 * <p>Demand comes from a {@link dev.stockbridge.demand.DemandStore} (the full record), through
 * {@link dev.stockbridge.planner.feed.Rows}. Every feed gives sales, cancellations (on the line)
 * and returns (negative) the same meaning; bundles are declared or exploded per {@link
 * dev.stockbridge.planner.feed.BundleMode}, never both; prices have the currency's decimals; rows
 * that cannot be mapped are held back, listed in the {@link dev.stockbridge.planner.feed.FeedReport}
 * and told to the {@link dev.stockbridge.planner.feed.HeldRows}.
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
