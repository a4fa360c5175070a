package dev.stockbridge.commercetools;

import com.commercetools.api.models.cart.DiscountCodeInfo;
import com.commercetools.api.models.cart.DiscountedLineItemPortion;
import com.commercetools.api.models.cart.DiscountedLineItemPriceForQuantity;
import com.commercetools.api.models.cart.LineItem;
import com.commercetools.api.models.common.TypedMoney;
import com.commercetools.api.models.order.Order;
import com.commercetools.api.models.order.ReturnInfo;
import com.commercetools.api.models.order.ReturnItem;
import com.commercetools.api.models.type.CustomFields;
import dev.stockbridge.Channel;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.mapping.SupplyChannel;
import dev.stockbridge.order.InventoryMode;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.order.ReturnDisposition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns commercetools orders into order events and rich demand lines. Thread-safe. */
final class OrderMapper {

  private final ChannelResolver channels;
  private final LocationChannels locations;
  private final Set<String> customFields;

  OrderMapper(ChannelResolver channels, LocationChannels locations, Set<String> customFields) {
    this.channels = channels;
    this.locations = locations;
    this.customFields = Set.copyOf(customFields);
  }

  /** Adds an order's events and demand lines to the lists. */
  void map(Order order, List<OrderEvent> events, List<DemandLine> demand) {
    List<LineItem> items = order.getLineItems() == null ? List.of() : order.getLineItems();
    if (items.isEmpty()) {
      return;
    }
    Map<String, OrderLine> lines = new HashMap<>();
    List<OrderLine> ordered = new ArrayList<>();
    for (LineItem item : items) {
      OrderLine line = line(order, item, item.getQuantity());
      lines.put(item.getId(), line);
      ordered.add(line);
      demand.add(demand(order, item, line, DemandKind.SALE, "order/" + order.getId() + "/" + item.getId(), item.getQuantity(), created(order)));
    }
    events.add(new OrderEvent.Placed(order.getId(), ordered));
    if (order.getOrderState() != null && "Cancelled".equals(order.getOrderState().getJsonName())) {
      events.add(new OrderEvent.Cancelled(order.getId(), ordered));
      for (LineItem item : items) {
        demand.add(demand(order, item, lines.get(item.getId()), DemandKind.CANCELLATION, "cancel/" + order.getId() + "/" + item.getId(), item.getQuantity(), modified(order)));
      }
    }
    for (ReturnInfo info : order.getReturnInfo() == null ? List.<ReturnInfo>of() : order.getReturnInfo()) {
      for (ReturnItem returned : info.getItems()) {
        Optional<ReturnDisposition> disposition = disposition(returned);
        String lineId = lineItemId(returned);
        LineItem item = items.stream().filter(i -> i.getId().equals(lineId)).findFirst().orElse(null);
        if (disposition.isEmpty() || item == null) {
          continue; // only advised, or not a product line: nothing came back yet
        }
        OrderLine line = line(order, item, returned.getQuantity());
        events.add(new OrderEvent.Returned(order.getId(), returned.getId(), line, disposition.get()));
        Instant at = info.getReturnDate() != null ? info.getReturnDate().toInstant() : modified(order);
        demand.add(demand(order, item, line, DemandKind.RETURN, "return/" + order.getId() + "/" + returned.getId(), returned.getQuantity(), at));
      }
    }
  }

  private static String lineItemId(ReturnItem item) {
    return item instanceof com.commercetools.api.models.order.LineItemReturnItem lineItem ? lineItem.getLineItemId() : "";
  }

  /** Returned units reached the warehouse: in inspection, back in stock, or unusable. Advised is not yet. */
  private static Optional<ReturnDisposition> disposition(ReturnItem item) {
    String state = item.getShipmentState() == null ? "" : item.getShipmentState().getJsonName();
    return switch (state) {
      case "Returned" -> Optional.of(ReturnDisposition.IN_INSPECTION);
      case "BackInStock" -> Optional.of(ReturnDisposition.RESELLABLE);
      case "Unusable" -> Optional.of(ReturnDisposition.DAMAGED);
      default -> Optional.empty();
    };
  }

  private OrderLine line(Order order, LineItem item, long quantity) {
    return new OrderLine(item.getId(), Sku.of(item.getVariant().getSku()), quantity, location(item), salesChannel(order, item), mode(order, item));
  }

  private Location location(LineItem item) {
    SupplyChannel channel = item.getSupplyChannel() == null ? SupplyChannel.none() : SupplyChannel.of(channels.key(item.getSupplyChannel().getId()));
    return locations.location(channel);
  }

