package dev.stockbridge.planner.feed;

import static dev.stockbridge.planner.feed.FeedFixtures.parse;
import static dev.stockbridge.planner.feed.FeedFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Channel;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.WarehouseId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Feed files parsed back with Jackson's CSV parser give exactly the input, over random demand
 * whose text is full of commas, quotes, line breaks, formula starters and non-ASCII text. Sales and
 * returns only: how cancellations fold into their sales is pinned by the writers' example tests.
 */
class FeedRoundTripProperties {

  private static final List<String> PIECES = List.of(",", "\"", "\n", "\r\n", "\r", " ", "'", "=",
      "+", "-", "@", "\t", "é", "漢字", "😀", "Zürich", "a", "B", "0", "1,5", "\"\"", "=SUM(A1)");
  private static final Location DC = Location.of("dc-=1");

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(6).map(pieces -> String.join("", pieces));
  }

  @Provide
  Arbitrary<String> anyToken() {
    return anyText().filter(value -> !value.isBlank() && value.equals(value.strip()));
  }

  @Provide
  Arbitrary<DemandLine> line() {
    Arbitrary<Instant> instant = Arbitraries.longs().between(0, 4_000_000_000L)
        .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
            .map(nanos -> Instant.ofEpochSecond(seconds, nanos % 3 == 0 ? 0 : nanos)));
    Arbitrary<BigDecimal> money = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("99999")).ofScale(2);
    return Combinators.combine(
            Combinators.combine(anyToken(), Arbitraries.of(DemandKind.SALE, DemandKind.RETURN), anyToken(), anyText().optional(),
                anyToken(), Arbitraries.of("MUG", "-MUG", "=cmd|' /C calc'!A0", "Teekanne ü,\"groß\"", "+44"),
                Arbitraries.longs().between(1, 1_000_000))
                .as(Head::new),
            money, money, anyToken().optional(), anyToken().optional(), anyToken().optional(), instant, instant)
        .as((head, price, discount, channel, store, customer, created, updated) -> new DemandLine(
            head.id, head.kind, head.orderId, head.orderNumber.filter(n -> !n.isEmpty()), head.lineId,
            Sku.of(head.sku), head.quantity, price, discount, "EUR", List.of(), DC,
            channel.map(Channel::of), store, Optional.empty(), customer, created, updated, Map.of()));
  }

  private record Head(String id, DemandKind kind, String orderId, Optional<String> orderNumber,
      String lineId, String sku, long quantity) {}

  private static CatalogueMapping mapping(List<DemandLine> lines) {
    Map<String, String> skus = new LinkedHashMap<>();
    lines.forEach(line -> skus.put(line.sku().value(), "v," + line.sku().value()));
    return FeedFixtures.mapping(skus, Map.of(DC.key(), "@wh \"1\""));
  }

  @Property(tries = 200)
  void advancedSalesOrdersParseBackToTheInput(@ForAll @Size(max = 20) List<@From("line") DemandLine> lines) {
    AdvancedFeeds feeds = AdvancedFeeds.builder(mapping(lines)).build();

    List<List<String>> rows = parse(FeedFixtures.write(out -> feeds.writeSalesOrders(lines::forEach, out)));

    assertThat(rows.get(0)).containsExactly("ORDER_ID", "ID", "VARIANT_ID", "WAREHOUSE", "CURRENCY",
        "QUANTITY", "PRICE", "CREATED_AT", "REMOVED", "UPDATED_AT", "REFERENCE", "REFERENCE2",
        "CUSTOMER", "DISCOUNT", "CANCELLED");
    List<List<String>> expected = new ArrayList<>();
    for (DemandLine line : lines) {
      boolean negative = line.kind() != DemandKind.SALE;
      String rowId = negative ? line.id() : line.orderId() + "/" + line.lineId();
      expected.add(List.of(rowId, line.orderId(), "v," + line.sku().value(), "@wh \"1\"", "EUR",
          Long.toString(line.signedQuantity()), line.unitPrice().toPlainString(),
          line.createdAt().toString(), "false", line.updatedAt().toString(),
          line.orderNumber().orElse(""),
          line.salesChannel().map(Channel::key).or(line::store).orElse(""),
          line.customer().orElse(""),
          (negative ? line.discount().negate() : line.discount()).toPlainString(),
          "false"));
    }
    assertThat(rows.subList(1, rows.size()).stream().map(FeedRoundTripProperties::unescapeText).toList())
        .isEqualTo(expected);
    assertThat(rows).allSatisfy(row -> assertThat(row).allSatisfy(FeedRoundTripProperties::notAFormula));
  }

  @Property(tries = 200)
  void starterSalesOrdersParseBackToTheInput(@ForAll @Size(max = 20) List<@From("line") DemandLine> lines) {
    StarterFeeds feeds = StarterFeeds.builder(mapping(lines), WarehouseId.of("@wh \"1\"")).build();

    List<List<String>> rows = parse(FeedFixtures.write(out -> feeds.writeSalesOrders(lines::forEach, out)));

    List<List<String>> expected = new ArrayList<>();
    expected.add(List.of("order_number", "product_id", "sku", "date", "price", "quantity", "currency", "canceled"));
    for (DemandLine line : lines) {
      expected.add(List.of(line.orderNumber().orElse(line.orderId()), line.sku().value(),
          line.sku().value(), line.createdAt().toString(), line.unitPrice().toPlainString(),
          Long.toString(line.signedQuantity()), "EUR", "false"));
    }
    List<List<String>> actual = new ArrayList<>();
    actual.add(rows.get(0));
    rows.subList(1, rows.size()).forEach(row -> actual.add(List.of(text(row.get(0)), text(row.get(1)),
        text(row.get(2)), row.get(3), row.get(4), row.get(5), text(row.get(6)), row.get(7))));
    assertThat(actual).isEqualTo(expected);
    assertThat(rows).allSatisfy(row -> assertThat(row).allSatisfy(FeedRoundTripProperties::notAFormula));
  }

  /** The text columns of an Advanced sales-orders row, unescaped; the others as they are. */
  private static List<String> unescapeText(List<String> row) {
    List<String> cells = new ArrayList<>(row);
    for (int column : new int[] {0, 1, 2, 3, 4, 10, 11, 12}) {
      cells.set(column, text(cells.get(column)));
    }
    return cells;
  }

  /** No cell a spreadsheet would run: only numeric cells may start with a minus, followed by a digit. */
  private static void notAFormula(String cell) {
    if (cell.startsWith("-")) {
      assertThat(cell).matches("-[0-9]+(\\.[0-9]+)?");
    } else {
      assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@")
          .doesNotStartWith("\t").doesNotStartWith("\r");
    }
  }
}
