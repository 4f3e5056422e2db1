package dev.foresight.app.broker;

import dev.foresight.schema.Topic;
import dev.foresight.schema.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What Foresight has left on a cluster: its groups (consumer, Streams and any other type whose id
 * starts with {@code foresight-}) and the records in its topics. Empty means no Foresight has run
 * there, so the demo may run its stages with their usual group ids without taking part in one.
 *
 * @param groups the ids of the {@code foresight-} groups, sorted
 * @param records the records (offset span) of each Foresight topic that holds any, by topic name
 */
public record ClusterFootprint(List<String> groups, Map<String, Long> records) {

  private static final long TIMEOUT_SECONDS = 30;

  public boolean empty() {
    return groups.isEmpty() && records.isEmpty();
  }

  /** Looks at the cluster at {@code bootstrap}; changes nothing there. */
  public static ClusterFootprint of(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      List<String> groups = admin.listGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
          .map(GroupListing::groupId).filter(id -> id.startsWith("foresight-")).sorted().toList();
      return new ClusterFootprint(groups, records(admin));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking at the cluster " + bootstrap, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("cannot look at the cluster " + bootstrap
          + " (is Kafka running there? check --bootstrap-servers): " + cause.getMessage(), cause);
    }
  }

  private static Map<String, Long> records(Admin admin)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    List<String> ours = Topics.ALL.stream().map(Topic::name).filter(existing::contains).toList();
    Map<String, Long> records = new TreeMap<>();
    if (ours.isEmpty()) {
      return records;
    }
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (TopicDescription topic : admin.describeTopics(ours).allTopicNames()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()) {
      topic.partitions().forEach(p -> {
        earliest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.earliest());
        latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest());
      });
    }
    Map<TopicPartition, ListOffsetsResultInfo> from = admin.listOffsets(earliest).all()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, ListOffsetsResultInfo> to = admin.listOffsets(latest).all()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    to.forEach((partition, end) -> {
      long span = end.offset() - from.get(partition).offset();
      if (span > 0) {
        records.merge(partition.topic(), span, Long::sum);
      }
    });
    return records;
  }
}
