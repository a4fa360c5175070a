package dev.stockbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.demand.DemandStoreContract;
import dev.stockbridge.demand.InMemoryDemandStore;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Feeds: the priced catalogue with its stock read a page at a time, the demand store, one publisher. */
class FeedFlowTest {

  private static final Location DC1 = Location.of("dc1");
  private static final Location DC2 = Location.of("dc2");
  private static final Location ELSEWHERE = Location.of("elsewhere");
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private final InMemoryStorefront storefront = new InMemoryStorefront();
  private final InMemoryDemandStore demand = new InMemoryDemandStore();
  private final MutableClock clock = new MutableClock(T0);

  private static CatalogueSource catalogue(int priced, String... unpriced) {
    return action -> {
      for (int i = 0; i < priced; i++) {
        action.accept(new CatalogueItem(Sku.of("SKU-" + i), "Item " + i, Optional.of(new BigDecimal("9.50")), Optional.of("GBP"), T0.minusSeconds(i)));
      }
      for (String sku : unpriced) {
        action.accept(new CatalogueItem(Sku.of(sku), sku, Optional.empty(), Optional.empty(), T0));
      }
    };
  }

  /** A publisher at two locations that runs a test's reading of the input. */
  private static FeedPublisher publisher(Function<FeedInput, FeedPublication> publish) {
    return new FeedPublisher() {
      @Override
      public Set<Location> locations() {
        return Set.of(DC1, DC2);
      }

      @Override
      public FeedPublication publish(FeedInput input) {
        return publish.apply(input);
      }
    };
  }

  @Test
  void shouldCarryEachPricedVariantsStockAtThePublishersLocations_readAPageAtATime() {
    storefront.create(new StockKey(Sku.of("SKU-0"), DC1), 7);
    storefront.create(new StockKey(Sku.of("SKU-0"), DC2), 2);
    storefront.create(new StockKey(Sku.of("SKU-0"), ELSEWHERE), 100);
    storefront.create(new StockKey(Sku.of("SKU-600"), DC2), 4);
    List<FeedProduct> products = new ArrayList<>();
    FeedFlow flow = new FeedFlow(catalogue(601, "BOWL", "PLATE"), storefront, demand, publisher(input -> {
      input.products(products::add);
      return new FeedPublication(List.of(), "");
    }), clock);

    FeedCycle cycle = flow.runOnce();

    assertThat(cycle.products()).isEqualTo(601);
    assertThat(cycle.unpriced()).containsExactly(Sku.of("BOWL"), Sku.of("PLATE"));
    assertThat(cycle.at()).isEqualTo(T0);
    assertThat(products).hasSize(601).extracting(FeedProduct::sku).doesNotContain(Sku.of("BOWL"), Sku.of("PLATE"));
    assertThat(products.get(0).available()).as("only the publisher's locations").containsOnlyKeys(DC1, DC2).containsEntry(DC1, 7L).containsEntry(DC2, 2L);
    assertThat(products.get(0).available(List.of(DC1, DC2))).isEqualTo(9);
    assertThat(products.get(600).available()).containsEntry(DC1, 0L).containsEntry(DC2, 4L);
    assertThat(products.get(1).price()).isEqualByComparingTo("9.50");
    assertThat(storefront.reads()).as("601 variants: two batched reads, not one per key").isEqualTo(2);
  }

  @Test
  void shouldHandOverTheSameRowsOnEveryPass_andCountOnePass() {
    List<Sku> first = new ArrayList<>();
    List<Sku> second = new ArrayList<>();
    FeedFlow flow = new FeedFlow(catalogue(3, "BOWL"), storefront, demand, publisher(input -> {
      input.products(product -> first.add(product.sku()));
      input.products(product -> second.add(product.sku()));
      return new FeedPublication(List.of(), "");
    }), clock);

    FeedCycle cycle = flow.runOnce();

    assertThat(second).isEqualTo(first).hasSize(3);
    assertThat(cycle.products()).isEqualTo(3);
    assertThat(cycle.unpriced()).containsExactly(Sku.of("BOWL"));
  }

  @Test
  void shouldHandOverTheDemandStore_wholeOrSinceAnInstant() {
    demand.put(List.of(DemandStoreContract.sale("a", 0), DemandStoreContract.sale("b", 30)));
    List<String> all = new ArrayList<>();
    List<String> recent = new ArrayList<>();
    FeedFlow flow = new FeedFlow(catalogue(0), storefront, demand, publisher(input -> {
      input.demand(line -> all.add(line.id()));
      input.demandUpdatedSince(Instant.parse("2024-03-01T10:10:00Z"), line -> recent.add(line.id()));
      return new FeedPublication(List.of(new FeedPublication.PublishedFile("sales-orders.csv", all.size(), all.size(), 0, List.of())), "done");
    }), clock);

    FeedCycle cycle = flow.runOnce();

    assertThat(all).containsExactlyInAnyOrder("a", "b");
    assertThat(recent).containsExactly("b");
    assertThat(cycle.publication().files()).singleElement().satisfies(file -> assertThat(file.rowsWritten()).isEqualTo(2));
    assertThat(cycle.publication().note()).isEqualTo("done");
    assertThat(storefront.reads()).as("no variants, no stock read").isZero();
  }

  @Test
  void shouldPassThePublishersFailureOn() {
    FeedFlow flow = new FeedFlow(catalogue(1), storefront, demand, publisher(input -> {
      throw new StockbridgeException("sftp down");
    }), clock);

    assertThatThrownBy(flow::runOnce).isInstanceOf(StockbridgeException.class).hasMessage("sftp down");
  }
}
