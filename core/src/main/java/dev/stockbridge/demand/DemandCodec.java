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
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binary form of a {@link DemandLine} in the file store: every field, in declaration order. Also
 * reads the store's headerless file of before the record log, to convert it.
 */
final class DemandCodec {

  private static final Logger LOG = LoggerFactory.getLogger(DemandCodec.class);
  private static final int OLD_FRAME_HEADER = 8;

  private DemandCodec() {}

  /**
   * Reads a file of before the record log, {@code ([length:int][crc32c:int][row])*} with no header,
   * by its own rules: a row cut short at the end is dropped with a WARN; a damaged row followed by
   * more data refuses the file, which is then left as it was.
   *
   * @throws IOException if the file cannot be read or is damaged before its end
   */
  static void convertHeaderless(Path file, Consumer<ByteBuffer> rows) throws IOException {
    byte[] content = Files.readAllBytes(file);
    ByteBuffer in = ByteBuffer.wrap(content);
    CRC32C crc = new CRC32C();
    while (in.remaining() > 0) {
      int at = in.position();
      int length = in.remaining() >= OLD_FRAME_HEADER ? in.getInt(at) : -1;
      boolean whole = length >= 0 && length <= in.remaining() - OLD_FRAME_HEADER;
      if (whole) {
        crc.reset();
        crc.update(content, at + OLD_FRAME_HEADER, length);
      }
      if (!whole || (int) crc.getValue() != in.getInt(at + 4)) {
        if (whole && at + OLD_FRAME_HEADER + length < content.length) {
          throw new IOException("damaged row at offset " + at + " followed by more data");
        }
        LOG.warn("demand store {}: dropping {} bytes of a row cut short at offset {}", file, content.length - at, at);
        return;
      }
      rows.accept(ByteBuffer.wrap(content, at + OLD_FRAME_HEADER, length).slice());
      in.position(at + OLD_FRAME_HEADER + length);
    }
  }

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
