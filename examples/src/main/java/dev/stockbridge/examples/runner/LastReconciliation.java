package dev.stockbridge.examples.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last reconciliation's summary, as {@code stockbridge reconcile} (another process) left it in
 * {@code <dataDirectory>/reports/reconciliation.json}: for the status page and the drift metric.
 * Read afresh each time; the file is small. Stateless.
 */
final class LastReconciliation {

  private LastReconciliation() {}

  /**
   * The summary, if a reconciliation has run and its report can be read.
   *
   * @param report the JSON report
   * @return when it finished, the discrepancies and the counts by kind; empty otherwise
   */
  static Optional<Map<String, Object>> read(Path report) {
    if (!Files.isRegularFile(report)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JsonMapper.builder().build().readTree(report.toFile());
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("finishedAt", root.path("finishedAt").asText());
      summary.put("positionsCompared", root.path("summary").path("positions").path("compared").asLong());
      summary.put("discrepancies", root.path("summary").path("discrepancies").asLong());
      Map<String, Long> byKind = new LinkedHashMap<>();
      root.path("summary").path("byKind").properties().forEach(kind -> byKind.put(kind.getKey(), kind.getValue().asLong()));
      summary.put("byKind", byKind);
      return Optional.of(summary);
    } catch (IOException unreadable) {
      return Optional.empty(); // being rewritten by a reconcile run right now, or damaged: the page says none
    }
  }

  /**
   * The number of discrepancies the last run found, for the metric.
   *
   * @param report the JSON report
   * @return the count, or NaN before the first run
   */
  static double discrepancies(Path report) {
    return read(report).map(summary -> ((Long) summary.get("discrepancies")).doubleValue()).orElse(Double.NaN);
  }
}
