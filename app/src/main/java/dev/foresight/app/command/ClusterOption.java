package dev.foresight.app.command;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --bootstrap-servers} of the commands that otherwise start the embedded broker. */
public final class ClusterOption {

  @Option(names = "--bootstrap-servers", paramLabel = "B",
      description = "Use this Kafka cluster (its topics are created when missing) instead of the embedded broker.")
  String bootstrapServers;

  /** The given cluster, or the embedded broker in {@code kafkaDir} on {@code port}; topics provisioned. */
  Broker open(Path kafkaDir, int port) throws IOException {
    return Broker.open(bootstrapServers, kafkaDir, port);
  }
}
