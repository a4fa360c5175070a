package dev.stockbridge.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A check run inside a writing transaction, before it writes: it throws if the writer may no longer
 * write (a deposed lease holder), so the transaction rolls back and nothing of it is committed.
 */
@FunctionalInterface
interface Fence {

  /** No fence: every write goes through. */
  Fence NONE = connection -> {};

  /**
   * Checks, within the transaction about to write.
   *
   * @param connection the transaction's connection
   * @throws SQLException if the database fails
   * @throws FencedException if the writer is fenced off
   */
  void check(Connection connection) throws SQLException;
}
