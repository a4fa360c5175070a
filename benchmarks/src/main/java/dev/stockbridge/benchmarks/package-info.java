/**
 * JMH benchmarks (not built yet), each run beside its naive baseline in the same run so that the
 * ratio, not the noisy absolute time, is what gets reported.
 */
package dev.stockbridge.benchmarks;
