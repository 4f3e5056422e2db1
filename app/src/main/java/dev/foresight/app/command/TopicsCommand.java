package dev.foresight.app.command;

import dev.foresight.app.broker.TopicProvisioner;
import dev.foresight.schema.Topics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code foresight topics}: create the pipeline's topics on a cluster (idempotent). */
@Command(name = "topics", description = "Create Foresight's topics on a Kafka cluster (existing ones are kept).")
public final class TopicsCommand implements Callable<Integer> {

  @Option(names = "--bootstrap-servers", paramLabel = "B", required = true, description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--partitions", defaultValue = "" + Topics.DEFAULT_PARTITIONS, description = "Partitions per topic.")
  int partitions;

  @Option(names = "--replication-factor", defaultValue = "1", description = "Replication factor.")
  short replicationFactor;

  @Override
  public Integer call() {
    TopicProvisioner.ensureTopics(bootstrapServers, partitions, replicationFactor);
    Topics.ALL.forEach(t -> System.out.println(t.name()));
    return 0;
  }
}
