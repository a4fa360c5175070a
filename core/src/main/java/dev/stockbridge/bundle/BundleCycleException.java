package dev.stockbridge.bundle;

import dev.stockbridge.Sku;
import dev.stockbridge.StockbridgeException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A bundle catalogue contains a bundle that, directly or through nested bundles, contains itself.
 * Such a catalogue is refused when it is loaded, because selling the bundle would never reach
 * physical components.
 */
public final class BundleCycleException extends StockbridgeException {

  private final List<Sku> cycle;

  BundleCycleException(List<Sku> cycle) {
    super(
        "bundle cycle: "
            + cycle.stream().map(Sku::value).collect(Collectors.joining(" → "))
            + "; a bundle must not contain itself, directly or through nested bundles");
    this.cycle = List.copyOf(cycle);
  }

  /**
   * The bundles on the cycle, in containment order, starting and ending with the same bundle,
   * e.g. {@code [A, B, C, A]} when A contains B, B contains C and C contains A.
   *
   * @return the cycle
   */
  public List<Sku> cycle() {
    return cycle;
  }
}
