/**
 * The engine that applies movements to the storefront exactly once. {@link
 * dev.stockbridge.engine.StockEngine} is the entry point, configured by its builder with {@link
 * dev.stockbridge.engine.PeakWindow}s and reporting {@link dev.stockbridge.engine.EngineHealth}.
 *
 * <p>Everything else here is package-private: the collaborators behind the facade (intake, lanes,
 * dispatcher, writer, settlement, recovery, bundle derivation, holdbacks), each with its
 * thread-safety stated in its own javadoc. Keeping them in the facade's package, rather than in a
 * public sub-package, lets the language itself keep them out of reach and leaves no package cycle.
 */
package dev.stockbridge.engine;
