package dev.stockbridge.planner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a listing page by page, lazily: the next page is fetched only when the records of the
 * previous one are used up. Pages start at 0 (starting at 1 silently skips the first page); the
 * last page is the one whose {@code meta.end} is true or that holds fewer rows than the limit.
 */
final class Pages extends Spliterators.AbstractSpliterator<JsonNode> {

  private final Transport transport;
  private final String path;
  private final String listKey;
  private final Query query;
  private final int limit;
  private final Deque<JsonNode> buffer = new ArrayDeque<>();
  private int page;
  private boolean last;

  private Pages(Transport transport, String path, String listKey, Query query, int limit) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
    this.transport = transport;
    this.path = path;
    this.listKey = listKey;
    this.query = query;
    this.limit = limit;
  }

  /**
   * A lazy stream over every record of a listing.
   *
   * @param transport the transport
   * @param path e.g. {@code /api/v1/variants}
   * @param listKey the key of the list in each page, e.g. {@code variants}
   * @param query fields, filters and sort
   * @param limit rows per page
   * @return the records, fetched as consumed
   */
  public static Stream<JsonNode> stream(Transport transport, String path, String listKey, Query query, int limit) {
    return StreamSupport.stream(new Pages(transport, path, listKey, query, limit), false);
  }

  @Override
  public boolean tryAdvance(Consumer<? super JsonNode> action) {
    while (buffer.isEmpty() && !last) {
      fetch();
    }
    JsonNode next = buffer.poll();
    if (next == null) {
      return false;
    }
    action.accept(next);
    return true;
  }

  private void fetch() {
    String pathAndQuery = path + "?" + query.toQueryString(page, limit);
    JsonNode answer = transport.send("GET", pathAndQuery, null);
    JsonNode rows = answer.path(listKey);
    if (!rows.isArray()) {
      throw new PlannerException("GET " + pathAndQuery, "answer has no \"" + listKey + "\" list", null);
    }
    rows.forEach(buffer::add);
    JsonNode end = answer.path("meta").path("end");
    last = end.asBoolean(false) || rows.size() < limit;
    page++;
  }
}
