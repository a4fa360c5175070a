package dev.stockbridge.flow;

import dev.stockbridge.Location;
import java.util.Set;

/**
 * Port: where feeds go (the Inventory Planner connector implements it: the Starter files in a
 * directory, the Advanced files over SFTP). It turns a run's {@link FeedInput} into files and says
 * what it wrote.
 */
public interface FeedPublisher {

  /**
   * The locations whose stock the products must carry.
   *
   * @return the locations, e.g. every location of the feed's warehouse
   */
  Set<Location> locations();

  /**
   * Writes or uploads the feeds of one run.
   *
   * @param input the run's catalogue, stock and demand
   * @return what was published
   * @throws dev.stockbridge.StockbridgeException if publishing fails; a feed already published
   *     stays, one not yet published is not half written
   */
  FeedPublication publish(FeedInput input);
}
