/**
 * Benchmarks, each run beside its naive baseline in the same run so that the ratio, not the noisy
 * absolute time, is what gets reported: {@link dev.stockbridge.benchmarks.QueueBenchmark} (the
 * decrement queue), {@link dev.stockbridge.benchmarks.SalesOrdersFeedBenchmark} (the planner's
 * sales-orders feed), {@link dev.stockbridge.benchmarks.DiffBenchmark} (the reconciliation differ)
 * and {@link dev.stockbridge.benchmarks.FlashSaleBenchmark} (three writers against the commercetools
 * mock). Run them from the shaded {@code benchmarks.jar} as the module's README describes.
 */
package dev.stockbridge.benchmarks;
