package dev.foresight.app.broker;

import dev.foresight.schema.Topic;
import dev.foresight.schema.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates every topic of {@link Topics#ALL} that does not exist yet, each with its configs.
 *
 * <p>All topics get the same partition count: the differ joins render plans and renders by change
 * id, which needs co-partitioned topics. Existing topics are left as they are.
 */
public final class TopicProvisioner {

  private static final long TIMEOUT_SECONDS = 60;

  private TopicProvisioner() {}

  /** Idempotent: running it again, or concurrently from several instances, is harmless. */
  public static void ensureTopics(String bootstrap, int partitions, short replicationFactor) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = Topics.ALL.stream()
          .filter(topic -> !existing.contains(topic.name()))
          .map(topic -> newTopic(topic, partitions, replicationFactor))
          .toList();
      if (missing.isEmpty()) {
        return;
      }
      CreateTopicsResult result = admin.createTopics(missing);
      for (Map.Entry<String, KafkaFuture<Void>> entry : result.values().entrySet()) {
        try {
          entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey() + " on "
                + bootstrap + ": " + e.getCause().getMessage(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics on " + bootstrap, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("cannot list topics on " + bootstrap
          + " (is Kafka running there? check --bootstrap-servers): " + cause.getMessage(), cause);
    }
  }

  private static NewTopic newTopic(Topic<?> topic, int partitions, short replicationFactor) {
    return new NewTopic(topic.name(), partitions, replicationFactor).configs(topic.configs());
  }
}
