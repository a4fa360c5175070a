package dev.stockbridge.reconcile.report;

import dev.stockbridge.reconcile.DiffStats;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.Holdings;
import dev.stockbridge.reconcile.Owner;
import dev.stockbridge.reconcile.RunResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Renders the self-contained HTML page. Every value from data goes through {@link #esc}; SKUs never
 * wrap (a hyphen is part of the SKU, not a place to break it).
 */
final class HtmlReport {

  static final int WORST = 20;
  static final int PER_OWNER = 50;
  private static final int NAMED_WAREHOUSES = 5;

  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f4f6f9}
      header{background:#1d2330;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}
      header p{margin:4px 0 0;color:#c5cbd6}main{padding:8px 32px 40px;max-width:1280px}
      section{background:#fff;border-radius:8px;padding:14px 20px;margin:16px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
      h2{font-size:16px;margin:0 0 10px}h3{font-size:14px;margin:14px 0 6px}table{border-collapse:collapse;width:100%}
      th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e6e9ef;vertical-align:top}
      th{font-size:12px;text-transform:uppercase;color:#5b6475}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      .sku{white-space:nowrap;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
      .kind{white-space:nowrap;font-size:12px}.wrap{overflow-x:auto}
      .tiles{display:flex;gap:12px;flex-wrap:wrap}.tile{flex:1;min-width:110px;background:#f4f6f9;border-radius:6px;padding:10px 14px}
      .tile b{display:block;font-size:24px}.ok{color:#17803d;font-weight:600}.bad{color:#b42318;font-weight:600}
      .cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}.muted{color:#5b6475}
      svg text{font:12px system-ui,sans-serif;fill:#1d2330}
      """;

  private HtmlReport() {}

  static String render(RunReport report) {
    RunResult r = report.result();
    Findings f = new Findings(r);
    Times times = new Times(report.zone());
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>Stock reconciliation ").append(esc(r.runId())).append("</title><style>")
        .append(CSS).append("</style></head><body><header><h1>Stock reconciliation</h1><p>Run ")
        .append(esc(r.runId())).append(" · ").append(esc(times.text(r.startedAt()))).append(" → ")
        .append(esc(times.text(r.finishedAt()))).append(" (").append(esc(report.zone().getId()))
        .append(")</p></header><main>");

    summary(h, f);

    h.append("<div class=\"cols\"><section><h2>By kind</h2>");
    bars(h, names(f.byKind()), "#3867d6");
    h.append("</section><section><h2>By owner</h2>");
    bars(h, names(f.byOwner()), "#8854d0");
    h.append("</section></div>");

    worst(h, f);
    exceptions(h, f);
    held(h, r.stats().holdings());
    trend(h, report.trend(), times);
    freshness(h, report.freshness(), r.finishedAt(), times);
    finance(h, report.finance());
    h.append("</main></body></html>\n");
    return h.toString();
  }

  private static Map<String, Long> names(Map<? extends Enum<?>, Long> counts) {
    Map<String, Long> named = new LinkedHashMap<>();
    counts.forEach((k, v) -> named.put(k.name(), v));
    return named;
  }

  /** The counts, phrased so they visibly add up, and what was left out of the comparison. */
  private static void summary(StringBuilder h, Findings f) {
    RunResult r = f.result();
    DiffStats s = r.stats();
    h.append("<section><h2>Summary</h2><div class=\"tiles\">");
    tile(h, "positions compared", s.keysCompared());
    tile(h, "agree", s.keysInAgreement());
    tile(h, "explained by in-flight", s.explainedInFlight());
    tile(h, "positions with discrepancies", s.keysWithDiscrepancies());
    tile(h, "catalogue findings", r.catalogueDiscrepancies());
    tile(h, "auto-corrected", r.corrections().size());
    tile(h, "auto-resolved", r.autoResolved().size());
    h.append("</div><p>").append(count(s.keysCompared())).append(" positions compared: ")
        .append(count(s.keysInAgreement())).append(" agree, ").append(count(s.explainedInFlight()))
        .append(" explained by movements still in flight, ").append(count(s.keysWithDiscrepancies()))
        .append(" with discrepancies (").append(count(r.stockDiscrepancies())).append(" findings). Catalogue: ")
        .append(count(r.catalogueDiscrepancies())).append(" findings. <b>")
        .append(count(r.discrepancies().size())).append(" discrepancies in all</b>, ")
        .append(count(r.corrections().size())).append(" corrected automatically, ")
        .append(count(r.alerted())).append(" new or reopened and alerted.</p>");
    if (!r.outOfScope().isEmpty()) {
      String named = r.outOfScope().stream().limit(NAMED_WAREHOUSES).map(w -> w.warehouse().value())
          .collect(Collectors.joining(", "));
      int more = r.outOfScope().size() - NAMED_WAREHOUSES;
      h.append("<p class=\"muted\">Not compared: ").append(count(f.plannerRowsOutOfScope()))
          .append(" planner rows in ").append(count(r.outOfScope().size()))
          .append(r.outOfScope().size() == 1 ? " warehouse" : " warehouses").append(" no location maps to (")
          .append(esc(named)).append(more > 0 ? " and " + more + " more" : "")
          .append("). Map a location to a warehouse to include it.</p>");
    }
    h.append("</section>");
  }

  private static void tile(StringBuilder h, String label, long value) {
    h.append("<div class=\"tile\"><b>").append(value).append("</b>").append(esc(label)).append("</div>");
  }

  private static void bars(StringBuilder h, Map<String, Long> counts, String colour) {
    if (counts.isEmpty()) {
      h.append("<p class=\"muted\">None.</p>");
      return;
    }
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
    int rowH = 24;
    h.append("<svg role=\"img\" width=\"100%\" viewBox=\"0 0 540 ").append(counts.size() * rowH)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    int y = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      long width = Math.max(2, Math.round(250.0 * e.getValue() / max));
      h.append("<text x=\"0\" y=\"").append(y + 16).append("\">").append(esc(e.getKey())).append("</text>")
          .append("<rect x=\"235\" y=\"").append(y + 4).append("\" width=\"").append(width)
          .append("\" height=\"16\" rx=\"3\" fill=\"").append(colour).append("\"/>")
          .append("<text x=\"").append(241 + width).append("\" y=\"").append(y + 16).append("\">")
          .append(e.getValue()).append("</text>");
      y += rowH;
    }
    h.append("</svg>");
  }

  private static void worst(StringBuilder h, Findings f) {
    h.append("<section><h2>Worst drifts</h2>");
    List<Discrepancy> worst = f.worstDrifts(WORST);
    if (worst.isEmpty()) {
      h.append("<p class=\"ok\">No quantity drifts: every residual is 0.</p></section>");
      return;
    }
    h.append("<div class=\"wrap\"><table><tr><th>Position</th><th>Kind</th><th class=\"n\">Source</th>")
        .append("<th class=\"n\">Storefront</th><th class=\"n\">In flight</th><th class=\"n\">Residual</th>")
        .append("<th>Owner</th></tr>");
    for (Discrepancy d : worst) {
      h.append("<tr><td class=\"sku\" title=\"").append(esc(d.detail())).append("\">").append(esc(d.subject()))
          .append("</td><td class=\"kind\">").append(esc(d.kind().name())).append("</td>");
      values(h, d);
      h.append("<td>").append(esc(d.owner().name())).append("</td></tr>");
    }
    h.append("</table></div>");
    if (f.drifts() > WORST) {
      h.append("<p class=\"muted\">").append(count(f.drifts() - WORST)).append(" more in the CSV report.</p>");
    }
    h.append("</section>");
  }

  /** Each owner's exceptions with both values, the likely cause and the action. */
  private static void exceptions(StringBuilder h, Findings f) {
    h.append("<section><h2>Exceptions by owner</h2>");
    if (f.result().discrepancies().isEmpty()) {
      h.append("<p class=\"ok\">None: storefront, stock source and planner agree.</p></section>");
      return;
    }
    for (Owner owner : f.byOwner().keySet()) {
      List<Discrepancy> owned = f.ownedBy(owner);
      h.append("<h3>").append(esc(owner.name())).append(" · ").append(esc(team(owner))).append(" — ")
          .append(count(owned.size())).append("</h3><div class=\"wrap\"><table><tr><th>Kind</th><th>Subject</th>")
          .append("<th class=\"n\">Source</th><th class=\"n\">Storefront</th><th class=\"n\">In flight</th>")
          .append("<th class=\"n\">Residual</th><th>Likely cause</th><th>Action</th></tr>");
      for (Discrepancy d : owned.subList(0, Math.min(PER_OWNER, owned.size()))) {
        h.append("<tr><td class=\"kind\">").append(esc(d.kind().name())).append("</td><td class=\"sku\" title=\"")
            .append(esc(d.detail())).append("\">").append(esc(d.subject())).append("</td>");
        values(h, d);
        h.append("<td>").append(esc(d.cause().description())).append("</td><td>").append(esc(d.action()))
            .append("</td></tr>");
      }
      h.append("</table></div>");
      if (owned.size() > PER_OWNER) {
        h.append("<p class=\"muted\">").append(count(owned.size() - PER_OWNER))
            .append(" more for ").append(esc(owner.name())).append(" in the CSV report.</p>");
      }
    }
    h.append("</section>");
  }

  /**
   * What the entries held back from sale and why: a holdback explains a gap between the source and
   * what the storefront shows, so it is no exception, but people still ask where the units went.
   */
  private static void held(StringBuilder h, Holdings holdings) {
    h.append("<section><h2>Held back from sale</h2>");
    if (holdings.entries() == 0) {
      h.append("<p class=\"muted\">No entry holds anything back: each shows all its sellable stock.</p></section>");
      return;
    }
    h.append("<p>").append(count(holdings.entries())).append(holdings.entries() == 1 ? " entry holds " : " entries hold ")
        .append(count(holdings.units())).append(" units back from sale (counted as sellable, so no discrepancy); ")
        .append(count(holdings.latencyBuffers())).append(" of them an adaptive latency buffer.</p>")
        .append("<div class=\"wrap\"><table><tr><th>Position</th><th class=\"n\">Sellable</th><th class=\"n\">Held back</th>")
        .append("<th class=\"n\">Shown</th><th>Why (as the entry's last write recorded it)</th></tr>");
    for (Holdings.Held held : holdings.listed()) {
      h.append("<tr><td class=\"sku\">").append(esc(held.key().toString())).append("</td><td class=\"n\">").append(held.sellable())
          .append("</td><td class=\"n\">").append(held.held()).append("</td><td class=\"n\">").append(held.sellable() - held.held())
          .append("</td><td>").append(held.why().isEmpty() ? "<span class=\"muted\">not recorded</span>" : esc(held.why()))
          .append("</td></tr>");
    }
    h.append("</table></div>");
    if (holdings.entries() > holdings.listed().size()) {
      h.append("<p class=\"muted\">").append(count(holdings.entries() - holdings.listed().size()))
          .append(" more entries hold back smaller amounts.</p>");
    }
    h.append("</section>");
  }

  /** Source, storefront, in flight and residual cells; a side that has no value shows a dash. */
  private static void values(StringBuilder h, Discrepancy d) {
    h.append("<td class=\"n\">").append(num(d.expected())).append("</td><td class=\"n\">").append(num(d.shown()))
        .append("</td><td class=\"n\">").append(d.inFlight().isEmpty() ? "" : Long.toString(Findings.inFlight(d)))
        .append("</td><td class=\"n\">").append(d.residual() > 0 ? "+" : "").append(d.residual()).append("</td>");
  }

  private static String team(Owner owner) {
    return switch (owner) {
      case OPS -> "operations: stock, warehouses, replenishment";
      case ECOMMERCE -> "e-commerce: storefront catalogue, inventory entries, mapping";
      case FINANCE -> "finance: costs and stock value";
    };
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static void trend(StringBuilder h, List<RunSummary> runs, Times times) {
    h.append("<section><h2>Trend over recent runs</h2>");
    long max = Math.max(1, runs.stream().mapToLong(RunSummary::total).max().orElse(1));
    int step = 64;
    int width = Math.max(520, runs.size() * step + 20);
    h.append("<svg role=\"img\" width=\"").append(width).append("\" height=\"170\" viewBox=\"0 0 ").append(width)
        .append(" 170\" xmlns=\"http://www.w3.org/2000/svg\"><line x1=\"0\" y1=\"130\" x2=\"").append(width)
        .append("\" y2=\"130\" stroke=\"#c5cbd6\"/>");
    int x = 10;
    for (RunSummary s : runs) {
      long barH = Math.max(2, Math.round(110.0 * s.total() / max));
      h.append("<rect x=\"").append(x).append("\" y=\"").append(130 - barH).append("\" width=\"40\" height=\"")
          .append(barH).append("\" rx=\"3\" fill=\"#20bf6b\"><title>").append(esc(s.runId())).append(": ")
          .append(s.total()).append("</title></rect><text x=\"").append(x).append("\" y=\"")
          .append(125 - barH).append("\">").append(s.total()).append("</text><text x=\"").append(x)
          .append("\" y=\"148\">").append(esc(times.day(s.finishedAt()))).append("</text>");
      x += step;
    }
    h.append("</svg></section>");
  }

  private static void freshness(StringBuilder h, List<FlowFreshness> flows, Instant now, Times times) {
    h.append("<section><h2>Freshness per flow</h2>");
    if (flows.isEmpty()) {
      h.append("<p class=\"muted\">No flows were passed to this report: the host passes each flow's last")
          .append(" success (FlowFreshness) to show here whether it is within its target.</p></section>");
      return;
    }
    h.append("<table><tr><th>Flow</th><th>Last success</th><th class=\"n\">Age</th><th class=\"n\">Target</th><th>Status</th></tr>");
    for (FlowFreshness f : flows) {
      boolean fresh = f.fresh(now);
      h.append("<tr><td>").append(esc(f.flow())).append("</td><td>")
          .append(esc(f.lastSuccess().map(times::text).orElse("never"))).append("</td><td class=\"n\">")
          .append(esc(f.age(now).map(HtmlReport::duration).orElse("—"))).append("</td><td class=\"n\">")
          .append(esc(duration(f.target()))).append("</td><td class=\"").append(fresh ? "ok\">fresh" : "bad\">stale")
          .append("</td></tr>");
    }
    h.append("</table></section>");
  }

  private static void finance(StringBuilder h, List<WarehouseValue> values) {
    h.append("<section><h2>Finance: stock at cost against open purchase orders</h2>");
    if (values.isEmpty()) {
      h.append("<p class=\"muted\">No planner data.</p></section>");
      return;
    }
    h.append("<table><tr><th>Warehouse</th><th class=\"n\">Stock at cost</th><th class=\"n\">Open PO value</th>")
        .append("<th class=\"n\">Open PO / stock</th><th class=\"n\">Items without cost</th></tr>");
    BigDecimal stock = BigDecimal.ZERO;
    BigDecimal orders = BigDecimal.ZERO;
    for (WarehouseValue v : values) {
      stock = stock.add(v.stockAtCost());
      orders = orders.add(v.openOrderValue());
      financeRow(h, esc(v.warehouse()), v.stockAtCost(), v.openOrderValue(), Long.toString(v.unvaluedItems()));
    }
    financeRow(h, "<b>Total</b>", stock, orders, "");
    h.append("</table></section>");
  }

  private static void financeRow(StringBuilder h, String name, BigDecimal stock, BigDecimal orders, String unvalued) {
    String ratio = stock.signum() == 0 ? "—"
        : orders.multiply(BigDecimal.valueOf(100)).divide(stock, 0, RoundingMode.HALF_UP) + "%";
    h.append("<tr><td>").append(name).append("</td><td class=\"n\">").append(money(stock))
        .append("</td><td class=\"n\">").append(money(orders)).append("</td><td class=\"n\">").append(ratio)
        .append("</td><td class=\"n\">").append(unvalued).append("</td></tr>");
  }

  private static String money(BigDecimal value) {
    return esc(String.format(Locale.ROOT, "%,.2f", value.setScale(2, RoundingMode.HALF_UP)));
  }

  private static String num(OptionalLong value) {
    return value.isPresent() ? Long.toString(value.getAsLong()) : "—";
  }

  private static String duration(Duration d) {
    long s = d.toSeconds();
    return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s < 172_800 ? s / 3600 + " h" : s / 86_400 + " d";
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
