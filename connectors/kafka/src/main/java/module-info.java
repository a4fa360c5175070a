/**
 * Stockbridge on Kafka: movements partitioned by (SKU, location) across a consumer group. The
 * Kafka client is an automatic module (it ships no descriptor); its admin client is part of the API
 * ({@code KafkaTopics.create}).
 */
module dev.stockbridge.kafka {
  requires transitive dev.stockbridge.core;
  requires transitive kafka.clients;
  requires com.fasterxml.jackson.databind;
  requires dev.failsafe.core;

  exports dev.stockbridge.kafka;
}
