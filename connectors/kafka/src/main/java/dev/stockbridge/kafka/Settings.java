package dev.stockbridge.kafka;

import dev.stockbridge.SharedPools;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.spi.ExceptionStore;
import dev.stockbridge.spi.StorefrontStock;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/** The immutable configuration {@link KafkaStockbridge.Builder} copies at {@code build()}. */
record Settings(
    String bootstrapServers,
    String group,
    String instance,
    KafkaTopics topics,
    StorefrontStock storefront,
    BundleCatalogue bundles,
    SharedPools pools,
    ExceptionStore exceptions,
    AppliedListener listener,
    Clock clock,
    int parallelism,
    int maxBuffered,
    long groupCallsPerSecond,
    Duration retryInitial,
    Duration retryMax,
    Duration revokeGrace,
    Duration parkFor,
    Duration orderRetention,
    Map<String, Object> clientProperties) {

  Settings {
    clientProperties = Map.copyOf(clientProperties);
  }

  /** Names the settings, with every client property that may hold a secret redacted. */
  @Override
  public String toString() {
    Map<String, Object> shown = new java.util.TreeMap<>();
    clientProperties.forEach((k, v) -> shown.put(k, secret(k) ? "****" : v));
    return "KafkaStockbridge[bootstrap=" + bootstrapServers + ", group=" + group + ", instance=" + instance + ", topics="
        + topics + ", parallelism=" + parallelism + ", maxBuffered=" + maxBuffered + ", groupCallsPerSecond="
        + groupCallsPerSecond + ", client=" + shown + "]";
  }

  static boolean secret(String property) {
    String name = property.toLowerCase(java.util.Locale.ROOT);
    return name.contains("password") || name.contains("jaas") || name.contains("secret") || name.contains("token")
        || name.contains("key");
  }

  /** The properties every client of this instance starts from; the host's overrides last. */
  Map<String, Object> client(String role) {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "stockbridge-" + instance + "-" + role);
    props.putAll(clientProperties);
    return props;
  }
}
