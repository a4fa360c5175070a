package dev.stockbridge.commercetools;

import dev.stockbridge.flow.CatalogueItem;
import dev.stockbridge.testkit.CommercetoolsMockExtension;
import dev.stockbridge.testkit.CommercetoolsMock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercetools.api.models.product.Product;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Sku;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalogue reader against the commercetools mock. */
@ExtendWith(CommercetoolsMockExtension.class)
class CatalogueReaderTest {

  private static CommercetoolsConnector connector;
  private static MockProject project;

  @BeforeAll
  static void connect(CommercetoolsMock mock) {
    connector = CommercetoolsConnector.connect(MockConfig.of(mock).build());
    project = new MockProject(connector);
  }

  @AfterAll
  static void close() {
    connector.close();
  }

  @Test
  void shouldReadEverySkuAndVariantOnce_whenTheCatalogueHasMoreThan500Products() throws Exception {
    String prefix = "CAT-" + UUID.randomUUID() + "-";
    List<String> skus = new ArrayList<>();
    for (int i = 0; i < 520; i++) {
      skus.add(prefix + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Product>>> created = new ArrayList<>();
      for (int from = 0; from < skus.size(); from += 130) {
        List<String> slice = skus.subList(from, from + 130);
        created.add(pool.submit(() -> project.createProducts(slice)));
      }
      for (Future<List<Product>> done : created) {
        done.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    Set<Sku> read = connector.catalogue().skus();

    assertThat(read).hasSizeGreaterThanOrEqualTo(520);
    assertThat(read).containsAll(skus.stream().map(Sku::of).toList());
    List<Sku> variants = new ArrayList<>();
    connector.catalogue().variants(variant -> {
      if (variant.sku().value().startsWith(prefix)) {
        variants.add(variant.sku());
      }
    });
    assertThat(variants).containsExactlyInAnyOrderElementsOf(skus.stream().map(Sku::of).toList());
  }

  /** A mug named in French and English, GBP 12.50 then EUR 14.00 on the master, an unpriced second variant. */
  private static Product mug(String prefix) {
    return project.createProduct("{\"fr\":\"Tasse\",\"en\":\"Mug\"}",
        "{\"sku\":\"" + prefix + "red\",\"prices\":[{\"value\":{\"currencyCode\":\"GBP\",\"centAmount\":1250}},"
            + "{\"value\":{\"currencyCode\":\"EUR\",\"centAmount\":1400},\"country\":\"FR\"}]}",
        "{\"sku\":\"" + prefix + "blue\"}");
  }

  private static Map<Sku, CatalogueItem> read(String prefix, Consumer<Consumer<CatalogueItem>> reader) {
    Map<Sku, CatalogueItem> found = new LinkedHashMap<>();
    reader.accept(variant -> {
      if (variant.sku().value().startsWith(prefix)) {
        found.put(variant.sku(), variant);
      }
    });
    return found;
  }

  @Test
  void shouldTakeFirstLanguageAndFirstPrice_whenNoMarketIsGiven() {
    String prefix = "VAR-" + UUID.randomUUID() + "-";
    Product mug = mug(prefix);

    Map<Sku, CatalogueItem> read = read(prefix, connector.catalogue()::variants);

    Instant created = mug.getCreatedAt().toInstant();
    assertThat(read).containsExactly(
        Map.entry(Sku.of(prefix + "red"),
            new CatalogueItem(Sku.of(prefix + "red"), "Mug", Optional.of(new BigDecimal("12.50")), Optional.of("GBP"), created)),
        Map.entry(Sku.of(prefix + "blue"),
            new CatalogueItem(Sku.of(prefix + "blue"), "Mug", Optional.empty(), Optional.empty(), created)));
  }

  @Test
  void shouldTakeTheLanguageAndCurrencyAsked_whenTheProductHasThem() {
    String prefix = "MKT-" + UUID.randomUUID() + "-";
    mug(prefix);

    CatalogueItem french = read(prefix, action -> connector.catalogue().variants(Locale.FRENCH, "EUR", action)).get(Sku.of(prefix + "red"));
    CatalogueItem dollars = read(prefix, action -> connector.catalogue().variants(Locale.GERMAN, "USD", action)).get(Sku.of(prefix + "red"));

    assertThat(french.title()).isEqualTo("Tasse");
    assertThat(french.price()).contains(new BigDecimal("14.00"));
    assertThat(french.currency()).contains("EUR");
    assertThat(dollars.title()).as("no German name: the alphabetically first language").isEqualTo("Mug");
    assertThat(dollars.price()).as("no USD price: none, never another currency's").isEmpty();
    assertThat(dollars.currency()).isEmpty();
  }

  @Test
  void shouldNameTheCurrency_whenItIsNotAnIsoCode() {
    assertThatThrownBy(() -> connector.catalogue().variants(Locale.ENGLISH, "eur", variant -> { }))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("eur");
  }

  @Test
  void shouldReadOnlyLaterProducts_whenAskedForSkusPublishedSinceAWatermark() {
    String prefix = "NEW-" + UUID.randomUUID() + "-";
    Product old = project.createProducts(List.of(prefix + "old")).get(0);
    Product fresh = old;
    // Creation times have millisecond precision: create until one is strictly later.
    for (int i = 0; i < 20 && !fresh.getLastModifiedAt().isAfter(old.getLastModifiedAt()); i++) {
      fresh = project.createProducts(List.of(prefix + "new-" + i)).get(0);
    }

    Set<Sku> since = connector.catalogue().skusPublishedSince(old.getLastModifiedAt().toInstant());

    assertThat(since).contains(Sku.of(fresh.getMasterData().getCurrent().getMasterVariant().getSku())).doesNotContain(Sku.of(prefix + "old"));
  }
}
