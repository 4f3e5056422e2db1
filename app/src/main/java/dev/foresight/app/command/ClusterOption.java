package dev.foresight.app.command;

import dev.foresight.app.broker.ClusterFootprint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
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

  /**
   * For the demo, whose stages use the usual group ids on the usual topics: refuses a given
   * cluster where Foresight has groups or records, as the demo would join that pipeline there.
   * Nothing to check for the embedded broker.
   */
  void requireUnusedBy(String command) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      return;
    }
    ClusterFootprint found = ClusterFootprint.of(bootstrapServers);
    if (found.empty()) {
      return;
    }
    StringBuilder what = new StringBuilder();
    if (!found.groups().isEmpty()) {
      what.append("groups ").append(String.join(", ", found.groups()));
    }
    if (!found.records().isEmpty()) {
      what.append(what.isEmpty() ? "" : "; ").append("records in ").append(found.records().entrySet().stream()
          .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")));
    }
    throw new IllegalStateException("refusing to run on " + bootstrapServers + ": Foresight has been used there ("
        + what + "). The " + command + " runs its stages with Foresight's own consumer groups on Foresight's "
        + "topics, so it would join that pipeline: its publisher would take that cluster's reports into the "
        + command + "'s archive and the renderers there would get the " + command + "'s changes of a local sample "
        + "repository. Run `foresight " + command + "` without --bootstrap-servers (embedded Kafka), or point it "
        + "at a dedicated, empty cluster.");
  }
}