  private Optional<Channel> salesChannel(Order order, LineItem item) {
    if (item.getDistributionChannel() != null) {
      return Optional.of(Channel.of(channels.key(item.getDistributionChannel().getId())));
    }
    return store(order).map(Channel::of);
  }

  private static Optional<String> store(Order order) {
    return order.getStore() == null ? Optional.empty() : Optional.ofNullable(order.getStore().getKey());
  }

  private static InventoryMode mode(Order order, LineItem item) {
    var mode = item.getInventoryMode() != null ? item.getInventoryMode() : order.getInventoryMode();
    String name = mode == null ? "None" : mode.getJsonName();
    return switch (name) {
      case "TrackOnly" -> InventoryMode.TRACK_ONLY;
      case "ReserveOnOrder" -> InventoryMode.RESERVE_ON_ORDER;
      default -> InventoryMode.NONE;
    };
  }

  private DemandLine demand(Order order, LineItem item, OrderLine line, DemandKind kind, String id, long quantity, Instant at) {
    TypedMoney price = item.getPrice().getValue();
    BigDecimal unit = amount(price);
    BigDecimal discountPerLine = BigDecimal.ZERO;
    Set<String> promotions = new LinkedHashSet<>();
    for (DiscountCodeInfo code : order.getDiscountCodes() == null ? List.<DiscountCodeInfo>of() : order.getDiscountCodes()) {
      promotions.add("code:" + code.getDiscountCode().getId());
    }
    List<DiscountedLineItemPriceForQuantity> discounted = item.getDiscountedPricePerQuantity() == null ? List.of() : item.getDiscountedPricePerQuantity();
    for (DiscountedLineItemPriceForQuantity part : discounted) {
      BigDecimal off = unit.subtract(amount(part.getDiscountedPrice().getValue())).max(BigDecimal.ZERO);
      discountPerLine = discountPerLine.add(off.multiply(BigDecimal.valueOf(part.getQuantity())));
      for (DiscountedLineItemPortion portion : part.getDiscountedPrice().getIncludedDiscounts()) {
        promotions.add("cart-discount:" + portion.getDiscount().getId());
      }
    }
    // The discount of the units this row counts, when a return or partial row covers fewer units.
    BigDecimal discount = item.getQuantity() == quantity || item.getQuantity() == 0
        ? discountPerLine
        : discountPerLine.multiply(BigDecimal.valueOf(quantity)).divide(BigDecimal.valueOf(item.getQuantity()), discountPerLine.scale(), java.math.RoundingMode.HALF_UP);
    return new DemandLine(
        id,
        kind,
        order.getId(),
        Optional.ofNullable(order.getOrderNumber()),
        item.getId(),
        line.sku(),
        quantity,
        unit,
        discount,
        price.getCurrencyCode(),
        List.copyOf(promotions),
        line.location(),
        line.channel(),
        store(order),
        country(order),
        customer(order),
        at,
        modified(order),
        attributes(order, item));
  }

  private static BigDecimal amount(TypedMoney money) {
    return BigDecimal.valueOf(money.getCentAmount(), money.getFractionDigits());
  }

  private static Optional<String> country(Order order) {
    if (order.getCountry() != null) {
      return Optional.of(order.getCountry());
    }
    return order.getShippingAddress() == null ? Optional.empty() : Optional.ofNullable(order.getShippingAddress().getCountry());
  }

  /** A customer reference that is never personal data: the group, else the opaque customer id. */
  private static Optional<String> customer(Order order) {
    if (order.getCustomerGroup() != null) {
      return Optional.of("group:" + order.getCustomerGroup().getId());
    }
    return Optional.ofNullable(order.getCustomerId()).map(id -> "customer:" + id);
  }

  private Map<String, String> attributes(Order order, LineItem item) {
    Map<String, String> attributes = new HashMap<>();
    if (order.getOrderState() != null) {
      attributes.put("orderState", order.getOrderState().getJsonName());
    }
    if (order.getShipmentState() != null) {
      attributes.put("shipmentState", order.getShipmentState().getJsonName());
    }
    copyChosen(order.getCustom(), attributes);
    copyChosen(item.getCustom(), attributes);
    return attributes;
  }

  private void copyChosen(CustomFields custom, Map<String, String> into) {
    if (custom == null || custom.getFields() == null || customFields.isEmpty()) {
      return;
    }
    custom.getFields().values().forEach(
        (name, value) -> {
          if (customFields.contains(name) && value != null) {
            into.put(name, String.valueOf(value));
          }
        });
  }

  private static Instant created(Order order) {
    return order.getCreatedAt().toInstant();
  }

  private static Instant modified(Order order) {
    return order.getLastModifiedAt().toInstant();
  }
}
