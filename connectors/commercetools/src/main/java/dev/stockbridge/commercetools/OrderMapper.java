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
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.flow.SourcedOrder;
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

  /**
   * Maps one order.
   *
   * @throws InvalidValueException naming the line and field when the order cannot be mapped (a
   *     line without a SKU or quantity, a channel without a location, an unknown inventory mode)
   * @throws dev.stockbridge.spi.TransientStorefrontException if resolving a channel failed for now
   */
  SourcedOrder map(Order order) {
    Instant createdAt = required(order, "createdAt", order.getCreatedAt()).toInstant();
    required(order, "lastModifiedAt", order.getLastModifiedAt());
    List<OrderEvent> events = new ArrayList<>();
    List<DemandLine> demand = new ArrayList<>();
    List<LineItem> items = order.getLineItems() == null ? List.of() : order.getLineItems();
    Map<String, OrderLine> lines = new HashMap<>();
    List<OrderLine> ordered = new ArrayList<>();
    List<LineItem> counted = new ArrayList<>();
    for (LineItem item : items) {
      long quantity = quantity(order, item, item.getQuantity());
      if (quantity == 0) {
        continue; // a line of no units sells nothing and is no demand
      }
      OrderLine line = line(order, item, quantity);
      lines.put(item.getId(), line);
      ordered.add(line);
      counted.add(item);
      demand.add(demand(order, item, line, DemandKind.SALE, "order/" + order.getId() + "/" + item.getId(), quantity, created(order)));
    }
    if (ordered.isEmpty()) {
      return new SourcedOrder(order.getId(), createdAt, events, demand);
    }
    events.add(new OrderEvent.Placed(order.getId(), ordered));
    if (order.getOrderState() != null && "Cancelled".equals(order.getOrderState().getJsonName())) {
      events.add(new OrderEvent.Cancelled(order.getId(), ordered));
      for (LineItem item : counted) {
        OrderLine line = lines.get(item.getId());
        demand.add(demand(order, item, line, DemandKind.CANCELLATION, "cancel/" + order.getId() + "/" + item.getId(), line.quantity(), modified(order)));
      }
    }
    for (ReturnInfo info : order.getReturnInfo() == null ? List.<ReturnInfo>of() : order.getReturnInfo()) {
      for (ReturnItem returned : required(order, "returnInfo.items", info.getItems())) {
        Optional<ReturnDisposition> disposition = disposition(returned);
        String lineId = lineItemId(returned);
        LineItem item = counted.stream().filter(i -> i.getId().equals(lineId)).findFirst().orElse(null);
        if (disposition.isEmpty() || item == null) {
          continue; // only advised, or not a product line: nothing came back yet
        }
        long quantity = quantity(order, item, returned.getQuantity());
        if (quantity == 0) {
          continue;
        }
        OrderLine line = line(order, item, quantity);
        events.add(new OrderEvent.Returned(order.getId(), returned.getId(), line, disposition.get()));
        Instant at = info.getReturnDate() != null ? info.getReturnDate().toInstant() : modified(order);
        demand.add(demand(order, item, line, DemandKind.RETURN, "return/" + order.getId() + "/" + returned.getId(), quantity, at));
      }
    }
    return new SourcedOrder(order.getId(), createdAt, events, demand);
  }

  private static <T> T required(Order order, String field, T value) {
    if (value == null) {
      throw new InvalidValueException(field, null, "is missing in order " + order.getId());
    }
    return value;
  }

  private static long quantity(Order order, LineItem item, Long quantity) {
    if (quantity == null || quantity < 0) {
      throw new InvalidValueException("quantity", quantity, "of line item " + item.getId() + " in order " + order.getId() + " must be a whole number of 0 or more");
    }
    return quantity;
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
    if (item.getVariant() == null || item.getVariant().getSku() == null) {
      throw new InvalidValueException("variant.sku", null, "is missing on line item " + item.getId() + " in order " + order.getId() + ": the line sells no SKU");
    }
    Sku sku = Sku.of(item.getVariant().getSku());
    return new OrderLine(item.getId(), sku, quantity, location(order, item, sku), salesChannel(order, item), mode(order, item));
  }

  /**
   * The line's supply channel decides; without one, a default for its distribution channel, then
   * for the order's store, then the {@code *} row.
   */
  private Location location(Order order, LineItem item, Sku sku) {
    if (item.getSupplyChannel() != null) {
      return locations.location(SupplyChannel.of(channels.key(item.getSupplyChannel().getId())));
    }
    Optional<String> distribution = Optional.ofNullable(item.getDistributionChannel()).map(channel -> channels.key(channel.getId()));
    Optional<String> store = store(order);
    return locations.defaults().location(distribution, store).orElseThrow(() -> new InvalidValueException("supplyChannel", null,
        "is missing on line item " + item.getId() + " (SKU " + sku + ") in order " + order.getId() + ", and no location is mapped for lines without one"
            + distribution.map(key -> " in distribution channel " + key).orElse("") + store.map(key -> " in store " + key).orElse("")
            + ": add an order_defaults row for its store or distribution channel, or add a row with supply_channel * to mapping.locations"));
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
      case "None" -> InventoryMode.NONE;
      default -> throw new InvalidValueException("inventoryMode", name, "of line item " + item.getId() + " in order " + order.getId()
          + " is not TrackOnly, ReserveOnOrder or None: it cannot be told whether the storefront decremented the line itself");
    };
  }

  private DemandLine demand(Order order, LineItem item, OrderLine line, DemandKind kind, String id, long quantity, Instant at) {
    if (item.getPrice() == null || item.getPrice().getValue() == null) {
      throw new InvalidValueException("price", null, "is missing on line item " + item.getId() + " in order " + order.getId());
    }
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
