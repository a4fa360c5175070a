package dev.stockbridge.kafka;

import dev.stockbridge.Checks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The four topics Stockbridge uses on Kafka.
 *
 * @param intake where order messages arrive, under any key (a commercetools subscription uses one
 *     fixed key): at least once and unordered
 * @param movements the movements re-keyed by (SKU, location); each partition has one writer, and
 *     its offsets are the sequences of the partition's ledger on the storefront entries
 * @param orderLedger the compacted changelog of the order ledger, partition for partition beside
 *     the intake topic, written in the intake's transactions
 * @param deadLetter where an intake message no code can read is moved, unchanged and with headers
 *     naming where it came from and why, in the same transaction that passes its offset: not
 *     dropped silently (kept 30 days when {@link #create} makes the topic), and never in the way of
 *     the messages after it
 */
public record KafkaTopics(String intake, String movements, String orderLedger, String deadLetter) {

  /**
   * Validates the names.
   *
   * @throws dev.stockbridge.InvalidValueException if a name is blank or two are the same
   */
  public KafkaTopics {
    Checks.token("intake", intake, 249);
    Checks.token("movements", movements, 249);
    Checks.token("orderLedger", orderLedger, 249);
    Checks.token("deadLetter", deadLetter, 249);
    if (new java.util.HashSet<>(List.of(intake, movements, orderLedger, deadLetter)).size() < 4) {
      throw new dev.stockbridge.InvalidValueException("topics", List.of(intake, movements, orderLedger, deadLetter), "must be four topics");
    }
  }

  /**
   * The topics with the dead letters beside the intake: {@code <intake>.dead-letter}.
   *
   * @param intake where order messages arrive
   * @param movements the re-keyed movements
   * @param orderLedger the order ledger's changelog
   * @throws dev.stockbridge.InvalidValueException if a name is blank or two are the same
   */
  public KafkaTopics(String intake, String movements, String orderLedger) {
    this(intake, movements, orderLedger, intake + ".dead-letter");
  }

  /**
   * The conventional names under a prefix: {@code prefix.intake}, {@code prefix.movements},
   * {@code prefix.order-ledger}, {@code prefix.dead-letter}.
   *
   * @param prefix e.g. {@code "stockbridge"}
   * @return the topics
   */
  public static KafkaTopics prefixed(String prefix) {
    return new KafkaTopics(prefix + ".intake", prefix + ".movements", prefix + ".order-ledger", prefix + ".dead-letter");
  }

  /**
   * Creates the topics where missing: the order ledger compacted and with the intake's partitions,
   * the dead letters with one partition kept 30 days (long enough to look at and replay them).
   * The number of movement partitions caps how many instances write at once; never change it on a
   * running topic (keys would move to partitions of other ledgers while their movements wait).
   *
   * @param admin an admin client
   * @param intakePartitions partitions of the intake and the order ledger
   * @param movementPartitions partitions of the movements topic
   * @param replication the replication factor (3 in production, 1 on a single test broker)
   * @throws dev.stockbridge.StockbridgeException if the broker refused
   */
  public void create(Admin admin, int intakePartitions, int movementPartitions, short replication) {
    Checks.positive("intakePartitions", intakePartitions);
    Checks.positive("movementPartitions", movementPartitions);
    List<NewTopic> topics = List.of(
        new NewTopic(intake, intakePartitions, replication),
        new NewTopic(movements, movementPartitions, replication),
        new NewTopic(orderLedger, intakePartitions, replication).configs(Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
        new NewTopic(deadLetter, 1, replication).configs(Map.of(
            TopicConfig.RETENTION_MS_CONFIG, Long.toString(java.time.Duration.ofDays(30).toMillis()))));
    for (NewTopic topic : topics) {
      try {
        admin.createTopics(List.of(topic)).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new dev.stockbridge.StockbridgeException("could not create topic " + topic.name() + ": " + e.getCause(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new dev.stockbridge.StockbridgeException("interrupted creating topic " + topic.name(), e);
      }
    }
  }
}
