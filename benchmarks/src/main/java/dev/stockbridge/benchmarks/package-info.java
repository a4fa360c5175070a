/**
 * JMH benchmarks, each run beside its naive baseline in the same run so that the ratio, not the
 * noisy absolute time, is what gets reported. Entry point: {@link
 * dev.stockbridge.benchmarks.QueueBenchmark}; run them from the shaded {@code benchmarks.jar} as
 * the module's README describes.
 */
package dev.stockbridge.benchmarks;
