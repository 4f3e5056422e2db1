package dev.foresight.app.command;

import dev.foresight.app.runtime.RuntimeOptions;
import dev.foresight.app.runtime.Services;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code foresight up}: every stage in one JVM, on the embedded broker unless one is given. Runs
 * until the JVM is asked to stop (Ctrl-C, SIGTERM) or its thread is interrupted; either way the
 * stages and the broker are closed before it returns 0.
 */
@Command(name = "up", description = "Run all four stages in this JVM (embedded Kafka unless --bootstrap-servers).")
public final class UpCommand implements Callable<Integer> {

  @Mixin DataDirOption dataDir;
  @Mixin StageOptions stage;
  @Mixin ClusterOption cluster;

  @Option(names = "--port", defaultValue = "9092", description = "Embedded broker port (default: 9092).")
  int port;

  @Override
  public Integer call() throws Exception {
    long cacheMaxBytes = dataDir.cacheMaxBytes(); // a bad value fails here, before a broker or topic exists
    try (UntilStopped until = UntilStopped.install("foresight-up")) {
      try (Broker broker = cluster.open(dataDir.checked().resolve("kafka"), port);
          Services services = Services.startAll(new RuntimeOptions(broker.bootstrapServers(), dataDir.get(),
              stage.webhookPort, StageOptions.webhookSecret(), stage.workers(), Duration.ofMinutes(10),
              cacheMaxBytes))) {
        System.out.printf("foresight is up: Kafka %s%s, archive %s; Ctrl-C stops%n", broker.bootstrapServers(),
            broker.embedded() ? " (embedded)" : "",
            dataDir.get().resolve("archive"));
        until.await();
      }
    }
    System.out.println("foresight stopped");
    return 0;
  }
}
