package dev.stockbridge.reconcile.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.stockbridge.Checks;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.Holdings;
import dev.stockbridge.reconcile.RunResult;
import dev.stockbridge.reconcile.UnmappedWarehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Writes a {@link RunReport} as JSON, CSV or a self-contained HTML page. The JSON is compact, for
 * machines and alerts: the summary and the worst exceptions. The CSV has every discrepancy in full
 * detail. Each writer leaves the {@link Writer} open. Stateless and thread-safe.
 */
public final class Reports {

  /** The CSV columns, in order. */
  public static final List<String> CSV_COLUMNS = List.of(
      "kind", "subject", "sku", "location", "owner", "expected", "shown", "residual", "in_flight",
      "in_flight_movements", "cause", "likely_cause", "action", "detail");

  /** The most exceptions the JSON lists, worst first; the CSV has all of them. */
  public static final int JSON_EXCEPTIONS = 200;

  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  private static final CsvMapper CSV = (CsvMapper) new CsvMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private Reports() {}

  /**
   * Writes the report as one compact JSON document: the run with times in the report's zone, a
   * summary whose counts add up ({@code positions.compared = agree + explainedInFlight +
   * withDiscrepancies}), the planner warehouses left out of the comparison, at most {@link
   * #JSON_EXCEPTIONS} exceptions worst first (kind, owner, both values, likely cause, action), the
   * trend, freshness and finance.
   *
   * @param report the report
   * @param out where to write
   * @throws StockbridgeException if writing fails
   */
  public static void json(RunReport report, Writer out) {
    Checks.notNull("report", report);
    Checks.notNull("out", out);
    RunResult r = report.result();
    Findings f = new Findings(r);
    Times times = new Times(report.zone());
    ObjectNode root = JSON.createObjectNode();
    root.put("runId", r.runId());
    root.put("zone", report.zone().getId());
    root.put("startedAt", times.iso(r.startedAt()));
    root.put("finishedAt", times.iso(r.finishedAt()));
    summary(root.putObject("summary"), f);
    List<Discrepancy> worst = f.worstFirst();
    ArrayNode list = root.putArray("exceptions");
    for (Discrepancy d : worst.subList(0, Math.min(JSON_EXCEPTIONS, worst.size()))) {
      ObjectNode n = list.addObject();
      n.put("kind", d.kind().name());
      n.put("subject", d.subject());
      n.put("owner", d.owner().name());
      number(n, "expected", d.expected());
      number(n, "shown", d.shown());
      n.put("residual", d.residual());
      if (!d.inFlight().isEmpty()) {
        n.put("inFlight", Findings.inFlight(d));
      }
      n.put("cause", d.cause().name());
      n.put("likelyCause", d.cause().description());
      n.put("action", d.action());
    }
    root.put("exceptionsOmitted", Math.max(0, worst.size() - JSON_EXCEPTIONS));
    ArrayNode trend = root.putArray("trend");
    for (RunSummary s : report.trend()) {
      ObjectNode n = trend.addObject();
      n.put("runId", s.runId());
      n.put("finishedAt", times.iso(s.finishedAt()));
      n.put("keysCompared", s.keysCompared());
      n.put("total", s.total());
      ObjectNode kinds = n.putObject("byKind");
      s.byKind().forEach((k, v) -> kinds.put(k.name(), v));
    }
    ArrayNode flows = root.putArray("freshness");
    Instant now = r.finishedAt();
    for (FlowFreshness flow : report.freshness()) {
      ObjectNode n = flows.addObject();
      n.put("flow", flow.flow());
      n.put("lastSuccess", flow.lastSuccess().map(times::iso).orElse(null));
      n.put("targetSeconds", flow.target().toSeconds());
      flow.age(now).ifPresent(age -> n.put("ageSeconds", age.toSeconds()));
      n.put("fresh", flow.fresh(now));
    }
    Holdings holdings = r.stats().holdings();
    ObjectNode held = root.putObject("heldBack");
    held.put("entries", holdings.entries());
    held.put("units", holdings.units());
    held.put("latencyBuffers", holdings.latencyBuffers());
    ArrayNode heldList = held.putArray("listed");
    for (Holdings.Held entry : holdings.listed()) {
      heldList.addObject().put("position", entry.key().toString()).put("sellable", entry.sellable()).put("held", entry.held())
          .put("why", entry.why());
    }
    ArrayNode finance = root.putArray("finance");
    for (WarehouseValue v : report.finance()) {
      ObjectNode n = finance.addObject();
      n.put("warehouse", v.warehouse());
      n.put("stockAtCost", v.stockAtCost());
      n.put("openOrderValue", v.openOrderValue());
      n.put("unvaluedItems", v.unvaluedItems());
    }
    io(() -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, root));
  }

  private static void summary(ObjectNode n, Findings f) {
    RunResult r = f.result();
    ObjectNode positions = n.putObject("positions");
    positions.put("compared", r.stats().keysCompared());
    positions.put("agree", r.stats().keysInAgreement());
    positions.put("explainedInFlight", r.stats().explainedInFlight());
    positions.put("withDiscrepancies", r.stats().keysWithDiscrepancies());
    n.put("discrepancies", r.discrepancies().size());
    n.put("stockDiscrepancies", r.stockDiscrepancies());
    n.put("catalogueDiscrepancies", r.catalogueDiscrepancies());
    n.put("corrected", r.corrections().size());
    n.put("alerted", r.alerted());
    n.put("autoResolved", r.autoResolved().size());
    ObjectNode kinds = n.putObject("byKind");
    f.byKind().forEach((k, v) -> kinds.put(k.name(), v));
    ObjectNode owners = n.putObject("byOwner");
    f.byOwner().forEach((k, v) -> owners.put(k.name(), v));
    ObjectNode outOfScope = n.putObject("notCompared");
    outOfScope.put("plannerRows", f.plannerRowsOutOfScope());
    ArrayNode warehouses = outOfScope.putArray("warehouses");
    for (UnmappedWarehouse w : r.outOfScope()) {
      warehouses.addObject().put("warehouse", w.warehouse().value()).put("plannerRows", w.plannerRows());
    }
  }

  /**
   * Writes every discrepancy as CSV with a header of {@link #CSV_COLUMNS}, one row each, in full
   * detail: both values, the in-flight movements with their idempotency keys, the likely cause,
   * the action and the one-sentence detail.
   *
   * @param report the report
   * @param out where to write
   * @throws StockbridgeException if writing fails
   */
  public static void csv(RunReport report, Writer out) {
    Checks.notNull("report", report);
    Checks.notNull("out", out);
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    CSV_COLUMNS.forEach(schema::addColumn);
    io(() -> {
      try (SequenceWriter rows = CSV.writer(schema.build()).writeValues(out)) {
        for (Discrepancy d : report.result().discrepancies()) {
          rows.write(new String[] {
              d.kind().name(), d.subject(),
              d.key().map(k -> k.sku().value()).orElse(""),
              d.key().map(k -> k.location().key()).orElse(""),
              d.owner().name(),
              text(d.expected()), text(d.shown()), Long.toString(d.residual()),
              d.inFlight().isEmpty() ? "" : Long.toString(Findings.inFlight(d)),
              d.inFlight().stream().map(m -> m.kind() + " " + m.quantity() + " " + m.idempotencyKey())
                  .collect(Collectors.joining("; ")),
              d.cause().name(), d.cause().description(), d.action(), d.detail()});
        }
      }
    });
  }

  /**
   * Writes the report as one HTML page for people: counts that add up, the warehouses left out,
   * counts by kind and owner, the worst drifts, each owner's exceptions with both values, likely
   * cause and action, the trend over recent runs, freshness per flow and the finance view. Inline CSS and SVG only,
   * no script and no external resource, so it reads offline; every value is HTML-escaped.
   *
   * @param report the report
   * @param out where to write
   * @throws StockbridgeException if writing fails
   */
  public static void html(RunReport report, Writer out) {
    Checks.notNull("report", report);
    Checks.notNull("out", out);
    String page = HtmlReport.render(report);
    io(() -> out.write(page));
  }

  private static void number(ObjectNode n, String field, OptionalLong value) {
    if (value.isPresent()) {
      n.put(field, value.getAsLong());
    } else {
      n.putNull(field);
    }
  }

  private static String text(OptionalLong value) {
    return value.isPresent() ? Long.toString(value.getAsLong()) : "";
  }

  private interface Io {
    void run() throws IOException;
  }

  private static void io(Io action) {
    try {
      action.run();
    } catch (IOException | UncheckedIOException e) {
      throw new StockbridgeException("could not write the reconciliation report: " + e.getMessage(), e);
    }
  }
}
