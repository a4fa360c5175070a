package dev.stockbridge.commercetools;

import dev.stockbridge.StockbridgeException;

/**
 * A supply channel could not be resolved: no channel with the key exists in the project, or a
 * channel has no location in the configured {@link LocationChannels}. Permanent until the channel
 * or the mapping is set up.
 */
public final class UnknownChannelException extends StockbridgeException {

  private final String channel;

  /**
   * Creates the exception.
   *
   * @param channel the channel key or id that could not be resolved
   * @param reason what is missing and what to check
   */
  public UnknownChannelException(String channel, String reason) {
    super("unknown supply channel '" + channel + "': " + reason);
    this.channel = channel;
  }

  /** The channel key or id that could not be resolved. @return the channel */
  public String channel() {
    return channel;
  }
}
