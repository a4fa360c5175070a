package dev.stockbridge.commercetools;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.channel.Channel;
import com.commercetools.api.models.channel.ChannelPagedQueryResponse;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.stockbridge.StockbridgeException;
import java.util.List;

/**
 * Resolves supply channel keys to commercetools channel ids and back, caching both ways (channel
 * ids and keys do not change in practice). Thread-safe.
 */
public final class ChannelResolver {

  private final ProjectApiRoot api;
  private final Retries retries;
  private final Cache<String, String> idsByKey = Caffeine.newBuilder().maximumSize(10_000).build();
  private final Cache<String, String> keysById = Caffeine.newBuilder().maximumSize(10_000).build();

  ChannelResolver(ProjectApiRoot api) {
    this(api, Retries.NONE);
  }

  ChannelResolver(ProjectApiRoot api, Retries retries) {
    this.api = api;
    this.retries = retries;
  }

  /**
   * The id of the channel with a key.
   *
   * @param key the channel key
   * @return the channel id
   * @throws UnknownChannelException if the project has no channel with that key
   * @throws StockbridgeException if the lookup fails (transient failures as {@code
   *     TransientStorefrontException})
   */
  public String id(String key) {
    return idsByKey.get(key, this::lookUpId);
  }

  /**
   * The key of the channel with an id; the id itself for a channel without a key.
   *
   * @param id the channel id
   * @return the channel key
   * @throws UnknownChannelException if the project has no channel with that id
   * @throws StockbridgeException if the lookup fails
   */
  public String key(String id) {
    return keysById.get(id, this::lookUpKey);
  }

  private String lookUpId(String key) {
    ChannelPagedQueryResponse found =
        retries.body(
            () -> api.channels().get().withWhere("key = :key").withPredicateVar("key", key).withLimit(1).execute(),
            "find channel with key " + key);
    List<Channel> results = found.getResults();
    if (results.isEmpty()) {
      throw new UnknownChannelException(key, "the project has no channel with this key");
    }
    keysById.put(results.get(0).getId(), key);
    return results.get(0).getId();
  }

  private String lookUpKey(String id) {
    Channel channel;
    try {
      channel = retries.body(() -> api.channels().withId(id).get().execute(), "get channel " + id);
    } catch (CommercetoolsApiException e) {
      if (e.status() == 404) {
        throw new UnknownChannelException(id, "the project has no channel with this id");
      }
      throw e;
    }
    String key = channel.getKey() != null ? channel.getKey() : id;
    idsByKey.put(key, id);
    return key;
  }
}
