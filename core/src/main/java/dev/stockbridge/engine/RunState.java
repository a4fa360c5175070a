package dev.stockbridge.engine;

import dev.stockbridge.StockbridgeException;

/**
 * Whether the engine runs: started, stopping, or halted by a fatal error in a writer. Thread-safe:
 * each flag is volatile; only the engine's lifecycle methods (under its monitor) start and stop it.
 */
final class RunState {
  volatile boolean started;
  volatile boolean stopping;
  volatile boolean halted;

  boolean running() {
    return started && !stopping && !halted;
  }

  void requireRunning(String action) {
    if (!running()) {
      throw new StockbridgeException("engine is not running: start() it before " + action);
    }
  }
}
