package dev.stockbridge.mapping;

import java.util.List;

/** The tables of a mapping file: their names and columns, shared by CSV and JSON. */
enum Table {
  SKUS("skus", List.of("sku", "planner_variant_id")),
  LOCATIONS("locations", List.of("supply_channel", "location", "planner_warehouse")),
  ORDER_DEFAULTS("order_defaults", List.of("default_for", "key", "location"));

  final String jsonName;
  final List<String> columns;

  Table(String jsonName, List<String> columns) {
    this.jsonName = jsonName;
    this.columns = columns;
  }
}
