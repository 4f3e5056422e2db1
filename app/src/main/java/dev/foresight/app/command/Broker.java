package dev.foresight.app.command;

import dev.foresight.app.broker.EmbeddedKafka;
import dev.foresight.app.broker.TopicProvisioner;
import dev.foresight.schema.Topics;
import java.io.IOException;
import java.nio.file.Path;

/** Kafka for a command: an existing cluster, or the embedded single-node broker. */
final class Broker implements AutoCloseable {

  private final EmbeddedKafka embedded;
  private final String bootstrapServers;

  private Broker(EmbeddedKafka embedded, String bootstrapServers) {
    this.embedded = embedded;
    this.bootstrapServers = bootstrapServers;
  }

  /** Uses {@code bootstrap} when given, else starts the embedded broker in {@code dataDir}; creates the topics. */
  static Broker open(String bootstrap, Path dataDir, int port) throws IOException {
    if (bootstrap != null && !bootstrap.isBlank()) {
      TopicProvisioner.ensureTopics(bootstrap, Topics.DEFAULT_PARTITIONS, (short) 1);
      return new Broker(null, bootstrap);
    }
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, port);
    try {
      TopicProvisioner.ensureTopics(kafka.bootstrapServers(), Topics.DEFAULT_PARTITIONS, (short) 1);
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    return new Broker(kafka, kafka.bootstrapServers());
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  boolean embedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
