package dev.stockbridge.mapping;

import dev.stockbridge.StockbridgeException;
import java.util.List;

/**
 * A mapping could not be built because of problems in its entries or files. Carries every problem
 * found, not only the first; the message lists the first {@value #LISTED}.
 */
public final class MappingException extends StockbridgeException {

  /** How many problems the message lists. */
  public static final int LISTED = 10;

  private final List<MappingProblem> problems;

  MappingException(List<MappingProblem> problems, Throwable cause) {
    super(message(problems), cause);
    this.problems = List.copyOf(problems);
  }

  /**
   * Every problem found, in the order found.
   *
   * @return the problems, never empty
   */
  public List<MappingProblem> problems() {
    return problems;
  }

  private static String message(List<MappingProblem> problems) {
    StringBuilder message =
        new StringBuilder("invalid mapping: ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems");
    problems.stream().limit(LISTED).forEach(problem -> message.append("\n  ").append(problem));
    if (problems.size() > LISTED) {
      message.append("\n  and ").append(problems.size() - LISTED).append(" more");
    }
    return message.toString();
  }
}
