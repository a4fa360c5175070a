package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.mapping.CatalogueMapping;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Writes the files of an Inventory Planner Advanced CSV connection, one method per {@link
 * AdvancedFile}, each file with exactly its type's declared columns, with planner variant and
 * warehouse ids from the mapping. The writer of each type (package-private, one class per file)
 * names in its javadoc the specification article every column rule comes from.
 *
 * <p>One rule for unmapped values in every file: a row whose SKU (or, for an exploded bundle, any
 * component SKU) or location is unmapped is held back whole, listed in the {@link FeedReport} and
 * told to the {@link HeldRows}, never dropped silently and never sent half-mapped. Bundles are
 * declared by default ({@link BundleMode#BUNDLES}). Files stream: memory does not grow with the
 * number of rows. Cells follow the package's CSV rules.
 *
 * <p>Writing a file does not check it against its schema; {@link AdvancedFileSet} does that
 * before anything is uploaded. Immutable and thread-safe.
 */
public final class AdvancedFeeds {

  private final CatalogueMapping mapping;
  private final BundleCatalogue bundles;
  private final BundleMode bundleMode;
  private final HeldRows held;

  private AdvancedFeeds(Builder builder) {
    this.mapping = builder.mapping;
    this.bundles = builder.bundles;
    this.bundleMode = builder.bundleMode;
    this.held = builder.held;
  }

  /**
   * Starts configuring the feeds.
   *
   * @param mapping maps SKUs to planner variants and locations to planner warehouses
   * @return a builder; bundles default to none
   * @throws InvalidValueException if the mapping is null
   */
  public static Builder builder(CatalogueMapping mapping) {
    return new Builder(mapping);
  }

  /** What the variant-component file would hold, so a sync can tell whether it changed. */
  String bundleFingerprint() {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest((bundleMode + " " + bundles + " " + mapping.skus()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private Explosion explosion() {
    return new Explosion(bundles, bundleMode);
  }

  /**
   * Writes a warehouse file.
   *
   * @param warehouses the warehouses to send
   * @param out where the file goes; left open
   * @return what was written, and the rows held back for want of a mapping
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeWarehouses(Rows<FeedWarehouse> warehouses, OutputStream out) {
    return WarehouseFile.write(mapping, held, Fields.notNull("warehouses", warehouses), Fields.notNull("out", out));
  }

  /**
   * Writes a vendor file.
   *
   * @param vendors the vendors to send
   * @param out where the file goes; left open
   * @return what was written
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeVendors(Rows<FeedVendor> vendors, OutputStream out) {
    return VendorFile.write(Fields.notNull("vendors", vendors), Fields.notNull("out", out));
  }

  /**
   * Writes a variant file, each variant of type {@code bundle} or {@code simple}.
   *
   * @param variants the variants to send
   * @param out where the file goes; left open
   * @return what was written, and the rows held back for want of a mapping
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeVariants(Rows<FeedVariant> variants, OutputStream out) {
    return VariantFile.write(mapping, explosion(), held, Fields.notNull("variants", variants), Fields.notNull("out", out));
  }

  /**
   * Writes the variant-component file of every declared bundle in the catalogue.
   *
   * @param updatedAt the rows' update time, e.g. when the catalogue was loaded
   * @param out where the file goes; left open
   * @return what was written (rows read counts bundles), and the bundles held back
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeVariantComponents(Instant updatedAt, OutputStream out) {
    return VariantComponentFile.write(mapping, explosion(), held, Fields.notNull("updatedAt", updatedAt), Fields.notNull("out", out));
  }

  /**
   * Writes a variant-vendor file.
   *
   * @param links the variant-vendor links to send
   * @param out where the file goes; left open
   * @return what was written, and the rows held back for want of a mapping
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeVariantVendors(Rows<VariantVendor> links, OutputStream out) {
    return VariantVendorFile.write(mapping, explosion(), held, Fields.notNull("links", links), Fields.notNull("out", out));
  }

  /**
   * Writes a variant-warehouse stock file.
   *
   * @param stock the stock rows to send
   * @param out where the file goes; left open
   * @return what was written, and the rows held back for want of a mapping
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeVariantWarehouses(Rows<VariantStock> stock, OutputStream out) {
    return VariantWarehouseFile.write(mapping, explosion(), held, Fields.notNull("stock", stock), Fields.notNull("out", out));
  }

  /**
   * Writes a sales-order file from demand lines, typically those updated since the last upload:
   * {@code c -> store.forEachUpdatedSince(watermark, c)}. The demand is read twice, cancellations
   * first (see the sales-order writer).
   *
   * @param demand the demand lines to send
   * @param out where the file goes; left open
   * @return what was written, and the lines held back for want of a mapping
   * @throws InvalidValueException if an argument is null
   * @throws FeedException if writing fails
   */
  public FeedReport writeSalesOrders(Rows<DemandLine> demand, OutputStream out) {
    return writeSalesOrders(demand, out, HeldRows.reportOnly());
  }

  /** The same, telling {@code also} of each row held back (the sync keeps them to send once mapped). */
  FeedReport writeSalesOrders(Rows<DemandLine> demand, OutputStream out, HeldRows also) {
    HeldRows both = (feed, rowId, unmapped) -> {
      held.held(feed, rowId, unmapped);
      also.held(feed, rowId, unmapped);
    };
    return SalesOrderFile.write(mapping, explosion(), both, Fields.notNull("demand", demand), Fields.notNull("out", out));
  }

  /** Configures {@link AdvancedFeeds}. Not thread-safe. */
  public static final class Builder {

    private final CatalogueMapping mapping;
    private BundleCatalogue bundles = BundleCatalogue.empty();
    private BundleMode bundleMode = BundleMode.BUNDLES;
    private HeldRows held = HeldRows.reportOnly();

    private Builder(CatalogueMapping mapping) {
      this.mapping = Fields.notNull("mapping", mapping);
    }

    /**
     * Sets the bundles and how they reach the planner.
     *
     * @param catalogue the bundles
     * @param mode declared (the default) or exploded to components
     * @return this builder
     * @throws InvalidValueException if an argument is null
     */
    public Builder bundles(BundleCatalogue catalogue, BundleMode mode) {
      this.bundles = Fields.notNull("catalogue", catalogue);
      this.bundleMode = Fields.notNull("mode", mode);
      return this;
    }

    /**
     * Sets who hears of each row held back for want of a mapping.
     *
     * @param held the listener; default {@link HeldRows#reportOnly()}
     * @return this builder
     * @throws InvalidValueException if the listener is null
     */
    public Builder heldRows(HeldRows held) {
      this.held = Fields.notNull("held", held);
      return this;
    }

    /**
     * Builds the feeds.
     *
     * @return the feeds
     */
    public AdvancedFeeds build() {
      return new AdvancedFeeds(this);
    }
  }
}
