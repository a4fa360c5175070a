package dev.stockbridge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Storefront locations that draw on one stock pool. commercetools keeps one inventory entry per
 * supply channel, so when several channels sell from one warehouse, every change to the pool must
 * reach each channel's entry: a sale through one channel decrements its siblings too. Each entry
 * keeps its own sequence and exactly-once marker; the copies are keyed {@code <key>@<location>}.
 *
 * <p>A pool is one location for de-duplication: {@link #identity(Movement)} names a movement of a
 * pooled location by its key without any member suffix plus its own location, so the same event
 * delivered through member A (A's movement keyed {@code k}, B's copy {@code k@B}) and again through
 * member B (B's keyed {@code k}, A's copy {@code k@A}) counts once on every member. Immutable and
 * thread-safe.
 */
public final class SharedPools {

  private static final SharedPools NONE = new SharedPools(Map.of());

  private final Map<Location, List<Location>> siblings;

  private SharedPools(Map<Location, List<Location>> siblings) {
    this.siblings = siblings;
  }

  /**
   * No shared pools: every location is its own pool.
   *
   * @return the empty configuration
   */
  public static SharedPools none() {
    return NONE;
  }

  /**
   * Pools from groups of storefront locations.
   *
   * @param pools each group of locations that share one pool, at least two per group
   * @return the configuration
   * @throws InvalidValueException if a group has fewer than two locations or a location is in two
   *     groups
   */
  public static SharedPools of(Collection<? extends Collection<Location>> pools) {
    Map<Location, List<Location>> siblings = new HashMap<>();
    for (Collection<Location> pool : Checks.notNull("pools", pools)) {
      TreeSet<Location> members = new TreeSet<>(Checks.notNull("pool", pool));
      if (members.size() < 2) {
        throw new InvalidValueException("pool", pool, "must hold at least two distinct locations");
      }
      for (Location member : members) {
        List<Location> others = new ArrayList<>(members);
        others.remove(member);
        if (siblings.put(member, List.copyOf(others)) != null) {
          throw new InvalidValueException("location", member, "is in two shared pools");
        }
      }
    }
    return new SharedPools(Map.copyOf(siblings));
  }

  /**
   * The other storefront locations drawing on the same pool.
   *
   * @param location a storefront location
   * @return its siblings in key order, empty if it has its own pool
   */
  public List<Location> siblings(Location location) {
    return siblings.getOrDefault(location, List.of());
  }

  /**
   * What de-duplicates a movement: its idempotency key, or for a location in a shared pool, the key
   * suffixed with the movement's own location (a sibling's copy for it carries that suffix
   * already), whichever member the event came through.
   *
   * @param movement the movement
   * @return the identity the engine counts once
   */
  public String identity(Movement movement) {
    String key = movement.idempotencyKey();
    if (!siblings.containsKey(movement.location())) {
      return key;
    }
    String own = "@" + movement.location().key();
    return key.endsWith(own) ? key : key + own; // a sibling's copy for this location is keyed so already
  }

  /**
   * A movement's copies for the siblings of its location, keyed {@code <key>@<sibling>}.
   *
   * @param movement the movement
   * @return one copy per sibling, empty if its location has its own pool
   */
  public List<Movement> siblingCopies(Movement movement) {
    List<Movement> copies = new ArrayList<>();
    for (Location sibling : siblings(movement.location())) {
      copies.add(
          new Movement(
              movement.kind(),
              movement.sku(),
              sibling,
              movement.state(),
              movement.quantity(),
              movement.cause(),
              movement.idempotencyKey() + "@" + sibling.key(),
              Movement.UNSEQUENCED));
    }
    return copies;
  }
}
