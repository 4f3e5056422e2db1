package dev.foresight.app.command;

import dev.foresight.app.runtime.RuntimeOptions;
import dev.foresight.app.runtime.Services;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

  /** How long a shutdown hook waits for the stages and the broker to close. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  @Mixin DataDirOption dataDir;
  @Mixin StageOptions stage;
  @Mixin ClusterOption cluster;

  @Option(names = "--port", defaultValue = "9092", description = "Embedded broker port (default: 9092).")
  int port;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    boolean interrupted = false;
    // The JVM halts once its hooks return: the hook waits for the close below, not just signals it.
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        closed.await(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "foresight-up-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      try (Broker broker = cluster.open(dataDir.get().resolve("kafka"), port);
          Services services = Services.startAll(new RuntimeOptions(broker.bootstrapServers(), dataDir.get(),
              stage.webhookPort, StageOptions.webhookSecret(), stage.workers(), Duration.ofMinutes(10),
              dataDir.cacheMaxBytes()))) {
        System.out.printf("foresight is up: Kafka %s%s, archive %s; Ctrl-C stops%n", broker.bootstrapServers(),
            broker.embedded() ? " (embedded)" : "",
            dataDir.get().resolve("archive"));
        try {
          stop.await();
        } catch (InterruptedException e) {
          interrupted = true; // asked to stop by whoever runs us in a thread; close first, flag after
        }
      }
    } finally {
      closed.countDown();
      removeHook(hook);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    System.out.println("foresight stopped");
    return 0;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is what stopped us; it is running and ends now that everything is closed
    }
  }
}
