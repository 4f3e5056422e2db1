package dev.foresight.app.command;

import dev.foresight.app.runtime.RuntimeOptions;
import dev.foresight.app.runtime.Services;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code foresight up}: every stage in one JVM, on the embedded broker unless one is given. */
@Command(name = "up", description = "Run all four stages in this JVM (embedded Kafka unless --bootstrap-servers).")
public final class UpCommand implements Callable<Integer> {

  @Mixin DataDirOption dataDir;
  @Mixin StageOptions stage;

  @Option(names = "--port", defaultValue = "9092", description = "Embedded broker port (default: 9092).")
  int port;

  @Option(names = "--bootstrap-servers", paramLabel = "B", description = "Use this Kafka cluster instead of the embedded broker.")
  String bootstrapServers;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    try (Broker broker = Broker.open(bootstrapServers, dataDir.get().resolve("kafka"), port);
        Services services = Services.startAll(new RuntimeOptions(broker.bootstrapServers(), dataDir.get(),
            stage.webhookPort, StageOptions.webhookSecret(), stage.workers(), Duration.ofMinutes(10),
            dataDir.cacheMaxBytes()))) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      System.out.printf("foresight is up: Kafka %s%s, archive %s; Ctrl-C stops%n", broker.bootstrapServers(),
          broker.embedded() ? " (embedded)" : "",
          dataDir.get().resolve("archive"));
      stop.await();
    }
    return 0;
  }
}
