package dev.stockbridge.reconcile.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.stockbridge.Checks;
import dev.stockbridge.Movement;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Writes a {@link RunReport} as JSON, CSV or a self-contained HTML page. Each writer leaves the
 * {@link Writer} open. Stateless and thread-safe.
 */
public final class Reports {

  /** The CSV columns, in order. */
  public static final List<String> CSV_COLUMNS = List.of(
      "kind", "subject", "sku", "location", "expected", "shown", "residual", "in_flight",
      "cause", "action", "owner", "detail");

  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  private static final CsvMapper CSV = (CsvMapper) new CsvMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private Reports() {}

  /**
   * Writes the report as one JSON document: the run, its discrepancies, the trend, freshness and
   * finance.
   *
   * @param report the report
   * @param out where to write
   * @throws StockbridgeException if writing fails
   */
  public static void json(RunReport report, Writer out) {
    Checks.notNull("report", report);
    Checks.notNull("out", out);
    RunResult r = report.result();
    ObjectNode root = JSON.createObjectNode();
    root.put("runId", r.runId());
    root.put("startedAt", r.startedAt().toString());
    root.put("finishedAt", r.finishedAt().toString());
    root.put("keysCompared", r.stats().keysCompared());
    root.put("explainedInFlight", r.stats().explainedInFlight());
    root.put("corrections", r.corrections().size());
    root.put("autoResolved", r.autoResolved().size());
    ArrayNode list = root.putArray("discrepancies");
    for (Discrepancy d : r.discrepancies()) {
      ObjectNode n = list.addObject();
      n.put("kind", d.kind().name());
      n.put("subject", d.subject());
      d.key().ifPresent(k -> {
        n.put("sku", k.sku().value());
        n.put("location", k.location().key());
      });
      number(n, "expected", d.expected());
      number(n, "shown", d.shown());
      n.put("residual", d.residual());
      ArrayNode moving = n.putArray("inFlight");
      for (Movement m : d.inFlight()) {
        ObjectNode mn = moving.addObject();
        mn.put("kind", m.kind().name());
        mn.put("quantity", m.quantity());
        mn.put("cause", m.cause());
        mn.put("idempotencyKey", m.idempotencyKey());
      }
      n.put("cause", d.cause().name());
      n.put("causeDescription", d.cause().description());
      n.put("action", d.action());
      n.put("owner", d.owner().name());
      n.put("detail", d.detail());
    }
    ArrayNode trend = root.putArray("trend");
    for (RunSummary s : report.trend()) {
      ObjectNode n = trend.addObject();
      n.put("runId", s.runId());
      n.put("finishedAt", s.finishedAt().toString());
      n.put("keysCompared", s.keysCompared());
      n.put("total", s.total());
      ObjectNode kinds = n.putObject("byKind");
      s.byKind().forEach((k, v) -> kinds.put(k.name(), v));
    }
    ArrayNode flows = root.putArray("freshness");
    Instant now = r.finishedAt();
    for (FlowFreshness f : report.freshness()) {
      ObjectNode n = flows.addObject();
      n.put("flow", f.flow());
      n.put("lastSuccess", f.lastSuccess().map(Instant::toString).orElse(null));
      n.put("targetSeconds", f.target().toSeconds());
      f.age(now).ifPresent(age -> n.put("ageSeconds", age.toSeconds()));
      n.put("fresh", f.fresh(now));
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

  /**
   * Writes the discrepancies as CSV with a header of {@link #CSV_COLUMNS}, one row each.
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
              text(d.expected()), text(d.shown()), Long.toString(d.residual()),
              d.inFlight().stream().map(m -> m.kind() + " " + m.quantity()).collect(Collectors.joining("; ")),
              d.cause().name(), d.action(), d.owner().name(), d.detail()});
        }
      }
    });
  }

  /**
   * Writes the report as one HTML page for people: counts by kind and owner, the worst drifts,
   * the trend over recent runs, freshness per flow and the finance view. Inline CSS and SVG only,
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
