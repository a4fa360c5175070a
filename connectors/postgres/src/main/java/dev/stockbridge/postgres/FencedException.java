package dev.stockbridge.postgres;

/**
 * A write by an instance that no longer holds the lease was refused: another instance took over,
 * and this one's write would race it. Nothing of the refused write was committed.
 */
public class FencedException extends PostgresStoreException {

  private static final long serialVersionUID = 1L;

  private final long token;

  /**
   * Creates the exception.
   *
   * @param lease the lease's name
   * @param token the fencing token the writer held
   */
  public FencedException(String lease, long token) {
    super("lease " + lease + " is no longer held with token " + token + ": another instance took over");
    this.token = token;
  }

  /**
   * The fencing token the refused writer held.
   *
   * @return the token
   */
  public long token() {
    return token;
  }
}
