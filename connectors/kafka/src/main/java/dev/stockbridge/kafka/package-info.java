/**
 * Stockbridge on Kafka: movements partitioned by (SKU, location) across a consumer group. Entry
 * point: {@link dev.stockbridge.kafka.KafkaStockbridge}.
 */
package dev.stockbridge.kafka;
