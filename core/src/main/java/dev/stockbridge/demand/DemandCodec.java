package dev.stockbridge.demand;

import dev.stockbridge.Channel;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Binary form of a {@link DemandLine} in the file store: every field, in declaration order. */
final class DemandCodec {

  private DemandCodec() {}

  static byte[] encode(DemandLine line) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      text(out, line.id());
      out.writeByte(line.kind().ordinal());
      text(out, line.orderId());
      optional(out, line.orderNumber());
      text(out, line.lineId());
      text(out, line.sku().value());
      out.writeLong(line.quantity());
      text(out, line.unitPrice().toString());
      text(out, line.discount().toString());
      text(out, line.currency());
      out.writeInt(line.promotions().size());
      for (String promotion : line.promotions()) {
        text(out, promotion);
      }
      text(out, line.location().key());
      optional(out, line.salesChannel().map(Channel::key));
      optional(out, line.store());
      optional(out, line.country());
      optional(out, line.customer());
      instant(out, line.createdAt());
      instant(out, line.updatedAt());
      out.writeInt(line.attributes().size());
      for (Map.Entry<String, String> attribute : line.attributes().entrySet()) {
        text(out, attribute.getKey());
        text(out, attribute.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  static DemandLine decode(DataInputStream in) throws IOException {
    String id = text(in);
    DemandKind kind = DemandKind.values()[in.readUnsignedByte()];
    String orderId = text(in);
    Optional<String> orderNumber = optional(in);
    String lineId = text(in);
    Sku sku = Sku.of(text(in));
    long quantity = in.readLong();
    BigDecimal unitPrice = new BigDecimal(text(in));
    BigDecimal discount = new BigDecimal(text(in));
    String currency = text(in);
    int promotionCount = in.readInt();
    List<String> promotions = new ArrayList<>(promotionCount);
    for (int i = 0; i < promotionCount; i++) {
      promotions.add(text(in));
    }
    Location location = Location.of(text(in));
    Optional<Channel> salesChannel = optional(in).map(Channel::of);
    Optional<String> store = optional(in);
    Optional<String> country = optional(in);
    Optional<String> customer = optional(in);
    Instant createdAt = instant(in);
    Instant updatedAt = instant(in);
    int attributeCount = in.readInt();
    Map<String, String> attributes = new TreeMap<>();
    for (int i = 0; i < attributeCount; i++) {
      attributes.put(text(in), text(in));
    }
    return new DemandLine(id, kind, orderId, orderNumber, lineId, sku, quantity, unitPrice,
        discount, currency, promotions, location, salesChannel, store, country, customer,
        createdAt, updatedAt, attributes);
  }

  private static void text(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String text(DataInputStream in) throws IOException {
    byte[] utf8 = new byte[in.readInt()];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static void optional(DataOutputStream out, Optional<String> value) throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      text(out, value.get());
    }
  }

  private static Optional<String> optional(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(text(in)) : Optional.empty();
  }

  private static void instant(DataOutputStream out, Instant value) throws IOException {
    out.writeLong(value.getEpochSecond());
    out.writeInt(value.getNano());
  }

  private static Instant instant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }
}
