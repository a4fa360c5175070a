package dev.stockbridge.commercetools;

import com.commercetools.api.client.ByProjectKeyProductProjectionsGet;
import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.common.HighPrecisionMoney;
import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.common.Price;
import com.commercetools.api.models.common.TypedMoney;
import com.commercetools.api.models.product.ProductProjection;
import com.commercetools.api.models.product.ProductVariant;
import dev.stockbridge.flow.CatalogueItem;
import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Sku;
import dev.stockbridge.StockbridgeException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads the published catalogue from product projections, paged on {@code id} (never on offset,
 * which stops at 10,000): the variant SKUs for the catalogue reconciliation and the new-SKU checks,
 * and the variants with name, price and creation time for the planner's products file. Variants
 * without a SKU are skipped. Thread-safe.
 */
public final class CatalogueReader {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final ProjectApiRoot api;
  private final int pageSize;
  private final Retries retries;

  CatalogueReader(ProjectApiRoot api, int pageSize, Retries retries) {
    this.api = api;
    this.retries = retries;
    this.pageSize = pageSize;
  }

  /**
   * Every SKU of every variant of the published catalogue.
   *
   * @return the SKUs, in product id order, each once
   * @throws StockbridgeException if reading fails (transient failures as {@code
   *     TransientStorefrontException})
   */
  public Set<Sku> skus() {
    return read(null, null);
  }

  /**
   * The SKUs of products whose published projection changed after a watermark: newly published
   * products and variants among them. Keep the watermark a little behind the time of the last read,
   * as for orders; the caller compares the result with what the planner knows.
   *
   * @param since the watermark, exclusive
   * @return the SKUs, each once
   * @throws StockbridgeException if reading fails
   */
  public Set<Sku> skusPublishedSince(Instant since) {
    return read("lastModifiedAt > :since", MILLIS.format(since));
  }

  /**
   * Hands every variant of the published catalogue to an action, one page of products at a time:
   * the title is the product name in its alphabetically first language, the price the variant's
   * first embedded price. Memory does not grow with the catalogue.
   *
   * @param action receives each variant, in product id order
   * @throws StockbridgeException if reading fails (transient failures as {@code
   *     TransientStorefrontException})
   */
  public void variants(Consumer<? super CatalogueItem> action) {
    readVariants(null, null, action);
  }

  /**
   * Hands every variant of the published catalogue to an action, with the name and price chosen
   * for one market: the title is the product name in {@code language} (matched on the language
   * tag, e.g. {@code en} or {@code en-GB}), or in the alphabetically first language when the name
   * has no such translation; the price is the variant's first embedded price in {@code currency},
   * whatever its country, channel or customer group, or none when it has no price in that currency.
   * Products in the standalone price mode carry no embedded prices, so their variants come without
   * a price.
   *
   * @param language the preferred language of the title
   * @param currency the ISO 4217 code of the price, e.g. {@code EUR}
   * @param action receives each variant, in product id order
   * @throws InvalidValueException if an argument is null or the currency is not three capital
   *     letters
   * @throws StockbridgeException if reading fails (transient failures as {@code
   *     TransientStorefrontException})
   */
  public void variants(Locale language, String currency, Consumer<? super CatalogueItem> action) {
    Checks.notNull("language", language);
    if (currency == null || !CURRENCY.matcher(currency).matches()) {
      throw new InvalidValueException("currency", String.valueOf(currency), "must be an ISO 4217 code of three capital letters, e.g. EUR");
    }
    readVariants(language.toLanguageTag(), currency, action);
  }

  private void readVariants(String language, String currency, Consumer<? super CatalogueItem> action) {
    Checks.notNull("action", action);
    read(null, null, product -> {
      String title = title(product.getName(), language);
      Instant createdAt = product.getCreatedAt().toInstant();
      for (ProductVariant variant : product.getAllVariants()) {
        if (variant.getSku() != null && !variant.getSku().isBlank()) {
          Optional<TypedMoney> price = price(variant.getPrices(), currency);
          action.accept(new CatalogueItem(Sku.of(variant.getSku()), title.isEmpty() ? variant.getSku() : title,
              price.map(CatalogueReader::amount), price.map(TypedMoney::getCurrencyCode), createdAt));
        }
      }
    });
  }

  /** The translation in the language, else in the alphabetically first language, else empty. */
  private static String title(LocalizedString name, String language) {
    if (name == null || name.values() == null || name.values().isEmpty()) {
      return "";
    }
    TreeMap<String, String> byLanguage = new TreeMap<>(name.values());
    return language != null && byLanguage.containsKey(language) ? byLanguage.get(language) : byLanguage.firstEntry().getValue();
  }

  private static Optional<TypedMoney> price(List<Price> prices, String currency) {
    if (prices == null) {
      return Optional.empty();
    }
    return prices.stream().map(Price::getValue).filter(value -> currency == null || currency.equals(value.getCurrencyCode())).findFirst();
  }

  private static BigDecimal amount(TypedMoney money) {
    return money instanceof HighPrecisionMoney precise
        ? BigDecimal.valueOf(precise.getPreciseAmount(), precise.getFractionDigits())
        : BigDecimal.valueOf(money.getCentAmount(), money.getFractionDigits());
  }

  private Set<Sku> read(String filter, String since) {
    Set<Sku> skus = new LinkedHashSet<>();
    read(filter, since, product -> {
      for (ProductVariant variant : product.getAllVariants()) {
        if (variant.getSku() != null && !variant.getSku().isBlank()) {
          skus.add(Sku.of(variant.getSku()));
        }
      }
    });
    return skus;
  }

  private void read(String filter, String since, Consumer<ProductProjection> action) {
    String lastId = null;
    while (true) {
      List<String> where = new ArrayList<>();
      if (filter != null) {
        where.add(filter);
      }
      if (lastId != null) {
        where.add("id > :last");
      }
      ByProjectKeyProductProjectionsGet get =
          api.productProjections().get().withStaged(false).withSort("id asc").withLimit(pageSize).withWithTotal(false);
      if (!where.isEmpty()) {
        get = get.withWhere(String.join(" and ", where));
      }
      if (since != null) {
        get = get.withPredicateVar("since", since);
      }
      if (lastId != null) {
        get = get.withPredicateVar("last", lastId);
      }
      ByProjectKeyProductProjectionsGet request = get;
      List<ProductProjection> page = retries.body(request::execute, "read product projections" + (lastId == null ? "" : " after " + lastId)).getResults();
      page.forEach(action);
      if (page.size() < pageSize) {
        return;
      }
      lastId = page.get(page.size() - 1).getId();
    }
  }
}
