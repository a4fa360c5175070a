package dev.stockbridge.mapping;

import java.util.List;
import java.util.stream.Stream;

/** A mapping's tables as rows of text, for the file formats to write. Stateless. */
final class MappingRows {

  private MappingRows() {}

  /** The rows of a table, in the column order of {@link Table#columns}. */
  static List<List<String>> of(CatalogueMapping mapping, Table table) {
    return switch (table) {
      case SKUS -> mapping.skus().entrySet().stream()
          .map(entry -> List.of(entry.getKey().value(), entry.getValue().value()))
          .toList();
      case LOCATIONS -> mapping.supplyChannels().entrySet().stream()
          .map(
              entry ->
                  List.of(
                      entry.getKey().text(),
                      entry.getValue().key(),
                      mapping.warehouses().get(entry.getValue()).value()))
          .toList();
      case ORDER_DEFAULTS -> Stream.concat(
              mapping.orderDefaults().distributionChannels().entrySet().stream()
                  .map(e -> List.of(OrderDefaults.Scope.DISTRIBUTION_CHANNEL.text(), e.getKey(), e.getValue().key())),
              mapping.orderDefaults().stores().entrySet().stream()
                  .map(e -> List.of(OrderDefaults.Scope.STORE.text(), e.getKey(), e.getValue().key())))
          .toList();
    };
  }
}
