package dev.stockbridge.engine;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The engine's counters for {@code health()}. Thread-safe: each is atomic on its own. */
final class Counters {
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong applied = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  /** Storefront requests, each paid with a permit of the rate limit. */
  final AtomicLong calls = new AtomicLong();
  final AtomicLong conflicts = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
}
