package dev.stockbridge.planner;

import org.slf4j.LoggerFactory;

/**
 * Hears about planner figures whose variant or warehouse has no mapping, so a person can add the
 * mapping before a stock-out. Called on the reading thread; must not throw.
 */
@FunctionalInterface
public interface UnmappedListener {

  /**
   * Handles one unmapped figure.
   *
   * @param signal what was not mapped and where it came from
   */
  void unmapped(UnmappedSignal signal);

  /**
   * The default: logs each signal as a warning.
   *
   * @return a logging listener
   */
  static UnmappedListener logging() {
    return signal -> LoggerFactory.getLogger(UnmappedListener.class).warn("unmapped: {}", signal.message());
  }
}
