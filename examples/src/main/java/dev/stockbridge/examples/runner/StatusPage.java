package dev.stockbridge.examples.runner;

import java.util.List;
import java.util.Map;

/** The status page: the same facts as {@code /status}, as one self-contained HTML page. Stateless. */
final class StatusPage {

  private StatusPage() {}

  @SuppressWarnings("unchecked")
  static String html(Map<String, Object> status) {
    StringBuilder page = new StringBuilder();
    page.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"30\">")
        .append("<title>Stockbridge status</title><style>")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:0 0 1.5em}")
        .append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}th{background:#f3f3f3}.bad{color:#a00;font-weight:600}")
        .append(".ok{color:#070}.sku{white-space:nowrap}</style></head><body>")
        .append("<h1>Stockbridge</h1><p>as of ").append(escape(status.get("at"))).append(" (refreshes every 30 s)</p>");
    page.append("<h2>Flows</h2><table><tr><th>flow</th><th>runs</th><th>failures</th><th>last success</th><th>age (s) / target (s)</th><th>last failure</th></tr>");
    ((Map<String, Map<String, Object>>) status.get("flows")).forEach((flow, one) -> page.append("<tr><td>").append(escape(flow)).append("</td><td>")
        .append(escape(one.get("runs"))).append("</td><td>").append(escape(one.get("failures"))).append("</td><td>")
        .append(escape(one.get("lastSuccess"))).append("</td><td class=\"").append(Boolean.TRUE.equals(one.get("fresh")) ? "ok" : "bad").append("\">")
        .append(escape(one.get("ageSeconds"))).append(" / ").append(escape(one.get("targetSeconds"))).append("</td><td class=\"")
        .append(one.get("lastFailure") == null ? "ok" : "bad").append("\">")
        .append(one.get("lastFailure") == null ? "none" : escape(one.get("lastFailure"))).append("</td></tr>"));
    page.append("</table>");
    Map<String, Object> engine = (Map<String, Object>) status.get("engine");
    page.append("<h2>Engine</h2><table><tr><th>running</th><th>accepted</th><th>applied</th><th>failed</th><th>storefront calls</th><th>conflicts</th>")
        .append("<th>retries</th><th>last success</th></tr><tr>");
    for (String field : List.of("running", "accepted", "applied", "failed", "storefrontCalls", "conflicts", "retries", "lastSuccess")) {
      page.append("<td>").append(escape(engine.get(field))).append("</td>");
    }
    Map<String, Object> timing = (Map<String, Object>) engine.get("orderToStorefront");
    page.append("</tr></table><h2>Order to storefront</h2><p>").append(escape(timing.get("timed"))).append(" order movements timed since start; over the last ")
        .append("one to two minutes (").append(escape(timing.get("recent"))).append(" movements): p50 ").append(escape(timing.get("p50Seconds")))
        .append(" s, p99 ").append(escape(timing.get("p99Seconds"))).append(" s</p>");
    List<Map<String, Object>> buffers = (List<Map<String, Object>>) engine.get("latencyBuffers");
    page.append("<h2>Latency buffer</h2>");
    if (buffers.isEmpty()) {
      page.append("<p>none held (off, or no SKU sells fast enough to need one)</p>");
    } else {
      page.append("<table><tr><th>SKU</th><th>location</th><th>held back</th><th>order units in window</th><th>per minute</th>")
          .append("<th>lag + p99 (s)</th><th>figure</th></tr>");
      buffers.forEach(one -> {
        page.append("<tr><td class=\"sku\">").append(escape(one.get("sku"))).append("</td>");
        for (String field : List.of("location", "units", "orderUnitsInWindow", "perMinute", "exposureSeconds", "figure")) {
          page.append("<td>").append(escape(one.get(field))).append("</td>");
        }
        page.append("</tr>");
      });
      page.append("</table>");
    }
    page.append("<h2>Lanes</h2><table><tr><th>lane</th><th>waiting keys</th><th>oldest wait (s)</th></tr>");
    ((Map<String, Map<String, Object>>) engine.get("lanes")).forEach((lane, one) -> page.append("<tr><td>").append(escape(lane)).append("</td><td>")
        .append(escape(one.get("waitingKeys"))).append("</td><td>").append(escape(one.get("oldestWaitSeconds"))).append("</td></tr>"));
    page.append("</table><h2>Last reconciliation</h2>");
    Map<String, Object> last = (Map<String, Object>) status.get("lastReconciliation");
    if (last == null) {
      page.append("<p>none yet: run <code>stockbridge reconcile</code> (daily)</p>");
    } else {
      page.append("<p>finished ").append(escape(last.get("finishedAt"))).append(": ").append(escape(last.get("positionsCompared")))
          .append(" positions compared, <span class=\"").append(((Long) last.get("discrepancies")) == 0 ? "ok" : "bad").append("\">")
          .append(escape(last.get("discrepancies"))).append(" discrepancies</span> ").append(escape(last.get("byKind"))).append("</p>");
    }
    page.append("<h2>Open exceptions by owner</h2>");
    Map<String, List<Map<String, String>>> open = (Map<String, List<Map<String, String>>>) status.get("openExceptions");
    if (open.isEmpty()) {
      page.append("<p class=\"ok\">none</p>");
    }
    open.forEach((owner, rows) -> {
      page.append("<h3>").append(escape(owner)).append(" (").append(rows.size()).append(")</h3><table><tr><th>code</th><th>subject</th><th>what to do</th></tr>");
      rows.forEach(row -> page.append("<tr><td>").append(escape(row.get("code"))).append("</td><td class=\"sku\">").append(escape(row.get("subject")))
          .append("</td><td>").append(escape(row.get("message"))).append("</td></tr>"));
      page.append("</table>");
    });
    List<Map<String, String>> quarantined = (List<Map<String, String>>) status.get("quarantinedOrders");
    page.append("<h2>Orders in quarantine (").append(quarantined.size()).append(")</h2>");
    if (!quarantined.isEmpty()) {
      page.append("<table><tr><th>order</th><th>what to fix</th></tr>");
      quarantined.forEach(row -> page.append("<tr><td>").append(escape(row.get("orderId"))).append("</td><td>").append(escape(row.get("problem"))).append("</td></tr>"));
      page.append("</table><p>Fix the cause, then <code>stockbridge orders retry</code> (or wait for the next cycle).</p>");
    }
    return page.append("</body></html>\n").toString();
  }

  private static String escape(Object value) {
    String text = value == null ? "—" : String.valueOf(value);
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
