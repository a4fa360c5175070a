package dev.stockbridge.engine;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockbridgeException;

/**
 * A bundle's availability could not be derived at a location because the storefront has no
 * inventory entry for the bundle there: the bundle cannot be shown, so it is an exception for a
 * person (create the entry, or stop listing the bundle there), never skipped silently.
 */
public final class BundleEntryMissingException extends StockbridgeException {

  private static final long serialVersionUID = 1L;

  private final Sku bundle;
  private final Location location;

  /**
   * Creates the exception.
   *
   * @param bundle the bundle SKU
   * @param location the location without an entry for it
   */
  public BundleEntryMissingException(Sku bundle, Location location) {
    super("bundle " + bundle + " has no inventory entry at location " + location + ": its availability cannot be derived there");
    this.bundle = bundle;
    this.location = location;
  }

  /** The bundle. @return its SKU */
  public Sku bundle() {
    return bundle;
  }

  /** The location without an entry. @return the location */
  public Location location() {
    return location;
  }
}
