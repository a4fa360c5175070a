package dev.stockbridge.planner;

import dev.stockbridge.InvalidValueException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a listing asks for: selected fields ({@code fields=id,sku,warehouse.lead_time}), filters
 * ({@code <field>_<op>=value}) and a sort ({@code <field>_sort=asc|desc}). Paging is added by the
 * client. Immutable: every method returns a new query.
 *
 * <pre>{@code
 * Query.all().fields("id", "sku", "warehouse.in_stock").filter("sku", Query.Op.EQI, "MUG-1")
 * }</pre>
 *
 * @param fields the fields to return, empty for all
 * @param filters the filters, in order
 * @param sort the sort parameter as {@code field_sort=asc}, or null
 */
public record Query(List<String> fields, List<Filter> filters, String sort) {

  private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.]+");
  private static final Query ALL = new Query(List.of(), List.of(), null);

  /**
   * Validates and copies.
   *
   * @throws InvalidValueException if a field name is not a plain (dotted) name
   */
  public Query {
    fields = List.copyOf(fields);
    fields.forEach(field -> name("fields", field));
    filters = List.copyOf(filters);
  }

  /**
   * A filter operator, the suffix of the filter's parameter name.
   */
  public enum Op {
    /** Equal, case-insensitively: {@code _eqi}. Partial matches have been seen: re-check. */
    EQI,
    /** Partial match: {@code _match}. */
    MATCH,
    /** Greater than: {@code _gt}. */
    GT,
    /** Greater than or equal: {@code _gte}. */
    GTE,
    /** Less than: {@code _lt}. */
    LT,
    /** Less than or equal: {@code _lte}. */
    LTE
  }

  /**
   * One filter: {@code <field>_<op>=value}.
   *
   * @param field the field name
   * @param op the operator
   * @param value the value
   */
  public record Filter(String field, Op op, String value) {

    /**
     * Validates the filter.
     *
     * @throws InvalidValueException if the field is not a plain name or a part is null
     */
    public Filter {
      name("filter field", field);
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Every record, every field.
   *
   * @return the empty query
   */
  public static Query all() {
    return ALL;
  }

  /**
   * Selects fields; nested per-warehouse values use dot notation ({@code warehouse.lead_time}).
   *
   * @param names the fields
   * @return a query returning only those fields
   * @throws InvalidValueException if a name is not a plain (dotted) name
   */
  public Query fields(String... names) {
    Set<String> all = new LinkedHashSet<>(fields);
    all.addAll(List.of(names));
    return new Query(new ArrayList<>(all), filters, sort);
  }

  /**
   * Adds a filter.
   *
   * @param field the field, e.g. {@code last_modified}
   * @param op the operator
   * @param value the value
   * @return a query with the filter added
   * @throws InvalidValueException if the field is not a plain name
   */
  public Query filter(String field, Op op, String value) {
    List<Filter> all = new ArrayList<>(filters);
    all.add(new Filter(field, op, value));
    return new Query(fields, all, sort);
  }

  /**
   * Sorts by a field.
   *
   * @param field the field, e.g. {@code last_modified}
   * @param ascending {@code true} for asc, {@code false} for desc
   * @return a query with this sort, replacing any other
   * @throws InvalidValueException if the field is not a plain name
   */
  public Query sortBy(String field, boolean ascending) {
    return new Query(fields, filters, name("sort field", field) + "_sort=" + (ascending ? "asc" : "desc"));
  }

  /**
   * The query string for one page, parameters encoded.
   *
   * @param page the page, from 0
   * @param limit rows per page
   * @return e.g. {@code fields=id,sku&sku_eqi=MUG&page=0&limit=500}
   */
  public String toQueryString(int page, int limit) {
    List<String> parts = new ArrayList<>();
    if (!fields.isEmpty()) {
      parts.add("fields=" + String.join(",", fields));
    }
    filters.forEach(
        f -> parts.add(f.field() + "_" + f.op().name().toLowerCase(Locale.ROOT) + "=" + encode(f.value())));
    if (sort != null) {
      parts.add(sort);
    }
    parts.add("page=" + page);
    parts.add("limit=" + limit);
    return parts.stream().collect(Collectors.joining("&"));
  }

  private static String name(String what, String name) {
    if (name == null || !FIELD.matcher(name).matches()) {
      throw new InvalidValueException(what, name, "must be a field name of letters, digits, '_' and '.'");
    }
    return name;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
