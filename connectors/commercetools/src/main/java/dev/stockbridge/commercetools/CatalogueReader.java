package dev.stockbridge.commercetools;

import com.commercetools.api.client.ByProjectKeyProductProjectionsGet;
import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.product.ProductProjection;
import com.commercetools.api.models.product.ProductVariant;
import dev.stockbridge.Sku;
import dev.stockbridge.StockbridgeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the variant SKUs of the published catalogue from product projections, paged on {@code id}
 * (never on offset, which stops at 10,000), for the catalogue reconciliation and the new-SKU checks.
 * Thread-safe.
 */
public final class CatalogueReader {

  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final ProjectApiRoot api;
  private final int pageSize;

  CatalogueReader(ProjectApiRoot api, int pageSize) {
    this.api = api;
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

  private Set<Sku> read(String filter, String since) {
    Set<Sku> skus = new LinkedHashSet<>();
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
      List<ProductProjection> page = Calls.body(get.execute(), "read product projections" + (lastId == null ? "" : " after " + lastId)).getResults();
      for (ProductProjection product : page) {
        for (ProductVariant variant : product.getAllVariants()) {
          if (variant.getSku() != null && !variant.getSku().isBlank()) {
            skus.add(Sku.of(variant.getSku()));
          }
        }
      }
      if (page.size() < pageSize) {
        return skus;
      }
      lastId = page.get(page.size() - 1).getId();
    }
  }
}
