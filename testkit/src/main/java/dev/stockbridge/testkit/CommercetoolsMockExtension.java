package dev.stockbridge.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a running {@link CommercetoolsMock}: one server for the whole test run, started on
 * first use and stopped when the run ends (the root store closes it). Tests keep apart by using
 * unique SKUs and keys. Use with {@code @ExtendWith} and a {@link CommercetoolsMock} parameter.
 */
public final class CommercetoolsMockExtension implements ParameterResolver {

  /** Needs nothing: JUnit creates it. */
  public CommercetoolsMockExtension() {}

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CommercetoolsMockExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == CommercetoolsMock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(CommercetoolsMock.class, k -> CommercetoolsMock.start(), CommercetoolsMock.class);
  }
}
