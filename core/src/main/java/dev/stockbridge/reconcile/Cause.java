package dev.stockbridge.reconcile;

/**
 * The likely cause of a discrepancy, with the action that usually fixes it. Causes are inferred
 * from the evidence the differ has (which states hold the surplus, who last wrote the storefront
 * entry, how old the source is); {@link #UNKNOWN} when nothing points anywhere.
 */
public enum Cause {
  /** Stock moved without the movement reaching Stockbridge: a missed order, receipt or count. */
  MISSED_EVENT(
      "stock moved without a movement reaching Stockbridge (missed order, receipt or count event)",
      "apply a CORRECTION movement for the residual and check the event feed for gaps"),
  /** Someone or something other than Stockbridge last changed the storefront entry. */
  MANUAL_EDIT(
      "the storefront entry was last changed outside Stockbridge (manual edit or another tool)",
      "ask who edited the entry; make the change in the stock source instead, then correct"),
  /** The source holds the surplus in a state that is not sellable (inspection, damaged…). */
  STATE_NOT_SELLABLE_YET(
      "stock still in a non-sellable state (inspection, damaged, quarantine) is shown as available",
      "remove the non-sellable units from the storefront until they pass inspection"),
  /** The bundle entry was changed on its own: sold as its own SKU or written as independent stock. */
  BUNDLE_PARENT(
      "the bundle entry changed on its own (sold as its own SKU or written as independent stock)",
      "recompute the bundle from its components and make bundle sales decrement every component"),
  /** The SKU or variant has no mapping row. */
  UNMAPPED_SKU(
      "the SKU or planner variant has no row in the catalogue mapping",
      "add the mapping row (sku, planner_variant_id) so stock and demand can flow"),
  /** The storefront has no product variant or inventory entry for what the planner stocks. */
  NOT_IN_STOREFRONT(
      "the planner stocks a SKU the storefront has no product variant or inventory entry for",
      "publish the variant or create its inventory entry in the storefront, or retire it in the planner"),
  /** The planner has no variant or warehouse row for what the storefront sells. */
  NOT_IN_PLANNER(
      "the storefront sells a SKU the planner has no variant or warehouse row for",
      "create the item in the planner or the item master before it sells out unplanned"),
  /** The planner variant lacks a lead time or a cost. */
  MISSING_PLANNING_DATA(
      "the planner variant lacks a lead time or a cost, so it cannot be replenished or valued",
      "enter the supplier lead time and landed cost in the planner"),
  /** The source snapshot is older than its freshness target. */
  STALE_FEED(
      "the stock source has not refreshed this position within its freshness target",
      "check the stock feed's last run; do not correct from stale data"),
  /** Reservations were not expired by the storefront after their deadline. */
  RESERVATION_NOT_RELEASED(
      "storefront reservations are still open well past their deadline (the platform did not expire them)",
      "check the carts holding them (release them or let the project's releaseExpiredReservations run); ask commercetools support if they persist"),
  /** The available quantity was changed apart from the quantity on stock. */
  AVAILABLE_OUT_OF_STEP(
      "the entry's available quantity does not follow its quantity on stock and open reservations",
      "compare the entry's reservations with its carts; a change of the quantity on stock realigns it"),
  /** Restockable days set on an entry whose policy allows no backorders. */
  STRAY_BACKORDER_SWITCH(
      "restockableInDays is set on the entry although the storefront policy allows no backorders there, "
          + "so ReserveOnOrder orders go through without stock",
      "clear restockableInDays on the entry (setRestockableInDays without a value), or allow backorders for "
          + "this SKU and channel in the storefront policy"),
  /** Nothing in the evidence points to a cause. */
  UNKNOWN(
      "no evidence points to a cause",
      "count the stock and compare with both systems");

  private final String description;
  private final String action;

  Cause(String description, String action) {
    this.description = description;
    this.action = action;
  }

  /**
   * What this cause means, as a sentence fragment for people.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * The action that usually fixes a discrepancy with this cause.
   *
   * @return the suggested action
   */
  public String action() {
    return action;
  }
}
