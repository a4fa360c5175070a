package dev.stockbridge.reconcile;

/**
 * Where a tracked exception is in its lifecycle: {@code OPEN → ACKNOWLEDGED → RESOLVED}, or {@code
 * AUTO_RESOLVED} when a later full run no longer sees it. A closed exception seen again reopens.
 */
public enum ExceptionStatus {
  /** Raised, nobody has taken it yet. */
  OPEN,
  /** A person has taken it. */
  ACKNOWLEDGED,
  /** A person closed it. */
  RESOLVED,
  /** A later full reconciliation run no longer saw it. */
  AUTO_RESOLVED;

  /**
   * Whether the exception still needs a person.
   *
   * @return {@code true} for {@link #OPEN} and {@link #ACKNOWLEDGED}
   */
  public boolean active() {
    return this == OPEN || this == ACKNOWLEDGED;
  }
}
