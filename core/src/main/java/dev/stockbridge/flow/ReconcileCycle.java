package dev.stockbridge.flow;

import dev.stockbridge.reconcile.RunResult;
import java.nio.file.Path;

/**
 * What one reconciliation did. Immutable.
 *
 * @param result the run: discrepancies, stats, what was out of scope
 * @param positions counted positions compared with the storefront
 * @param html the HTML report written
 */
public record ReconcileCycle(RunResult result, int positions, Path html) {}
