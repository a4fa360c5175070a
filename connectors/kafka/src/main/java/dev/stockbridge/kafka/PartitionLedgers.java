package dev.stockbridge.kafka;

import dev.stockbridge.StockbridgeException;
import dev.stockbridge.spi.Ledger;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

/**
 * The ledger identity of each movements partition: {@code k<topic id>-p<partition>}, so the
 * partition's offsets are that ledger's sequences on the storefront entries (offset + 1: a mark is
 * positive). Every key lives in one partition, so its sequences rise with the offsets. A topic
 * deleted and created again restarts its offsets at 0 under a new topic id, hence a new ledger:
 * its movements never pass for applied ones of the old topic. Immutable.
 */
final class PartitionLedgers {

  private final String topicId;
  private final int partitions;

  PartitionLedgers(Uuid topicId, int partitions) {
    this.topicId = Long.toHexString(topicId.getMostSignificantBits());
    this.partitions = partitions;
  }

  /** Looks the movements topic up. */
  static PartitionLedgers of(Admin admin, String topic) {
    try {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      return new PartitionLedgers(description.topicId(), description.partitions().size());
    } catch (ExecutionException e) {
      throw new StockbridgeException("could not describe the movements topic " + topic + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StockbridgeException("interrupted describing " + topic, e);
    }
  }

  Ledger ledger(int partition) {
    return new Ledger("k" + topicId + "-p" + partition, false);
  }

  int partitions() {
    return partitions;
  }
}
