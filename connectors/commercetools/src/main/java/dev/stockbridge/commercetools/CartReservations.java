package dev.stockbridge.commercetools;

import com.commercetools.api.client.ByProjectKeyCartsGet;
import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.cart.Cart;
import com.commercetools.api.models.cart.LineItem;
import com.commercetools.api.models.reservation.Reservation;
import com.commercetools.api.models.reservation.ReservationState;
import dev.stockbridge.Checks;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.reconcile.ReservationSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open {@code ReserveOnCart} reservations of a commercetools project, for reconciliation: one
 * scan of the active carts whose line items carry a reservation, reservations expanded, paged on
 * {@code id}. A reservation in state {@code Created} or {@code Updated} still holds stock on the
 * entry of its line item's SKU and supply channel, whatever its deadline; {@code Released}, {@code
 * Expired} and {@code Committed} ones hold none. Retried with the connector's own retries (no engine
 * makes these calls). Thread-safe.
 */
final class CartReservations implements ReservationSource {

  private final ProjectApiRoot api;
  private final ChannelResolver channels;
  private final LocationChannels locations;
  private final int pageSize;
  private final Retries retries;

  CartReservations(ProjectApiRoot api, ChannelResolver channels, LocationChannels locations, int pageSize, Retries retries) {
    this.api = api;
    this.channels = channels;
    this.locations = locations;
    this.pageSize = pageSize;
    this.retries = retries;
  }

  @Override
  public Map<StockKey, List<dev.stockbridge.reconcile.Reservation>> open(Collection<StockKey> keys) {
    Set<StockKey> wanted = new HashSet<>(Checks.notNull("keys", keys));
    Map<StockKey, List<dev.stockbridge.reconcile.Reservation>> open = new HashMap<>();
    if (wanted.isEmpty()) {
      return open;
    }
    String lastId = null;
    while (true) {
      ByProjectKeyCartsGet get = api.carts().get()
          .withWhere("cartState = \"Active\" and lineItems(reservation is defined)" + (lastId == null ? "" : " and id > :last"))
          .withExpand("lineItems[*].reservation")
          .withSort("id asc")
          .withLimit(pageSize)
          .withWithTotal(false);
      if (lastId != null) {
        get = get.withPredicateVar("last", lastId);
      }
      ByProjectKeyCartsGet request = get;
      List<Cart> page = retries.body(request::execute, "read the reservations of active carts").getResults();
      for (Cart cart : page) {
        for (LineItem line : cart.getLineItems()) {
          Reservation reservation = line.getReservation() == null ? null : line.getReservation().getObj();
          if (reservation == null || !holdsStock(reservation) || line.getVariant() == null || line.getVariant().getSku() == null) {
            continue;
          }
          StockKey key = new StockKey(Sku.of(line.getVariant().getSku()), locations.location(channel(line)));
          if (wanted.contains(key) && reservation.getQuantity() != null && reservation.getQuantity() > 0) {
            open.computeIfAbsent(key, k -> new ArrayList<>())
                .add(new dev.stockbridge.reconcile.Reservation(reservation.getQuantity(), reservation.getExpiresAt().toInstant()));
          }
        }
      }
      if (page.size() < pageSize) {
        return open;
      }
      lastId = page.get(page.size() - 1).getId();
    }
  }

  private SupplyChannel channel(LineItem line) {
    return line.getSupplyChannel() == null ? SupplyChannel.none() : SupplyChannel.of(channels.key(line.getSupplyChannel().getId()));
  }

  private static boolean holdsStock(Reservation reservation) {
    ReservationState state = reservation.getState();
    return ReservationState.CREATED.equals(state) || ReservationState.UPDATED.equals(state);
  }
}
