package dev.stockbridge.planner;

/**
 * The request was refused with an HTML 403 page rather than the API's JSON: the CDN in front of
 * Inventory Planner blocks requests with an empty User-Agent and requests to unknown paths. Check
 * the User-Agent and the path, not the credentials.
 */
public final class PlannerBlockedException extends PlannerApiException {

  /**
   * Creates the exception.
   *
   * @param request the request, as {@code "GET /api/v1/variants?page=0"}
   * @param excerpt the start of the HTML page, for the record
   */
  public PlannerBlockedException(String request, String excerpt) {
    super(
        request,
        403,
        "blocked by an HTML 403 page (the CDN refuses an empty User-Agent and unknown paths): " + excerpt,
        null);
  }
}
