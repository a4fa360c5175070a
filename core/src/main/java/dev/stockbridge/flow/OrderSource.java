package dev.stockbridge.flow;

/**
 * Port: where orders come from (the commercetools order feed implements it). Reads are incremental
 * from a checkpoint the source keeps; a read never fails because of one order: an order it cannot
 * map is returned as {@link RejectedOrder} and the read goes on.
 */
public interface OrderSource {

  /**
   * Reads the orders changed since the committed checkpoint.
   *
   * @return the mapped and the rejected orders, and the checkpoint to commit
   * @throws dev.stockbridge.StockbridgeException if the source cannot be read (transient failures
   *     as {@link dev.stockbridge.spi.TransientStorefrontException}); nothing is committed then
   */
  OrderPage poll();

  /**
   * Commits a page's checkpoint, once its orders have been handed on.
   *
   * @param page a page from {@link #poll()}
   */
  void commit(OrderPage page);

  /**
   * Reads one order again, by id: how a quarantined order is retried once its cause is fixed.
   *
   * @param orderId the order's id
   * @return a page with the order, mapped or rejected, or with neither if it no longer exists
   */
  OrderPage reread(String orderId);
}
