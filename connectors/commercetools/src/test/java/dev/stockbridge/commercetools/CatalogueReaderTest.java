package dev.stockbridge.commercetools;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.product.Product;
import dev.stockbridge.Sku;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    connector = CommercetoolsConnector.connect(mock.config().build());
    project = new MockProject(connector);
  }

  @AfterAll
  static void close() {
    connector.close();
  }

  @Test
  void shouldReadEverySkuOnce_whenTheCatalogueHasMoreThan500Products() throws Exception {
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
